package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hosts that hang: one accepts TCP and never says a word, one sends an SSH banner and then nothing.
 * Both are UNREACHABLE after the connect timeout (--ssh-timeout), the real hosts finish every task,
 * and the whole run takes about the timeout, not forever.
 */
@Tag("sshhosts")
class HangingHostTest {
    private static final int TIMEOUT_S = 3;

    @TempDir
    Path dir;

    /** A TCP server on 127.0.0.1 that accepts connections and holds them, optionally after a greeting. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer(String greeting) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        Socket s = server.accept();
                        held.add(s);
                        if (greeting != null) {
                            OutputStream o = s.getOutputStream();
                            o.write(greeting.getBytes(StandardCharsets.US_ASCII));
                            o.flush();
                        }
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void silentAndHalfSpeakingHostsAreUnreachableAndTheOthersFinish() throws Exception {
        FaultHosts hosts = FaultHosts.require(2);
        List<String> real = List.of(hosts.host(0), hosts.host(1));
        String remote = "/root/jplay-faults/hang-" + System.nanoTime();
        try (SilentServer silent = new SilentServer(null); SilentServer banner = new SilentServer("SSH-2.0-OpenSSH_9.2p1\r\n")) {
            // credentials as for the real hosts: what hangs must be the server, not a missing key
            String hostVars = " ansible_host=127.0.0.1 ansible_user=root jplay_ssh_config_file=none ansible_ssh_private_key_file="
                    + hosts.hosts().key() + " jplay_ssh_known_hosts_file=" + hosts.hosts().knownHosts();
            Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(real,
                    "silent" + hostVars + " ansible_port=" + silent.port(),
                    "halfway" + hostVars + " ansible_port=" + banner.port()));
            Path pb = Files.writeString(dir.resolve("site.yml"), """
                    - hosts: targets
                      gather_facts: false
                      tasks:
                        - name: first
                          file: {path: %1$s, state: directory}
                        - name: second
                          copy: {content: "2\\n", dest: %1$s/two.txt}
                        - name: third
                          copy: {content: "3\\n", dest: %1$s/three.txt}
                    """.formatted(remote));

            long t0 = System.nanoTime();
            InProcessJplay r = InProcessJplay.run(pb, "-i", inv, "--ssh-timeout", TIMEOUT_S, "-f", "4");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("run with two hanging hosts: " + ms + " ms\n" + r.out());

            assertEquals(4, r.exitCode(), r.all());
            Recap recap = Recap.of(r.out());
            for (String hung : List.of("silent", "halfway")) {
                assertEquals(1, recap.get(hung, "unreachable"), r.all());
                assertEquals(0, recap.get(hung, "ok"), r.all());
            }
            assertTrue(r.out().contains("timed out after " + TIMEOUT_S + " s"), r.all());
            for (String h : real) {
                assertEquals(3, recap.get(h, "ok"), r.all());
                assertEquals(0, recap.get(h, "unreachable") + recap.get(h, "failed"), r.all());
                assertEquals("3", hosts.check(h, "cat " + remote + "/three.txt"));
                hosts.check(h, "rm -rf " + remote);
            }
            assertTrue(silent.accepted() >= 1 && banner.accepted() >= 1, "jplay did connect to both");
            // bounded: one connect timeout (the hanging hosts are tried in parallel with the others), plus slack for a busy machine
            assertTrue(ms < (TIMEOUT_S + 30) * 1000L, "took " + ms + " ms");
        }
    }
}
