package dev.jplay.app.faults;

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
 * Issue #10 class 9: SIGTERM (systemd, CI runners, Kubernetes) is treated like Ctrl-C. A real jplay
 * process on the local connection: the running task finishes, no new task or play starts, the recap
 * prints, exit 99; a second signal ends jplay at once.
 */
class TermSignalTest {
    @TempDir
    Path dir;

    private Path playbook() throws Exception {
        Files.writeString(dir.resolve("hosts.ini"), "[nodes]\nh1 ansible_connection=local\n");
        return Files.writeString(dir.resolve("site.yml"), """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: slow
                      shell: sleep 3 && touch %1$s/slow.done
                    - name: never started
                      file: {path: %1$s/after, state: touch}
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: next play
                      file: {path: %1$s/next, state: touch}
                """.formatted(dir));
    }

    @Test
    void sigtermLetsTheRunningTaskFinishPrintsTheRecapAndStartsNothingElse() throws Exception {
        Path pb = playbook();
        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(pb, "-i", dir.resolve("hosts.ini")))) {
            assertTrue(p.awaitOutput(out -> out.contains("TASK [slow]"), Duration.ofSeconds(60)), p.all());
            Thread.sleep(500);
            p.signal("TERM");
            assertEquals(99, p.waitFor(Duration.ofSeconds(30)), p.all());
            assertTrue(Files.exists(dir.resolve("slow.done")), "the running task finished: " + p.all());
            assertFalse(Files.exists(dir.resolve("after")), p.all());
            assertFalse(Files.exists(dir.resolve("next")), p.all());
            assertTrue(p.out().contains("PLAY RECAP"), p.all());
            assertTrue(p.out().contains("changed: [h1]"), p.all());
            assertTrue(p.err().contains("SIGTERM"), p.all());
        }
    }

    @Test
    void aSecondSignalEndsJplayAtOnce() throws Exception {
        Path pb = playbook();
        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(pb, "-i", dir.resolve("hosts.ini")))) {
            assertTrue(p.awaitOutput(out -> out.contains("TASK [slow]"), Duration.ofSeconds(60)), p.all());
            Thread.sleep(300);
            p.signal("TERM");
            Thread.sleep(300);
            p.signal("TERM");
            long start = System.nanoTime();
            assertEquals(99, p.waitFor(Duration.ofSeconds(30)), p.all());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "the second signal does not wait for the task");
            assertFalse(Files.exists(dir.resolve("after")));
        }
    }
}
