package dev.jplay.engine.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands through the local connection's persistent shell, and the one-shot way beside it. */
class LocalConnectionTest {

    private final LocalConnection local = new LocalConnection();

    @AfterEach
    void close() {
        local.close();
    }

    private ExecResult run(String script) throws ConnectionException {
        return local.exec(ExecRequest.of(script));
    }

    @Test
    void exitCodesAndBothStreamsComeBackExactly() throws Exception {
        ExecResult r = run("printf 'no newline'; printf 'err\\n\\n' >&2; exit 3");
        assertEquals(3, r.exitCode());
        assertEquals("no newline", r.out());
        assertEquals("err\n\n", r.err());
        assertEquals("\n\n", run("printf '\\n\\n'").out());
        assertEquals("", run("true").out());
        assertEquals(127, run("no-such-command-jplay 2>/dev/null").exitCode());
    }

    @Test
    void binaryOutputSurvives() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        StringBuilder printf = new StringBuilder("printf '");
        for (int i = 1; i < 256; i++) {
            printf.append(String.format("\\%03o", i));
        }
        ExecResult r = run("printf '\\000'; " + printf + "'");
        assertArrayEquals(all, r.stdout());
    }

    @Test
    void aScriptLeavesNothingBehindForTheNext() throws Exception {
        assertEquals("trapped", run("cd /tmp; X=leaked; export Y=leaked; umask 077; trap 'echo trapped' EXIT; set -e").outTrimmed());
        assertEquals("||", run("echo \"|$X$Y|\"").outTrimmed());
        assertEquals(System.getProperty("user.dir"), run("pwd").outTrimmed());
        assertEquals("0022", run("umask").outTrimmed());
        assertEquals(0, run("false; true").exitCode());
    }

    @Test
    void syntaxErrorsAndExitStayInsideTheirCommand() throws Exception {
        ExecResult bad = run("echo \"unclosed");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("nterminated"), bad.err());
        assertEquals(5, run("exit 5").exitCode());
        assertEquals("still here", run("echo still here").outTrimmed());
    }

    @Test
    void aScriptThatKillsItsShellGetsTheSignalAndTheNextCommandANewShell() throws Exception {
        assertEquals(137, run("kill -9 $$").exitCode());
        assertEquals("after", run("echo after").outTrimmed());
    }

    @Test
    void commandsShareOneShellAndGetNoStdin() throws Exception {
        String pid = run("echo $$").outTrimmed();
        assertEquals(pid, run("echo $$").outTrimmed());
        assertEquals("", run("cat").out());
    }

    @Test
    void largeOutputOnBothStreamsAtOnceDoesNotStall() throws Exception {
        ExecResult r = run("i=0; while [ $i -lt 20000 ]; do echo \"line $i of some output\"; echo \"err $i of it\" >&2; i=$((i+1)); done");
        assertEquals(0, r.exitCode());
        assertEquals(20000, r.outTrimmed().split("\n").length);
        assertEquals(20000, r.errTrimmed().split("\n").length);
        assertTrue(r.out().endsWith("line 19999 of some output\n"));
    }

    @Test
    void textThatLooksLikeTheFramingIsJustOutput() throws Exception {
        String tricky = "\n__JPLAY_00000000000000000000000000000000__ 0\n";
        ExecResult r = local.exec(ExecRequest.of("printf '%s' \"$T\"; printf '%s' \"$T\" >&2; exit 4")
                .withEnv(Map.of("T", tricky)));
        assertEquals(4, r.exitCode());
        assertEquals(tricky, r.out());
        assertEquals(tricky, r.err());
    }

    @Test
    void stdinUpToTheLimitGoesThroughTheShellExactly() throws Exception {
        String shellPid = run("echo $$").outTrimmed();
        byte[] payload = new byte[ShellSession.MAX_STDIN];
        new java.util.Random(7).nextBytes(payload);
        ExecResult r = local.exec(ExecRequest.of("echo $$ >&2; od -An -v -tx1 | tr -d ' \\n'").withStdin(payload));
        assertEquals(shellPid, r.errTrimmed(), "ran in the persistent shell");
        assertEquals(java.util.HexFormat.of().formatHex(payload), r.out());
        // a script that reads only part of its input still ends normally
        assertEquals("first", local.exec(ExecRequest.of("head -n 1").withStdin("first\nsecond\n".getBytes())).outTrimmed());
        assertEquals(shellPid, run("echo $$").outTrimmed());
    }

    @Test
    void largeStdinAndTimeoutsTakeTheOneShotWay() throws Exception {
        String shellPid = run("echo $$").outTrimmed();
        byte[] big = new byte[ShellSession.MAX_STDIN + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        ExecResult withInput = local.exec(ExecRequest.of("wc -c; echo \"$$\" >&2").withStdin(big));
        assertEquals(String.valueOf(big.length), withInput.outTrimmed());
        assertNotEquals(shellPid, withInput.errTrimmed());
        ExecResult timedOut = local.exec(ExecRequest.of("sleep 5").withTimeout(Duration.ofMillis(300)));
        assertEquals(124, timedOut.exitCode());
    }

    @Test
    void concurrentCommandsAllRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExecResult>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                all.add(pool.submit(() -> run("sleep 0.0$((" + n + " % 5)); echo " + n)));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals(String.valueOf(i), all.get(i).get().outTrimmed());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedCommandIsKilledAndTheConnectionGoesOn() throws Exception {
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        long start = System.nanoTime();
        assertThrows(ConnectionException.class, () -> run("sleep 30"));
        assertTrue(Thread.interrupted());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals("ok", run("echo ok").outTrimmed());
    }
}
