package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures (prints, asserts no timing): connect time, and the per-command round trip of {@code true}
 * over an open connection with TCP_NODELAY (jplay's setting) and without it (Nagle), and what the
 * {@code exec /bin/sh -c} wrapper costs.
 */
@Tag("sshhosts")
class SshRoundTripTest {

    private static final int WARMUP = 30;
    private static final int RUNS = 200;

    @Test
    void measureConnectAndRoundTrip() throws Exception {
        SshTestHosts hosts = SshTestHosts.require();
        String h = hosts.first().name();
        hosts.connect(h, "root").close();   // JVM warm-up: class loading, crypto providers, key decryption
        long[] connectMs = new long[5];
        for (int i = 0; i < connectMs.length; i++) {
            long t0 = System.nanoTime();
            SshConnection c = hosts.connect(h, "root");
            connectMs[i] = (System.nanoTime() - t0) / 1_000_000;
            c.close();
        }
        System.out.printf("connect (TCP + handshake + key auth), 5 warm runs: %s ms%n", java.util.Arrays.toString(connectMs));

        try (SshConnection c = hosts.connect(h, "root")) {
            Socket socket = c.socket();
            assertTrue(socket.getTcpNoDelay(), "jplay's sockets have TCP_NODELAY");
            double withNoDelay = perCommandMillis(c);
            socket.setTcpNoDelay(false);
            double withNagle = perCommandMillis(c);
            socket.setTcpNoDelay(true);
            double again = perCommandMillis(c);
            System.out.printf("round trip of `true` over an open connection: TCP_NODELAY %.2f ms, Nagle %.2f ms,"
                    + " TCP_NODELAY again %.2f ms (%d runs each)%n", withNoDelay, withNagle, again, RUNS);

            ExecutorService io = Executors.newCachedThreadPool();
            try {
                double raw = rawMillis(c, "true", io);
                double wrapped = rawMillis(c, RemoteCommand.commandLine("true"), io);
                System.out.printf("raw channel exec: `true` %.2f ms, with jplay's wrapper (PID line + exec /bin/sh -c) %.2f ms%n", raw, wrapped);
            } finally {
                io.shutdownNow();
            }
        }
    }

    private static double perCommandMillis(SshConnection c) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            c.exec(ExecRequest.of("true"));
        }
        return (System.nanoTime() - t0) / 1e6 / RUNS;
    }

    private static double rawMillis(SshConnection c, String commandLine, ExecutorService io) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            RemoteCommand.run(c.client(), commandLine, new byte[0], Duration.ZERO, io, pgid -> { });
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            RemoteCommand.run(c.client(), commandLine, new byte[0], Duration.ZERO, io, pgid -> { });
        }
        return (System.nanoTime() - t0) / 1e6 / RUNS;
    }
}
