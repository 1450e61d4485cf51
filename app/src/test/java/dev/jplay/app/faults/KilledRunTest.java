package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jplay killed with SIGKILL in the middle of a run, then run again: the second run changes exactly
 * what the first did not get to (read from the hosts themselves, not from the first run's output),
 * and the third changes nothing.
 */
@Tag("sshhosts")
class KilledRunTest {
    private static final int TASKS = 30;

    @TempDir
    Path dir;

    @Test
    void rerunAfterSigkillChangesExactlyWhatIsMissing() throws Exception {
        FaultHosts hosts = FaultHosts.require(2);
        List<String> names = List.of(hosts.host(0), hosts.host(1));
        String remote = "/root/jplay-faults/killed-" + System.nanoTime();
        StringBuilder pb = new StringBuilder("""
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: folder
                      file: {path: %s, state: directory}
                """.formatted(remote));
        for (int i = 1; i <= TASKS; i++) {
            pb.append("""
                        - name: write %02d
                          copy: {content: "task %d\\n", dest: %s/f%02d.txt}
                    """.formatted(i, i, remote, i));
        }
        Path playbook = Files.writeString(dir.resolve("site.yml"), pb);
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(names));

        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(playbook, "-i", inv, "-f", "2"))) {
            assertTrue(p.awaitOutput(out -> out.contains("TASK [write 10]"), Duration.ofSeconds(120)), p.all());
            p.signal("KILL");
            assertEquals(137, p.waitFor(Duration.ofSeconds(30)), p.all());
            System.out.println("killed after:\n" + p.out().lines().filter(l -> l.startsWith("TASK")).reduce((a, b) -> b).orElse(""));
        }

        // what each host still lacks, from the host itself
        List<Set<String>> missing = new ArrayList<>();
        for (String h : names) {
            Set<String> m = new TreeSet<>();
            for (int i = 1; i <= TASKS; i++) {
                String f = remote + "/f%02d.txt".formatted(i);
                if (!hosts.sh(h, "[ \"$(cat " + f + " 2>/dev/null)\" = 'task " + i + "' ]").ok()) {
                    m.add("write %02d".formatted(i));
                }
            }
            assertEquals("", hosts.tempFiles(h, remote), "temp files on " + h);
            missing.add(m);
            System.out.println(h + " lacks " + m.size() + " of " + TASKS + " files");
            assertTrue(m.size() > 0 && m.size() < TASKS, "the kill came mid-run on " + h + ": " + m);
        }

        InProcessJplay again = InProcessJplay.run(playbook, "-i", inv, "-f", "2");
        assertEquals(0, again.exitCode(), again.all());
        for (int k = 0; k < names.size(); k++) {
            String h = names.get(k);
            assertEquals(missing.get(k), changedTasks(again.out(), h), "the tasks changed on " + h + "\n" + again.all());
            assertEquals(missing.get(k).size(), Recap.of(again.out()).get(h, "changed"), again.all());
        }
        InProcessJplay third = InProcessJplay.run(playbook, "-i", inv, "-f", "2");
        for (String h : names) {
            assertEquals(0, Recap.of(third.out()).get(h, "changed"), third.all());
            hosts.check(h, "rm -rf " + remote);
        }
    }

    /** The names of the tasks that printed "changed: [host]". */
    static Set<String> changedTasks(String out, String host) {
        Set<String> changed = new TreeSet<>();
        String task = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith("TASK [")) {
                task = line.substring(6, line.indexOf(']'));
            } else if (line.startsWith("changed: [" + host + "]") && task != null) {
                changed.add(task);
            }
        }
        return changed;
    }
}
