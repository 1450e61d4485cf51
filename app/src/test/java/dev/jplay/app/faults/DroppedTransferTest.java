package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSH connection drops while a file is being transferred: the target on the host is the old
 * file or the whole new one, never a partial one; no temp file stays; the next run converges.
 * Two ways to drop it: jplay killed with SIGKILL (the host sees its input end), and the host's sshd
 * and every process of the host killed ({@code sshd-hosts.sh stop-host} on the fault host, h5).
 */
@Tag("sshhosts")
class DroppedTransferTest {
    private static final int MEGABYTES = 120;

    private static FaultHosts hosts;

    @TempDir
    Path dir;
    private String remote;

    @BeforeAll
    static void hosts() {
        hosts = FaultHosts.require(2);
    }

    @AfterEach
    void restartFaultHost() {
        if (!dev.jplay.engine.testhosts.SshTestHosts.answersSsh(hosts.hosts().faultHost().address(), 22)) {
            hosts.hosts().startHost(hosts.faultHost());
        }
    }

    @Test
    void jplayKilledMidTransfer() throws Exception {
        String host = hosts.host(0);
        Setup s = setUp(host);
        long seen;
        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(s.playbook, "-i", s.inventory))) {
            seen = awaitPartialTemp(host, s.big.size(), Duration.ofSeconds(120));
            p.signal("KILL");
            assertEquals(137, p.waitFor(Duration.ofSeconds(30)), p.all());
        }
        System.out.println("jplay killed with " + seen + " of " + s.big.size() + " bytes on " + host);
        assertOldOrNew(host, s.big);
        // the host's write script sees its input end, refuses to rename, and removes its temp file
        awaitNoTemp(host, Duration.ofSeconds(30));
        converges(host, s);
    }

    @Test
    void hostKilledMidTransfer() throws Exception {
        String host = hosts.faultHost();
        Setup s = setUp(host);
        long seen;
        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(s.playbook, "-i", s.inventory))) {
            seen = awaitPartialTemp(host, s.big.size(), Duration.ofSeconds(120));
            hosts.hosts().stopHost(host);
            int code = p.waitFor(Duration.ofSeconds(120));
            assertEquals(4, code, "the host is unreachable\n" + p.all());
            assertEquals(1, Recap.of(p.out()).get(host, "unreachable"), p.all());
        }
        System.out.println("host " + host + " killed with " + seen + " of " + s.big.size() + " bytes in the temp file");
        hosts.hosts().startHost(host);
        assertOldOrNew(host, s.big);
        // every process of the host died with it, so nothing could remove the temp file: it may be there,
        // beside the intact target; the next write of the same target removes it
        String left = hosts.tempFiles(host, remote);
        System.out.println("after the restart, temp files: " + (left.isEmpty() ? "none" : left));
        for (String t : left.lines().toList()) {
            assertTrue(t.startsWith(remote + "/big.bin.jplay-tmp."), t);
        }
        converges(host, s);
    }

    private record Setup(BigFile big, Path playbook, Path inventory) {
    }

    private Setup setUp(String host) throws Exception {
        remote = "/root/jplay-faults/dropped-" + System.nanoTime();
        hosts.check(host, "mkdir -p " + remote + " && printf 'old\\n' > " + remote + "/big.bin");
        BigFile big = BigFile.create(dir.resolve("big.bin"), MEGABYTES);
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(List.of(host)));
        Path pb = Files.writeString(dir.resolve("copy.yml"), """
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: big copy
                      copy: {src: big.bin, dest: %s/big.bin}
                """.formatted(remote));
        return new Setup(big, pb, inv);
    }

    /** The next run writes the file once (changed=1), the one after finds nothing to do; no temp file stays. */
    private void converges(String host, Setup s) {
        InProcessJplay again = InProcessJplay.run(s.playbook, "-i", s.inventory);
        assertEquals(0, again.exitCode(), again.all());
        assertEquals(1, Recap.of(again.out()).get(host, "changed"), again.all());
        assertEquals(s.big.sha256(), hosts.sha256(host, remote + "/big.bin"));
        InProcessJplay third = InProcessJplay.run(s.playbook, "-i", s.inventory);
        assertEquals(0, Recap.of(third.out()).get(host, "changed"), third.all());
        String left = hosts.tempFiles(host, remote);
        if (!left.isEmpty()) {
            // a temp file of a run whose host died stays while it is young (it could be a running write of
            // another run); a later write removes it once it is over an hour old
            assertEquals(1, left.strip().lines().count(), "only the dead run's temp file stays: " + left);
            hosts.check(host, "touch -d '2 hours ago' " + remote + "/big.bin.jplay-tmp.* && printf 'old\\n' > " + remote + "/big.bin");
            InProcessJplay fourth = InProcessJplay.run(s.playbook, "-i", s.inventory);
            assertEquals(1, Recap.of(fourth.out()).get(host, "changed"), fourth.all());
        }
        assertEquals("", hosts.tempFiles(host, remote), "no temp files once a write found the stale one");
        hosts.check(host, "rm -rf " + remote);
    }

    private void assertOldOrNew(String host, BigFile big) {
        String now = hosts.sha256(host, remote + "/big.bin");
        String old = BigFile.sha256("old\n".getBytes());
        assertTrue(now.equals(old) || now.equals(big.sha256()), "the target is neither the old nor the new file: partial");
        System.out.println("the target is the " + (now.equals(old) ? "old" : "new") + " file");
    }

    /** Waits until the host holds a temp file with some but not half its bytes; returns its size. */
    private long awaitPartialTemp(String host, long full, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (FaultHosts.Watch w = hosts.watch(host)) {
            while (System.nanoTime() < deadline) {
                String sizes = w.check("for f in " + remote + "/*.jplay-tmp.*; do [ -f \"$f\" ] && stat -c %s \"$f\"; done; true");
                for (String line : sizes.lines().toList()) {
                    long size = Long.parseLong(line.strip());
                    if (size > 0 && size < full / 2) {
                        return size;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("no partly written temp file appeared on " + host + " within " + limit);
    }

    private void awaitNoTemp(String host, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!hosts.tempFiles(host, remote).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("", hosts.tempFiles(host, remote), "temp files left on " + host);
    }
}
