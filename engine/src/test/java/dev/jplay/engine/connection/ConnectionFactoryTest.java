package dev.jplay.engine.connection;

import dev.jplay.engine.connection.ssh.SshConnection;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionFactoryTest {

    @TempDir
    Path tmp;

    @Test
    void localConnectionByEitherVariable() throws Exception {
        try (Connection c = ConnectionFactory.open("localhost", Map.of("ansible_connection", "local"), SshOptions.NONE)) {
            assertInstanceOf(LocalConnection.class, c);
        }
        try (Connection c = ConnectionFactory.open("x", Map.of("ansible_connection", "ssh", "jplay_connection", "local"), null)) {
            assertInstanceOf(LocalConnection.class, c);
        }
    }

    @Test
    void anUnknownConnectionTypeIsAnInputError() {
        InputError e = assertThrows(InputError.class,
                () -> ConnectionFactory.open("web1", Map.of("ansible_connection", "winrm"), SshOptions.NONE));
        assertEquals("host 'web1': connection type 'winrm' is not supported: expected local or ssh", e.describe());
    }

    @Test
    void sshIsTheDefaultAndConnectsEagerly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Object> vars = Map.of("ansible_host", "127.0.0.1", "ansible_port", port, "ansible_ssh_pass", "x",
                "jplay_ssh_config_file", "none");
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> ConnectionFactory.open("web1", vars, SshOptions.NONE, SshEnvironment.isolated(tmp), w -> { }));
        assertTrue(e.getMessage().startsWith("connection refused by 127.0.0.1 port " + port), e.getMessage());
    }

    @Test
    @Tag("sshhosts")
    void opensAnSshConnectionToATestHost() throws Exception {
        SshTestHosts hosts = SshTestHosts.require();
        String h = hosts.first().name();
        try (Connection c = ConnectionFactory.open(h, hosts.hostVars(h, "jpuser"), SshOptions.NONE, hosts.environment(), w -> { })) {
            assertInstanceOf(SshConnection.class, c);
            assertEquals("jpuser@" + h, c.exec(ExecRequest.of("echo \"$(id -un)@$(hostname)\"")).outTrimmed());
        }
    }
}
