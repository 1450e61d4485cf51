package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host key verification against real servers, with known_hosts files the tests write themselves. */
@Tag("sshhosts")
class SshHostKeyTest {

    private static SshTestHosts hosts;
    private static SshTestHosts.Host host;
    private static String realKey;        // "ssh-ed25519 AAAA..." of the host
    private static String realFingerprint;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        hosts = SshTestHosts.require(2);
        host = hosts.hosts().get(1);
        Path pub = hosts.state().resolve(host.name()).resolve("ssh_host_ed25519_key.pub");
        String[] f = Files.readString(pub).trim().split(" ");
        realKey = f[0] + " " + f[1];
        realFingerprint = run("ssh-keygen", "-lf", pub.toString()).split(" ")[1];
    }

    private SshSettings settings(Path knownHosts, boolean acceptNew) {
        Map<String, Object> vars = hosts.hostVars(host.name(), "root");
        vars.put("jplay_ssh_known_hosts_file", knownHosts.toString());
        vars.put("jplay_ssh_accept_new_host_keys", acceptNew);
        return SshSettingsResolver.resolve(host.name(), vars, SshOptions.NONE, SshEnvironment.isolated(tmp.resolve("home")));
    }

    private ConnectionException refused(SshSettings s) {
        return assertThrows(ConnectionException.class, () -> SshConnection.open(s, SshEnvironment.isolated(tmp.resolve("home")), w -> { }));
    }

    @Test
    void anUnknownHostKeyIsRefusedWithHowToTrustIt() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "# nothing known yet\n");
        ConnectionException e = refused(settings(kh, false));
        String m = e.getMessage();
        System.out.println("unknown host key message: " + m);
        assertTrue(m.contains("is not known"), m);
        assertTrue(m.contains(realFingerprint), "shows the offered key's fingerprint " + realFingerprint + ": " + m);
        assertTrue(m.contains("ssh-keyscan -p 22 " + host.address() + " >> " + kh), m);
        assertTrue(m.contains("--accept-new-host-keys"), m);
        assertEquals("# nothing known yet\n", Files.readString(kh), "nothing written without accept-new");
    }

    @Test
    void acceptNewRecordsTheKeyAndTheNextConnectionTrustsIt() throws Exception {
        Path kh = tmp.resolve("sub/dir/known_hosts");   // missing directories are created
        List<String> warnings = new ArrayList<>();
        try (SshConnection c = SshConnection.open(settings(kh, true), SshEnvironment.isolated(tmp.resolve("home")), warnings::add)) {
            assertEquals(host.name(), c.exec(ExecRequest.of("hostname")).outTrimmed());
        }
        assertEquals(host.address() + " " + realKey + "\n", Files.readString(kh));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("permanently added") && w.contains(realFingerprint)), warnings.toString());
        try (SshConnection c = SshConnection.open(settings(kh, false), SshEnvironment.isolated(tmp.resolve("home")), w -> { })) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
        assertEquals(1, Files.readAllLines(kh).size(), "a known key is not written again");
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWithAcceptNew() throws Exception {
        // the host's address listed with another host's key: what a man in the middle looks like
        Path otherPub = hosts.state().resolve(hosts.first().name()).resolve("ssh_host_ed25519_key.pub");
        String[] f = Files.readString(otherPub).trim().split(" ");
        Path kh = tmp.resolve("known_hosts");
        String content = "# line 1\n" + host.address() + " " + f[0] + " " + f[1] + "\n";
        Files.writeString(kh, content);
        ConnectionException e = refused(settings(kh, true));
        String m = e.getMessage();
        System.out.println("changed host key message: " + m);
        assertTrue(m.contains("HAS CHANGED"), m);
        assertTrue(m.contains(kh + ":2"), "names the offending line: " + m);
        assertTrue(m.contains(realFingerprint), m);
        assertTrue(m.contains("ssh-keygen -R " + host.address() + " -f " + kh), m);
        assertEquals(content, Files.readString(kh), "accept-new must not touch a changed key");
    }

    @Test
    void hashedKnownHostsEntriesAreHonoured() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, host.address() + " " + realKey + "\n");
        run("ssh-keygen", "-H", "-f", kh.toString());
        String hashed = Files.readString(kh);
        assertTrue(hashed.startsWith("|1|"), hashed);
        try (SshConnection c = SshConnection.open(settings(kh, false), SshEnvironment.isolated(tmp.resolve("home")), w -> { })) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.writeString(kh, "@revoked * " + realKey + "\n" + host.address() + " " + realKey + "\n");
        String m = refused(settings(kh, true)).getMessage();
        assertTrue(m.contains("@revoked") && m.contains(kh + ":1"), m);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
