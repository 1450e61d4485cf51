package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ansible.builtin.apt_repository for real on sources in a temp dir, found through apt-config as Ansible
 * finds them (APT_CONFIG points apt at the temp dir); the expected files are what ansible-playbook 2.14 wrote.
 */
class AptRepositoryLocalTest {

    @TempDir
    Path tmp;

    private RealRun run() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-config")), "apt-config is not installed");
        Files.createDirectories(tmp.resolve("parts"));
        Files.createDirectories(tmp.resolve("apt.conf.d"));
        Path conf = Files.writeString(tmp.resolve("apt.conf"), "Dir::Etc \"" + tmp + "\";\nDir::Etc::sourcelist \"sources.list\";\n"
                + "Dir::Etc::sourceparts \"parts\";\n");
        return new RealRun(new LocalConnection()).env(Map.of("APT_CONFIG", conf.toString()));
    }

    @Test
    void addsToTheDerivedFileNormalisesAsAnsibleThenConvergesThenRemoves() throws IOException {
        RealRun run = run();
        Path list = Files.writeString(tmp.resolve("sources.list"), "deb  http://deb.debian.org/debian bookworm main\n"
                + "#deb http://x/y z main # old\n\n");
        Map<String, Object> docker = Map.of("repo", "deb [arch=amd64] https://user:pw@download.docker.com/linux/debian bookworm stable",
                "update_cache", false, "mode", "0600");
        ModuleResult r = run.run(new AptRepositoryModule(), docker);
        assertTrue(r.changed(), r.toString());
        Path added = tmp.resolve("parts/download_docker_com_linux_debian.list");
        assertEquals("deb [arch=amd64] https://user:pw@download.docker.com/linux/debian bookworm stable\n", Files.readString(added));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(added)));
        assertEquals("deb http://deb.debian.org/debian bookworm main\n# deb http://x/y z main # old\n\n", Files.readString(list));
        assertFalse(run.run(new AptRepositoryModule(), docker).changed());

        assertTrue(run.run(new AptRepositoryModule(), Map.of("repo", "deb http://x/y z main", "update_cache", false)).changed());
        assertEquals("deb http://deb.debian.org/debian bookworm main\ndeb http://x/y z main # old\n\n", Files.readString(list));

        assertTrue(run.run(new AptRepositoryModule(), Map.of("repo", docker.get("repo"), "state", "absent", "update_cache", false))
                .changed());
        assertFalse(Files.exists(added), "the emptied file was kept");
    }

    @Test
    void checkModeWritesNothingAndANewlineIsRefused() throws IOException {
        RealRun run = run();
        ModuleResult r = run.check(true).run(new AptRepositoryModule(), Map.of("repo", "deb http://x/y z main", "filename", "chrome"));
        assertTrue(r.changed(), r.toString());
        assertFalse(Files.exists(tmp.resolve("parts/chrome.list")));
        ModuleResult bad = run.check(false).run(new AptRepositoryModule(), Map.of("repo", "deb http://x/y z main\ndeb http://evil/ z main",
                "update_cache", false));
        assertTrue(bad.failed() && bad.msg().contains("repo must be one line"), bad.toString());
        assertFalse(Files.exists(tmp.resolve("parts/x_y.list")));
    }
}
