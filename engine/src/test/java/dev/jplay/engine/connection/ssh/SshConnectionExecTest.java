package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands over one real SSH connection to the harness's first host. */
@Tag("sshhosts")
class SshConnectionExecTest {

    private static SshTestHosts hosts;
    private static SshConnection root;

    @BeforeAll
    static void connect() throws Exception {
        hosts = SshTestHosts.require();
        root = hosts.connect(hosts.first().name(), "root");
    }

    @AfterAll
    static void close() {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void theJdksProvidersComeFirstAndBouncyCastleLast() throws Exception {
        // SshAlgorithms: ciphers must come from the JDK (signed) even with jplay's unsigned copy of BouncyCastle
        java.security.Provider[] all = java.security.Security.getProviders();
        assertEquals("BC", all[all.length - 1].getName());
        assertEquals("SunJCE", javax.crypto.Cipher.getInstance("AES/CTR/NoPadding").getProvider().getName());
        assertEquals(hosts.first().name(), root.exec(ExecRequest.of("hostname")).outTrimmed());
    }

    @Test
    void runsScriptsAndReportsExitCodesAndBothStreams() throws Exception {
        ExecResult r = root.exec(ExecRequest.of("hostname; echo oops >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals(hosts.first().name(), r.outTrimmed());
        assertEquals("oops", r.errTrimmed());
        assertEquals(0, root.exec(ExecRequest.of("true")).exitCode());
        assertEquals(1, root.exec(ExecRequest.of("false")).exitCode());
        assertEquals(127, root.exec(ExecRequest.of("no-such-command-jplay")).exitCode());
    }

    @Test
    void scriptsRunInPosixShWhateverTheLoginShell() throws Exception {
        // root's login shell is bash; the script must still run in /bin/sh (dash), as with LocalConnection
        ExecResult r = root.exec(ExecRequest.of("readlink /proc/$$/exe; echo \"$0\""));
        assertEquals("/usr/bin/dash\n/bin/sh", r.outTrimmed());
    }

    @Test
    void environmentAndQuotingSurviveTheTrip() throws Exception {
        String tricky = "it's \"quoted\" $HOME `x` \\ ; & | * \n second line";
        ExecResult r = root.exec(ExecRequest.of("printf '%s' \"$V\"").withEnv(Map.of("V", tricky)));
        assertEquals(tricky, r.out());
    }

    @Test
    void aCommandKilledBySignalReports128PlusSignal() throws Exception {
        assertEquals(137, root.exec(ExecRequest.of("kill -9 $$")).exitCode());
        assertEquals(143, root.exec(ExecRequest.of("kill -TERM $$")).exitCode());
    }

    @Test
    void timeoutKillsTheCommandAndReturns124ButKeepsTheConnection() throws Exception {
        long t0 = System.nanoTime();
        ExecResult r = root.exec(ExecRequest.of("echo started; sleep 31; echo never").withTimeout(Duration.ofSeconds(1)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(124, r.exitCode());
        assertEquals("started", r.outTrimmed());
        assertTrue(r.err().contains("timed out after 1 s"), r.err());
        assertTrue(ms < 5000, "returned after " + ms + " ms");
        // the remote sleep got SIGKILL (sshd supports the signal request); nothing of it is left
        ExecResult left = root.exec(ExecRequest.of("pgrep -fx 'sleep 31' || true"));
        assertEquals("", left.outTrimmed());
        assertEquals("still here", root.exec(ExecRequest.of("echo still here")).outTrimmed());
    }

    @Test
    void streamsFiveMegabytesOfStdinAndBack() throws Exception {
        byte[] payload = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));

        ExecResult sum = root.exec(ExecRequest.of("sha256sum | cut -d' ' -f1").withStdin(payload));
        assertEquals(0, sum.exitCode(), sum.err());
        assertEquals(sha, sum.outTrimmed());

        ExecResult echo = root.exec(ExecRequest.of("cat").withStdin(payload));
        assertArrayEquals(payload, echo.stdout());
    }

    @Test
    void largeOutputOnBothStreamsDoesNotDeadlock() throws Exception {
        // 3 MB on stdout and 3 MB on stderr, interleaved: both must be drained concurrently
        ExecResult r = root.exec(ExecRequest.of(
                "i=0; while [ $i -lt 3 ]; do head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; i=$((i+1)); done")
                .withTimeout(Duration.ofSeconds(60)));
        assertEquals(0, r.exitCode());
        assertEquals(3 * 1048576, r.stdout().length);
        assertEquals(3 * 1048576, r.stderr().length);
    }

    @Test
    void aCommandThatIgnoresItsStdinStillCompletes() throws Exception {
        byte[] payload = new byte[4 * 1024 * 1024];
        ExecResult r = root.exec(ExecRequest.of("echo done").withStdin(payload).withTimeout(Duration.ofSeconds(30)));
        assertEquals(0, r.exitCode());
        assertEquals("done", r.outTrimmed());
    }

    @Test
    void concurrentCallersShareTheConnectionSafely() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                results.add(pool.submit(() -> root.exec(ExecRequest.of("sleep 0.0$((" + n + " % 10)); echo " + n)
                        .withStdin(("in" + n).getBytes(StandardCharsets.UTF_8)))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(String.valueOf(i), results.get(i).get().outTrimmed());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedConnectionRefusesFurtherCommands() throws Exception {
        SshConnection c = hosts.connect(hosts.first().name(), "root");
        assertEquals("ssh root@" + hosts.first().address() + ":22", c.describe());
        c.close();
        ConnectionException e = assertThrows(ConnectionException.class, () -> c.exec(ExecRequest.of("true")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
