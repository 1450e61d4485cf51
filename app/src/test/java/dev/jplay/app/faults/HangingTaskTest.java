package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task that hangs: the {@code timeout} keyword (seconds) ends it and fails that host only; the
 * other host goes on; the hung processes (the command and a child it started) are really gone.
 * Once with local hosts (any machine), once on the SSH test hosts.
 */
class HangingTaskTest {
    private static final int TIMEOUT_S = 2;

    @TempDir
    Path dir;

    /** One host hangs in the second task (sleep with a child in the background), the other does not. */
    private static String playbook(String remote, String hungHost) {
        return """
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: folder
                      file: {path: %1$s, state: directory}
                    - name: hangs on one host
                      shell: "sleep 971 & echo $! > %1$s/child.pid; echo $$ > %1$s/shell.pid; sleep 972"
                      when: inventory_hostname == '%2$s'
                      timeout: %3$d
                    - name: after
                      copy: {content: "after\\n", dest: "%1$s/after-{{ inventory_hostname }}.txt"}
                """.formatted(remote, hungHost, TIMEOUT_S);
    }

    @Test
    void localHostsTimeoutEndsTheTaskAndItsProcesses() throws Exception {
        Path remote = Files.createDirectories(dir.resolve("work"));
        Path inv = Files.writeString(dir.resolve("hosts.ini"), "[targets]\nhang1 ansible_connection=local\nfine1 ansible_connection=local\n");
        Path pb = Files.writeString(dir.resolve("site.yml"), playbook(remote.toString(), "hang1"));
        long t0 = System.nanoTime();
        InProcessJplay r = InProcessJplay.run(pb, "-i", inv);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertOutcome(r, ms, "hang1", "fine1");
        assertTrue(Files.exists(remote.resolve("after-fine1.txt")));
        assertFalse(Files.exists(remote.resolve("after-hang1.txt")));
        for (String pidFile : List.of("shell.pid", "child.pid")) {
            long pid = Long.parseLong(Files.readString(remote.resolve(pidFile)).strip());
            assertFalse(running(pid), pidFile + " " + pid + " is still running");
        }
    }

    @Test
    @Tag("sshhosts")
    void sshHostsTimeoutEndsTheTaskAndItsRemoteProcesses() throws Exception {
        FaultHosts hosts = FaultHosts.require(2);
        String hung = hosts.host(0);
        String fine = hosts.host(1);
        String remote = "/root/jplay-faults/hangtask-" + System.nanoTime();
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(List.of(hung, fine)));
        Path pb = Files.writeString(dir.resolve("site.yml"), playbook(remote, hung));
        long t0 = System.nanoTime();
        InProcessJplay r = InProcessJplay.run(pb, "-i", inv);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertOutcome(r, ms, hung, fine);
        assertEquals("after", hosts.check(fine, "cat " + remote + "/after-" + fine + ".txt"));
        assertFalse(hosts.sh(hung, "test -e " + remote + "/after-" + hung + ".txt").ok());
        for (String pidFile : List.of("shell.pid", "child.pid")) {
            String pid = hosts.check(hung, "cat " + remote + "/" + pidFile);
            assertFalse(hosts.sh(hung, "kill -0 " + pid).ok(), pidFile + " " + pid + " is still running on " + hung);
        }
        assertEquals("", hosts.check(hung, "pgrep -f 'slee[p] 97[12]' || true"), "no sleep left on " + hung);
        hosts.check(hung, "rm -rf " + remote);
        hosts.check(fine, "rm -rf " + remote);
    }

    /** Running, not a zombie waiting for a slow PID 1 to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static void assertOutcome(InProcessJplay r, long ms, String hung, String fine) {
        System.out.println("timed-out task run: " + ms + " ms\n" + r.out());
        assertEquals(2, r.exitCode(), r.all());
        Recap recap = Recap.of(r.out());
        assertEquals(1, recap.get(hung, "failed"), r.all());
        assertEquals(0, recap.get(fine, "failed"), r.all());
        assertEquals(2, recap.get(fine, "ok"), r.all());   // folder and after; the hanging task was skipped here
        assertTrue(r.out().contains("timed out after " + TIMEOUT_S + " s"), r.all());
        assertTrue(ms < (TIMEOUT_S + 30) * 1000L, "took " + ms + " ms");
    }
}
