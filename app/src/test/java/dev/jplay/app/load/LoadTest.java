package dev.jplay.app.load;

import dev.jplay.app.faults.FaultHosts;
import dev.jplay.app.faults.JplayProcess;
import dev.jplay.app.faults.Recap;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 hosts with --forks 50: every host reports, and jplay's memory and threads stay bounded.
 *
 * <p>The 200 inventory hosts are 200 names for the five SSH test hosts (40 each, each name with its
 * own connection and its own folder), not 200 namespaces: the harness starts at most 80, and an
 * sshd per connection is what a namespace would add anyway (sshd forks one process per connection).
 * jplay runs as its own process with a 192 MB heap; its resident memory and thread count are sampled
 * every 100 ms. The run goes twice: the second must change nothing.
 */
@Tag("sshhosts")
@Tag("slow")
class LoadTest {
    private static final int HOSTS = 200;
    private static final int FORKS = 50;
    private static final int TASKS = 5;   // facts + 4 tasks

    @TempDir
    Path dir;

    /** Peaks of one jplay process, from /proc/PID/status. */
    record Usage(long maxRssKb, long maxThreads, long millis) {
        @Override
        public String toString() {
            return millis + " ms, max RSS " + maxRssKb / 1024 + " MB, max threads " + maxThreads;
        }
    }

    @Test
    void twoHundredHostsFiftyForks() throws Exception {
        FaultHosts hosts = FaultHosts.require(1);
        List<SshTestHosts.Host> real = hosts.hosts().hosts();
        String remote = "/root/jplay-load-" + System.nanoTime();
        StringBuilder inv = new StringBuilder("[load]\n");
        for (int i = 0; i < HOSTS; i++) {
            inv.append("load%03d ansible_host=%s\n".formatted(i, real.get(i % real.size()).address()));
        }
        inv.append("[load:vars]\nansible_user=root\nansible_ssh_private_key_file=").append(hosts.hosts().key())
                .append("\njplay_ssh_known_hosts_file=").append(hosts.hosts().knownHosts()).append("\njplay_ssh_config_file=none\n");
        Path inventory = Files.writeString(dir.resolve("hosts.ini"), inv);
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: load
                  gather_facts: true
                  tasks:
                    - name: folder
                      file: {path: "%1$s/{{ inventory_hostname }}", state: directory}
                    - name: config
                      copy: {content: "host={{ inventory_hostname }} os={{ ansible_os_family }}\\n", dest: "%1$s/{{ inventory_hostname }}/app.conf"}
                    - name: line
                      lineinfile: {path: "%1$s/{{ inventory_hostname }}/other.conf", line: "port=8080", create: true}
                    - name: read it back
                      command: cat %1$s/{{ inventory_hostname }}/app.conf
                      changed_when: false
                """.formatted(remote));
        for (SshTestHosts.Host h : real) {
            // the shared parent exists first: 40 names creating it at once on one host race in the file module's
            // mkdir (reported separately; Ansible tolerates EEXIST there)
            hosts.check(h.name(), "mkdir -p " + remote);
        }
        try {
            Usage first = run(playbook, inventory, 3);
            Usage second = run(playbook, inventory, 0);
            System.out.println("LOAD " + HOSTS + " hosts, forks " + FORKS + ", -Xmx192m: first run " + first + "; second run " + second);
            for (Usage u : List.of(first, second)) {
                // one SSH connection per host holds a reader and a keep-alive thread (sshj); the rest follows --forks
                assertTrue(u.maxThreads() < 3L * HOSTS + 2L * FORKS + 100, "threads: " + u);
                assertTrue(u.maxRssKb() < 1024 * 1024, "resident memory: " + u);
            }
        } finally {
            for (SshTestHosts.Host h : real) {
                hosts.sh(h.name(), "rm -rf " + remote);
            }
        }
    }

    /** Runs the playbook; every host must report ok for every task with {@code changed} changes. */
    private Usage run(Path playbook, Path inventory, int changed) throws Exception {
        long t0 = System.nanoTime();
        AtomicLong rss = new AtomicLong();
        AtomicLong threads = new AtomicLong();
        try (JplayProcess p = JplayProcess.start(dir, List.of("-Xmx192m"), List.of(playbook, "-i", inventory, "-f", FORKS))) {
            Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
            while (p.alive()) {
                sample(status, rss, threads);
                Thread.sleep(100);
                if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                    break;
                }
            }
            int code = p.waitFor(Duration.ofMinutes(1));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Recap recap = Recap.of(p.out());
            assertEquals(0, code, p.all());
            assertEquals(HOSTS, recap.hosts().size(), "every host reports\n" + p.all());
            recap.hosts().forEach((h, n) -> {
                assertEquals(TASKS, n.get("ok"), h + " " + n);
                assertEquals(changed, n.get("changed"), h + " " + n);
                assertEquals(0, n.get("failed") + n.get("unreachable"), h + " " + n);
            });
            return new Usage(rss.get(), threads.get(), ms);
        }
    }

    private static void sample(Path status, AtomicLong rss, AtomicLong threads) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                } else if (line.startsWith("Threads:")) {
                    threads.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process just ended
        }
    }
}
