package dev.jplay.modules.net;

import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wait_for for real on this machine: files in a temp folder, TCP ports on 127.0.0.1. */
class WaitForLocalTest {

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static ModuleResult waitFor(EnvConnection host, Map<String, Object> args) {
        return ModuleTestKit.of(new WaitForModule()).on(host).run(args);
    }

    private static EnvConnection local() {
        return new EnvConnection(Map.of());
    }

    private static void later(long ms, ThrowingRunnable r) {
        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(ms);
                r.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(s);
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void waitsForAFileInOneRoundTrip(@TempDir Path dir) {
        Path f = dir.resolve("ready");
        later(1500, () -> Files.writeString(f, "x"));
        EnvConnection host = local();
        ModuleResult r = waitFor(host, Map.of("path", f.toString(), "timeout", 10));
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed());
        assertEquals(1, host.execs.get(), "all polls happen in one command");
        long elapsed = ((Number) r.values().get("elapsed")).longValue();
        assertTrue(elapsed >= 1 && elapsed <= 4, "elapsed " + elapsed);
    }

    @Test
    void waitsForALineAndReturnsItsGroups(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "starting\n");
        later(1200, () -> Files.writeString(log, "starting\nlistening on port 8123 (pid=77)\n"));
        ModuleResult r = waitFor(local(), Map.of("path", log.toString(), "search_regex", "port (?P<port>\\d+) \\(pid=(\\d+)\\)",
                "timeout", 10));
        assertFalse(r.failed(), r.toString());
        assertEquals(List.of("8123", "77"), r.values().get("match_groups"));
        assertEquals(Map.of("port", "8123"), r.values().get("match_groupdict"));
    }

    @Test
    void waitsForAFileToGoAway(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("lock");
        Files.writeString(lock, "x");
        later(1200, () -> Files.delete(lock));
        ModuleResult r = waitFor(local(), Map.of("path", lock.toString(), "state", "absent", "timeout", 10));
        assertFalse(r.failed(), r.toString());
    }

    @Test
    void timesOutWithAnsiblesMessage(@TempDir Path dir) {
        Path f = dir.resolve("never");
        long start = System.nanoTime();
        ModuleResult r = waitFor(local(), Map.of("path", f.toString(), "timeout", 2));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.failed());
        assertEquals("Timeout when waiting for file " + f, r.msg());
        assertTrue(ms >= 1000 && ms < 5000, "took " + ms + " ms");
    }

    @Test
    void aPortThatOpensLater() throws Exception {
        int port = freePort();
        later(1200, () -> open.add(new ServerSocket(port, 50, InetAddress.getLoopbackAddress())));
        ModuleResult r = waitFor(local(), Map.of("port", port, "timeout", 10));
        assertFalse(r.failed(), r.toString());
        assertEquals(port, ((Number) r.values().get("port")).intValue());
    }

    @Test
    void stoppedSucceedsOnAClosedPortAndTimesOutOnAnOpenOne() throws Exception {
        assertFalse(waitFor(local(), Map.of("port", freePort(), "state", "stopped", "timeout", 5)).failed());
        ServerSocket s = listen();
        ModuleResult r = waitFor(local(), Map.of("port", s.getLocalPort(), "state", "stopped", "timeout", 1));
        assertTrue(r.failed());
        assertEquals("Timeout when waiting for 127.0.0.1:" + s.getLocalPort() + " to stop.", r.msg());
    }

    @Test
    void aPatternFromThePort() throws Exception {
        ServerSocket s = listen();
        CompletableFuture.runAsync(() -> {
            try {
                while (!s.isClosed()) {
                    try (Socket c = s.accept(); OutputStream out = c.getOutputStream()) {
                        out.write("SSH-2.0-jplaytest\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(200);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed by the test
            }
        });
        ModuleResult r = waitFor(local(), Map.of("port", s.getLocalPort(), "search_regex", "SSH-(\\d+\\.\\d+)-", "timeout", 10));
        assertFalse(r.failed(), r.toString());
        assertEquals(List.of("2.0"), r.values().get("match_groups"));
    }

    @Test
    void withoutBashOrNcTheListeningSocketsInProcStandIn(@TempDir Path bin) throws Exception {
        // a PATH with the basic tools but neither bash nor nc
        for (String tool : List.of("date", "sleep", "cat", "awk", "grep", "timeout", "mawk", "gawk")) {
            for (String d : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(d, tool);
                if (Files.exists(real) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
                }
            }
        }
        EnvConnection noBash = new EnvConnection(Map.of("PATH", bin.toString()));
        ServerSocket s = listen();
        assertFalse(waitFor(noBash, Map.of("port", s.getLocalPort(), "timeout", 5)).failed());
        int closed = freePort();
        ModuleResult stopped = waitFor(noBash, Map.of("port", closed, "state", "stopped", "timeout", 5));
        assertFalse(stopped.failed(), stopped.toString());
        ModuleResult remote = waitFor(noBash, Map.of("host", "198.18.77.1", "port", 22, "timeout", 5));
        assertTrue(remote.failed());
        assertEquals("wait_for cannot check this on testhost: testing a TCP port needs bash or nc (with -z) on the host, "
                + "or a local host address to look up in /proc/net/tcp", remote.msg());
    }

    @Test
    void drainedWaitsForEstablishedConnectionsOnThePort() throws Exception {
        ServerSocket s = listen();
        Socket client = new Socket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
        Socket served = s.accept();
        open.add(client);
        open.add(served);
        int port = s.getLocalPort();
        ModuleResult busy = waitFor(local(), Map.of("port", port, "state", "drained", "timeout", 1));
        assertTrue(busy.failed());
        assertEquals("Timeout when waiting for 127.0.0.1:" + port + " to drain", busy.msg());
        assertFalse(waitFor(local(), Map.of("port", port, "state", "drained", "timeout", 1, "exclude_hosts", List.of("127.0.0.1")))
                .failed(), "the only peer is excluded");
        // the client closes first, so the server side passes through CLOSE_WAIT/LAST_ACK, not TIME_WAIT
        later(1000, () -> {
            client.close();
            TimeUnit.MILLISECONDS.sleep(100);
            served.close();
        });
        ModuleResult drained = waitFor(local(), Map.of("port", port, "state", "drained", "timeout", 10));
        assertFalse(drained.failed(), drained.toString());
    }

    @Test
    void checkModeWaitsToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("there");
        Files.writeString(f, "x");
        ModuleResult r = ModuleTestKit.of(new WaitForModule()).on(local()).check(true).run(Map.of("path", f.toString()));
        assertFalse(r.failed());
        assertFalse(r.skipped());
    }
}
