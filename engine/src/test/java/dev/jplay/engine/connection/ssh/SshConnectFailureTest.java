package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connect failures against loopback stand-ins (no test hosts needed): every one a clear, bounded ConnectionException. */
class SshConnectFailureTest {

    @TempDir
    Path tmp;

    private ConnectionException connect(int port, Object timeoutSeconds) {
        Map<String, Object> vars = Map.of("ansible_host", "127.0.0.1", "ansible_port", port, "ansible_user", "nobody",
                "ansible_ssh_pass", "secret-pw-123", "ansible_ssh_timeout", timeoutSeconds, "jplay_ssh_config_file", "none");
        SshEnvironment env = SshEnvironment.isolated(tmp);
        SshSettings s = SshSettingsResolver.resolve("stand-in", vars, SshOptions.NONE, env);
        ConnectionException e = assertThrows(ConnectionException.class, () -> SshConnection.open(s, env, w -> { }));
        assertFalse(e.getMessage().contains("secret-pw-123"), e.getMessage());
        return e;
    }

    @Test
    void aClosedPortIsRefusedAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        ConnectionException e = connect(port, 5);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().startsWith("connection refused by 127.0.0.1 port " + port), e.getMessage());
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void aServerThatAcceptsButNeverSpeaksTimesOutWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            ConnectionException e = connect(silent.getLocalPort(), "1.5");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("silent server: " + e.getMessage() + " after " + ms + " ms");
            assertTrue(e.getMessage().startsWith("timed out after 1.5 s during the SSH handshake with 127.0.0.1 port"), e.getMessage());
            assertTrue(ms >= 1400 && ms < 4000, "took " + ms + " ms");
        }
    }

    @Test
    void somethingThatIsNotAnSshServer() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // test over
                }
            });
            server.setDaemon(true);
            server.start();
            ConnectionException e = connect(http.getLocalPort(), 5);
            System.out.println("not ssh: " + e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1 port " + http.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void anUnresolvableNameIsReported() {
        Map<String, Object> vars = Map.of("ansible_host", "no-such-host.invalid", "ansible_ssh_pass", "x",
                "jplay_ssh_config_file", "none");
        SshEnvironment env = SshEnvironment.isolated(tmp);
        SshSettings s = SshSettingsResolver.resolve("web1", vars, SshOptions.NONE, env);
        ConnectionException e = assertThrows(ConnectionException.class, () -> SshConnection.open(s, env, w -> { }));
        assertTrue(e.getMessage().startsWith("cannot resolve host name 'no-such-host.invalid' (inventory host web1)"), e.getMessage());
    }
}
