package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Algorithm policy against real servers: a second sshd on h1 (port 2222) that offers only SHA-1 key
 * exchange, ssh-rsa (SHA-1) host key signatures, CBC and hmac-sha1, as very old servers do; and RSA
 * host keys on a modern server, which must work with rsa-sha2 signatures.
 */
@Tag("sshhosts")
class SshAlgorithmsHostTest {

    private static final int LEGACY_PORT = 2222;
    private static final String PID_FILE = "/run/jplay-test-legacy-sshd.pid";

    private static SshTestHosts hosts;
    private static SshTestHosts.Host host;
    private static SshConnection root;
    private static String rsaKey;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startLegacySshd() throws Exception {
        hosts = SshTestHosts.require();
        host = hosts.first();
        root = hosts.connect(host.name(), "root");
        Path dir = hosts.state().resolve(host.name());
        String[] f = Files.readString(dir.resolve("ssh_host_rsa_key.pub")).trim().split(" ");
        rsaKey = f[0] + " " + f[1];
        ExecResult r = root.exec(ExecRequest.of("[ -f " + PID_FILE + " ] && kill $(cat " + PID_FILE + ") 2>/dev/null; sleep 0.2; "
                + "/usr/sbin/sshd -f " + dir.resolve("sshd_config") + " -p " + LEGACY_PORT + " -o PidFile=" + PID_FILE
                + " -o HostKey=" + dir.resolve("ssh_host_rsa_key") + " -o HostKeyAlgorithms=ssh-rsa"
                + " -o KexAlgorithms=diffie-hellman-group14-sha1 -o Ciphers=aes128-cbc -o MACs=hmac-sha1"
                + " -E /tmp/jplay-test-legacy-sshd.log && sleep 0.3 && cat " + PID_FILE));
        assertEquals(0, r.exitCode(), "legacy sshd did not start: " + r.err());
    }

    @AfterAll
    static void stopLegacySshd() throws Exception {
        if (root != null) {
            root.exec(ExecRequest.of("kill $(cat " + PID_FILE + ") && rm -f " + PID_FILE));
            root.close();
        }
    }

    private static SshSettings settings(int port, String knownHostsLine, boolean legacy) throws Exception {
        Path kh = Files.createTempFile(tmp, "known_hosts", "");
        Files.writeString(kh, knownHostsLine + "\n");
        Map<String, Object> vars = hosts.hostVars(host.name(), "root");
        vars.put("ansible_port", port);
        vars.put("jplay_ssh_known_hosts_file", kh.toString());
        vars.put("jplay_ssh_legacy_algorithms", legacy);
        return SshSettingsResolver.resolve(host.name(), vars, SshOptions.NONE, hosts.environment());
    }

    @Test
    void anOldServerIsRefusedByDefaultWithAHint() throws Exception {
        SshSettings s = settings(LEGACY_PORT, "[" + host.address() + "]:" + LEGACY_PORT + " " + rsaKey, false);
        ConnectionException e = assertThrows(ConnectionException.class, () -> SshConnection.open(s, hosts.environment(), w -> { }));
        System.out.println("legacy server, default policy: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("no SSH algorithm in common with " + host.address() + " port " + LEGACY_PORT), e.getMessage());
        assertTrue(e.getMessage().contains("jplay_ssh_legacy_algorithms: true"), e.getMessage());
    }

    @Test
    void legacyAlgorithmsReachAnOldServer() throws Exception {
        // also checks the [host]:port form of known_hosts
        SshSettings s = settings(LEGACY_PORT, "[" + host.address() + "]:" + LEGACY_PORT + " " + rsaKey, true);
        try (SshConnection c = SshConnection.open(s, hosts.environment(), w -> { })) {
            assertEquals("ok", c.exec(ExecRequest.of("echo ok")).outTrimmed());
        }
    }

    @Test
    void anRsaHostKeyOnAModernServerIsVerifiedWithSha2Signatures() throws Exception {
        // only the RSA key is known: jplay must ask for it (rsa-sha2-512), not for ed25519, and verify it
        SshSettings s = settings(22, host.address() + " " + rsaKey, false);
        try (SshConnection c = SshConnection.open(s, hosts.environment(), w -> { })) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
    }
}
