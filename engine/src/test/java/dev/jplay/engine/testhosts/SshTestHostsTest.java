package dev.jplay.engine.testhosts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SshTestHosts fails (never skips) when the hosts are not up, and reads the harness's env file. */
class SshTestHostsTest {

    @TempDir
    Path state;

    @AfterEach
    void reset() {
        System.clearProperty("jplay.sshd.state");
    }

    @Test
    void missingHostsFailWithTheCommandThatStartsThem() {
        System.setProperty("jplay.sshd.state", state.toString());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, SshTestHosts::require);
        assertTrue(e.getMessage().contains("SSH test hosts are not up") && e.getMessage().contains("testhosts/sshd-hosts.sh up 5"),
                e.getMessage());
    }

    @Test
    void hostsThatDoNotAnswerFailNamingTheHost() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(state.resolve("hosts.env"), String.join("\n", "STATE=" + state, "SCRIPT=/x/sshd-hosts.sh", "HOSTS=h1",
                "ADDR_h1=127.0.0.1", "PORT=" + closedPort, "KEY=/k", "KNOWN_HOSTS=/kh", ""));
        System.setProperty("jplay.sshd.state", state.toString());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, SshTestHosts::require);
        assertTrue(e.getMessage().contains("SSH test host h1 (127.0.0.1:" + closedPort + ") does not answer"), e.getMessage());
        assertTrue(e.getMessage().contains("/x/sshd-hosts.sh start-host h1"), e.getMessage());

        SshTestHosts hosts = SshTestHosts.fromEnvFile(state.resolve("hosts.env"));
        assertEquals(List.of(new SshTestHosts.Host("h1", "127.0.0.1")), hosts.hosts());
        assertEquals(Path.of("/kh"), hosts.knownHosts());
        assertEquals(closedPort, hosts.hostVars("h1", "root").get("ansible_port"));
    }
}
