package dev.jplay.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnsibleConfigTest {
    @TempDir
    Path tmp;

    private Path write(String rel, String text) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void ansiblesOrderAnsibleConfigThenTheFolderThenHome() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        write("home/.ansible.cfg", "[defaults]\nforks = 1\n");
        assertEquals(home.resolve(".ansible.cfg"), AnsibleConfig.load(Map.of(), cwd, home).file());
        write("work/ansible.cfg", "[defaults]\nforks = 2\n");
        assertEquals(Optional.of("2"), AnsibleConfig.load(Map.of(), cwd, home).text(ConfigSetting.FORKS));
        Path named = write("elsewhere/ansible.cfg", "[defaults]\nforks = 3\n");
        assertEquals(named, AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", named.toString()), cwd, home).file());
        // a folder in ANSIBLE_CONFIG means its ansible.cfg
        assertEquals(named, AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", named.getParent().toString()), cwd, home).file());
        // the variable wins over the file, and says so
        AnsibleConfig c = AnsibleConfig.load(Map.of("ANSIBLE_FORKS", "9"), cwd, home);
        assertEquals(new AnsibleConfig.Value("9", "ANSIBLE_FORKS"), c.values().get(ConfigSetting.FORKS));
    }

    @Test
    void aWorldWritableFoldersAnsibleCfgIsSkippedWithANotice() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("open"));
        write("open/ansible.cfg", "[defaults]\nforks = 2\n");
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxrwxrwx"));
        AnsibleConfig c = AnsibleConfig.load(Map.of(), cwd, tmp.resolve("nohome"));
        assertNull(c.file());
        assertTrue(c.notices().get(0).contains("world writable directory"), c.notices()::toString);
    }

    @Test
    void pathsAreRelativeToTheFileAndWhatIsNotHonouredIsNamedOnce() throws IOException {
        Path cfg = write("proj/ansible.cfg", """
                # a comment
                [defaults]
                inventory = hosts.ini,more.ini
                roles_path = roles:/opt/roles
                gathering = smart ; an inline comment
                pipelining = True
                [ssh_connection]
                pipelining = True
                [privilege_escalation]
                become = yes
                """);
        AnsibleConfig c = AnsibleConfig.load(Map.of("ANSIBLE_CONFIG", cfg.toString(), "ANSIBLE_STRATEGY", "free"), tmp, tmp);
        Path dir = cfg.getParent();
        assertEquals(Optional.of(dir.resolve("hosts.ini") + "," + dir.resolve("more.ini")), c.text(ConfigSetting.INVENTORY));
        assertEquals(Optional.of(dir.resolve("roles") + ",/opt/roles"), c.text(ConfigSetting.ROLES_PATH));
        assertEquals(Optional.of(true), c.bool(ConfigSetting.BECOME));
        assertEquals(List.of("ANSIBLE_STRATEGY", "defaults.gathering", "defaults.pipelining"), c.ignored());
        assertTrue(c.ignoredWarning().orElseThrow().startsWith(
                "jplay does not honour these Ansible settings: ANSIBLE_STRATEGY, defaults.gathering, defaults.pipelining"));
        assertTrue(c.describe().contains("  privilege_escalation.become = yes (" + cfg + "; -b)"), c.describe()::toString);
    }

    @Test
    void iniAsConfigparserReadsIt() {
        IniFile ini = IniFile.parse("[a]\nK1 = v1\nk2: v2 ; c\nk3 = first\n  second\n; comment\n");
        assertEquals(Map.of("a", Map.of("k1", "v1", "k2", "v2", "k3", "first\nsecond")), ini.entries());
        assertThrows(IllegalArgumentException.class, () -> IniFile.parse("forks = 3\n"));
        assertThrows(IllegalArgumentException.class, () -> IniFile.parse("[a\n"));
    }
}
