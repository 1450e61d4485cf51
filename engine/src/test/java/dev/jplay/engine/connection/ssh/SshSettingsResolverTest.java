package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshSettingsResolverTest {

    @TempDir
    Path home;
    SshEnvironment env;
    Path sshDir;

    @BeforeEach
    void setUp() throws Exception {
        env = new SshEnvironment(home, Map.of(), "localme", List.of(Path.of("/etc/ssh/ssh_known_hosts")), null);
        sshDir = Files.createDirectories(home.resolve(".ssh"));
    }

    private SshSettings resolve(String name, Map<String, Object> vars, SshOptions cli) {
        return SshSettingsResolver.resolve(name, vars, cli, env);
    }

    private static Map<String, Object> vars(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsLikeOpenSsh() throws Exception {
        Files.writeString(sshDir.resolve("id_rsa"), "x");
        Files.writeString(sshDir.resolve("id_ed25519"), "x");
        SshSettings s = resolve("web1", Map.of(), SshOptions.NONE);
        assertEquals("web1", s.host());
        assertEquals(22, s.port());
        assertEquals("localme", s.user());
        assertEquals(List.of(sshDir.resolve("id_ed25519"), sshDir.resolve("id_rsa")), s.identityFiles());
        assertEquals(List.of(sshDir.resolve("known_hosts")), s.knownHostsFiles());
        assertEquals(List.of(Path.of("/etc/ssh/ssh_known_hosts")), s.readOnlyKnownHosts());
        assertFalse(s.acceptNewHostKeys());
        assertFalse(s.legacyAlgorithms());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertNull(s.password());
    }

    @Test
    void hostVariablesBeatTheCommandLineAndJplayNamesBeatAnsibleNames() {
        SshOptions cli = new SshOptions("cliuser", Path.of("/cli/key"), Duration.ofSeconds(3), true, Path.of("/cli/kh"));
        SshSettings s = resolve("web1", vars("ansible_host", "10.9.9.9", "jplay_host", "198.18.77.50", "ansible_port", "2222",
                "ansible_user", "deploy", "ansible_ssh_private_key_file", "/var/key", "ansible_ssh_timeout", 7,
                "jplay_ssh_accept_new_host_keys", false), cli);
        assertEquals("198.18.77.50", s.host());
        assertEquals(2222, s.port());
        assertEquals("deploy", s.user());
        assertEquals(List.of(Path.of("/var/key")), s.identityFiles());
        assertEquals(Duration.ofSeconds(7), s.connectTimeout());
        assertFalse(s.acceptNewHostKeys());
        assertEquals(List.of(Path.of("/cli/kh"), sshDir.resolve("known_hosts")), s.knownHostsFiles());
    }

    @Test
    void theCommandLineFillsWhatVariablesLeaveOpen() {
        SshOptions cli = new SshOptions("cliuser", Path.of("/cli/key"), Duration.ofMillis(2500), true, null);
        SshSettings s = resolve("web1", Map.of(), cli);
        assertEquals("cliuser", s.user());
        assertEquals(List.of(Path.of("/cli/key")), s.identityFiles());
        assertEquals(Duration.ofMillis(2500), s.connectTimeout());
        assertTrue(s.acceptNewHostKeys());
    }

    @Test
    void sshConfigAppliesToTheNameSshWouldBeGiven() throws Exception {
        Files.writeString(sshDir.resolve("config"), """
                Host web*
                  HostName %h.internal
                  User cfguser
                  Port 2022
                  IdentityFile ~/.ssh/web_key
                  UserKnownHostsFile ~/.ssh/kh_web
                  StrictHostKeyChecking accept-new
                  ConnectTimeout 4
                Host 198.18.77.*
                  User byaddress
                """);
        SshSettings s = resolve("web1", Map.of(), SshOptions.NONE);
        assertEquals("web1.internal", s.host());
        assertEquals("cfguser", s.user());
        assertEquals(2022, s.port());
        assertEquals(List.of(sshDir.resolve("web_key")), s.identityFiles());
        assertEquals(List.of(sshDir.resolve("kh_web")), s.knownHostsFiles(), "UserKnownHostsFile replaces ~/.ssh/known_hosts");
        assertTrue(s.acceptNewHostKeys());
        assertEquals(Duration.ofSeconds(4), s.connectTimeout());

        // with ansible_host set, ssh is given the address: the config matches that, as with Ansible
        SshSettings byAddr = resolve("web1", vars("ansible_host", "198.18.77.5"), SshOptions.NONE);
        assertEquals("198.18.77.5", byAddr.host());
        assertEquals("byaddress", byAddr.user());
    }

    @Test
    void commonArgsSitBetweenTheCommandLineAndTheSshConfig() throws Exception {
        Files.writeString(sshDir.resolve("config"), "Host *\n  Port 2022\n  StrictHostKeyChecking accept-new\n");
        SshSettings s = resolve("h", vars("ansible_ssh_common_args",
                "-o Port=2100 -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/dev/null -i /k/one -o HostKeyAlias=h-alias"),
                SshOptions.NONE);
        assertEquals(2100, s.port());
        assertFalse(s.acceptNewHostKeys());
        assertEquals(List.of(), s.knownHostsFiles(), "/dev/null means: no user known_hosts file");
        assertEquals(List.of(Path.of("/k/one")), s.identityFiles());
        assertEquals("h-alias", s.hostKeyAlias());
        assertEquals("h-alias", s.knownHostsName());
    }

    @Test
    void knownHostsVariablesComeFirstAndExpandTildeAndTokens() {
        SshSettings s = resolve("web1", vars("jplay_ssh_known_hosts_file", List.of("~/kh1", "/srv/%h/kh2"), "ansible_host", "a.b"),
                SshOptions.NONE);
        assertEquals(List.of(home.resolve("kh1"), Path.of("/srv/a.b/kh2"), sshDir.resolve("known_hosts")), s.knownHostsFiles());
    }

    @Test
    void hostKeyCheckingFalseMeansAcceptNewButNeverChanged() {
        assertTrue(resolve("h", vars("ansible_host_key_checking", "false"), SshOptions.NONE).acceptNewHostKeys());
        assertFalse(resolve("h", vars("ansible_host_key_checking", true), SshOptions.NONE).acceptNewHostKeys());
    }

    @Test
    void passwordAndLegacyAndAnotherConfigFile() throws Exception {
        Path cfg = home.resolve("other_config");
        Files.writeString(cfg, "Host *\n  User fromother\n");
        SshSettings s = resolve("h", vars("ansible_ssh_pass", "pw-123", "jplay_ssh_legacy_algorithms", "yes",
                "jplay_ssh_config_file", cfg.toString()), SshOptions.NONE);
        assertEquals("pw-123", s.password());
        assertTrue(s.legacyAlgorithms());
        assertEquals("fromother", s.user());
        assertFalse(s.toString().contains("pw-123"), s.toString());
        assertTrue(s.toString().contains("password set"));
    }

    @Test
    void noConfigFileWhenToldSo() throws Exception {
        Files.writeString(sshDir.resolve("config"), "Host *\n  User fromconfig\n");
        assertEquals("localme", resolve("h", vars("jplay_ssh_config_file", "none"), SshOptions.NONE).user());
        assertEquals("localme", resolve("h", vars("ansible_ssh_common_args", "-F none"), SshOptions.NONE).user());
    }

    @Test
    void unsupportedArgumentsBecomeWarnings() {
        SshSettings s = resolve("h", vars("ansible_ssh_extra_args", "-o ProxyJump=bastion"), SshOptions.NONE);
        assertEquals(List.of("ssh option -o ProxyJump is not supported by jplay and is ignored"), s.warnings());
    }

    @Test
    void badValuesNameTheHostAndVariable() {
        InputError port = assertThrows(InputError.class, () -> resolve("web1", vars("ansible_port", "http"), SshOptions.NONE));
        assertEquals("host 'web1': ansible_port expects a port number 1-65535, got 'http'", port.describe());
        InputError big = assertThrows(InputError.class, () -> resolve("web1", vars("ansible_port", 70000), SshOptions.NONE));
        assertTrue(big.getMessage().contains("got '70000'"));
        InputError t = assertThrows(InputError.class, () -> resolve("web1", vars("ansible_ssh_timeout", "soon"), SshOptions.NONE));
        assertEquals("ansible_ssh_timeout expects a positive number of seconds, got 'soon'", t.getMessage());
        InputError b = assertThrows(InputError.class,
                () -> resolve("web1", vars("jplay_ssh_legacy_algorithms", "maybe"), SshOptions.NONE));
        assertTrue(b.getMessage().contains("expects a boolean"));
        InputError shk = assertThrows(InputError.class,
                () -> resolve("web1", vars("ansible_ssh_common_args", "-o StrictHostKeyChecking=perhaps"), SshOptions.NONE));
        assertTrue(shk.getMessage().contains("StrictHostKeyChecking expects yes, ask, accept-new or no"));
        InputError cfg = assertThrows(InputError.class,
                () -> resolve("web1", vars("jplay_ssh_config_file", "/no/such/config"), SshOptions.NONE));
        assertTrue(cfg.getMessage().contains("/no/such/config does not exist"));
    }
}
