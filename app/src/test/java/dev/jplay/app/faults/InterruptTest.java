package dev.jplay.app.faults;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C (SIGINT to the jplay process) while a big file is on its way to two hosts: the running
 * task finishes on both (the file lands whole), no new task starts, the recap so far is printed,
 * the exit code is 99, and no temp file is left on the hosts.
 *
 * <p>jplay is started with SIGINT at its default disposition ({@code env --default-signal=INT}), as a
 * foreground command in a terminal has it: a background job inherits SIGINT ignored, and a JVM
 * that starts with SIGINT ignored keeps ignoring it.
 */
@Tag("sshhosts")
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCLetsTheRunningTaskFinishAndStartsNoOther() throws Exception {
        FaultHosts hosts = FaultHosts.require(2);
        List<String> names = List.of(hosts.host(0), hosts.host(1));
        String remote = "/root/jplay-faults/interrupt-" + System.nanoTime();
        BigFile big = BigFile.create(dir.resolve("big.bin"), 150);
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(names));
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: first
                      copy: {content: "one\\n", dest: %1$s/one.txt}
                    - name: big copy
                      copy: {src: big.bin, dest: %1$s/big.bin}
                    - name: never started
                      copy: {content: "after\\n", dest: %1$s/after.txt}
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: next play
                      copy: {content: "next\\n", dest: %1$s/next.txt}
                """.formatted(remote));
        for (String h : names) {
            hosts.check(h, "mkdir -p " + remote);
        }
        try (JplayProcess p = JplayProcess.startInterruptible(dir, List.of(pb, "-i", inv))) {
            assertTrue(p.awaitOutput(out -> out.contains("TASK [big copy]"), Duration.ofSeconds(120)), p.all());
            awaitTempOnHost(hosts, names.get(0), remote);
            p.signal("INT");
            int code = p.waitFor(Duration.ofSeconds(180));
            System.out.println(p.out() + "\n" + p.err());
            assertEquals(99, code, p.all());
            String out = p.out();
            assertTrue(p.err().contains("interrupted: finishing running tasks"), p.all());
            assertFalse(out.contains("TASK [never started]") || out.contains("TASK [next play]"), "no task starts after Ctrl-C\n" + p.all());
            Recap recap = Recap.of(out);
            assertTrue(recap.printed(), "the recap is printed\n" + p.all());
            for (String h : names) {
                assertTrue(out.contains("changed: [" + h + "]"), p.all());
                assertEquals(2, recap.get(h, "changed"), "first and big copy finished on " + h + "\n" + p.all());
            }
        }
        for (String h : names) {
            assertEquals(big.sha256(), hosts.sha256(h, remote + "/big.bin"), "the running transfer finished on " + h);
            assertEquals("absent", hosts.sha256(h, remote + "/after.txt"));
            assertEquals("", hosts.tempFiles(h, remote), "no temp files on " + h);
            hosts.check(h, "rm -rf " + remote);
        }
    }

    /** Waits until the transfer is under way on the host (its temp file exists), so the signal lands mid-task. */
    private static void awaitTempOnHost(FaultHosts hosts, String host, String remote) throws InterruptedException {
        try (FaultHosts.Watch w = hosts.watch(host)) {
            for (int i = 0; i < 6000; i++) {
                if (!w.check("find " + remote + " -name '*.jplay-tmp.*'").isEmpty()) {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("the big copy never started on " + host);
    }
}
