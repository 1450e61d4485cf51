package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hosts that go away: a stopped sshd, and a host dying under a running command. Uses the fault host. */
@Tag("sshhosts")
class SshFaultTest {

    private static SshTestHosts hosts;
    private static SshTestHosts.Host victim;

    @BeforeAll
    static void hosts() {
        hosts = SshTestHosts.require(2);
        victim = hosts.faultHost();
    }

    @AfterEach
    void restartVictim() {
        if (!SshTestHosts.answersSsh(victim.address(), 22)) {
            hosts.startHost(victim.name());
        }
    }

    @Test
    void aHostWhoseSshdIsStoppedFailsQuicklyAndWorksAgainAfterRestart() throws Exception {
        hosts.stopHost(victim.name());
        long t0 = System.nanoTime();
        ConnectionException e = assertThrows(ConnectionException.class, () -> hosts.connect(victim.name(), "root"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("stopped sshd: " + e.getMessage() + " after " + ms + " ms");
        assertTrue(e.getMessage().contains("connection refused by " + victim.address() + " port 22"), e.getMessage());
        assertTrue(ms < 3000, "took " + ms + " ms");

        hosts.startHost(victim.name());
        try (SshConnection c = hosts.connect(victim.name(), "root")) {   // same host key: known_hosts still matches
            assertEquals(victim.name(), c.exec(ExecRequest.of("hostname")).outTrimmed());
        }
    }

    @Test
    void aHostDyingMidCommandGivesConnectionException() throws Exception {
        try (SshConnection c = hosts.connect(victim.name(), "root")) {
            c.exec(ExecRequest.of("echo keep > /root/kept-across-restart"));
            CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.exec(ExecRequest.of("sleep 60"));
                } catch (ConnectionException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            Thread.sleep(500);
            long t0 = System.nanoTime();
            hosts.stopHost(victim.name());
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            ConnectionException ce = assertInstanceOf(ConnectionException.class, e.getCause().getCause());
            System.out.println("host died mid-command: " + ce.getMessage() + " after " + ms + " ms");
            assertTrue(ce.getMessage().contains("lost while running a command"), ce.getMessage());

            ConnectionException next = assertThrows(ConnectionException.class, () -> c.exec(ExecRequest.of("true")));
            assertTrue(next.getMessage().contains("lost"), next.getMessage());
        }
        hosts.startHost(victim.name());
        try (SshConnection c = hosts.connect(victim.name(), "root")) {
            assertEquals("keep", c.exec(ExecRequest.of("cat /root/kept-across-restart")).outTrimmed(),
                    "the host's files survive stop-host/start-host");
        }
    }

    @Test
    void theSshdSessionProcessKilledMidCommandGivesConnectionException() throws Exception {
        try (SshConnection c = hosts.connect(hosts.first().name(), "root")) {
            // the shell's parent is the sshd process serving this connection ("sshd: root@notty"): kill it
            long t0 = System.nanoTime();
            ConnectionException e = assertThrows(ConnectionException.class,
                    () -> c.exec(ExecRequest.of("sleep 0.2; kill -9 $PPID; sleep 30")
                            .withTimeout(Duration.ofSeconds(20))));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("sshd session killed: " + e.getMessage() + " after " + ms + " ms");
            assertTrue(e.getMessage().contains("lost while running a command"), e.getMessage());
            assertTrue(ms < 10_000, "took " + ms + " ms");
        }
    }
}
