package dev.jplay.app.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A become password on this machine (local connection, sudo): it goes over sudo's stdin, so it is
 * never on a command line in {@code ps} while the task runs, nor in any output or report.
 */
class BecomePasswordLocalE2ETest {
    static final String PASSWORD = "local-become-pw-5d1e";

    @TempDir
    Path dir;

    @Test
    void theBecomePasswordIsNeverOnACommandLineNorInTheOutput() throws Exception {
        Path inventory = JplayRun.write(dir, "inventory.ini",
                "[nodes]\nlocalhost ansible_connection=local ansible_become_password=" + PASSWORD + "\n");
        Path playbook = JplayRun.write(dir, "site.yml", """
                - hosts: nodes
                  gather_facts: false
                  become: true
                  tasks:
                    - name: a long task under become
                      command: sleep 2.718
                    - name: who am I
                      command: id -un
                      register: who
                    - debug: var=who.stdout
                """);
        Path json = dir.resolve("report.json");
        JplayRun r;
        try (ProcessListWatcher controller = new ProcessListWatcher("controller", ProcessListWatcher::localPs, 50)) {
            r = JplayRun.of(playbook, "-i", inventory, "-vvvv", "--json", json);
            controller.close();
            assertTrue(controller.saw("sleep 2.718"), "the watcher never saw the task's process, so it proves nothing; samples: "
                    + controller.samples());
            assertTrue(controller.saw("sudo"), "the task ran through sudo");
            assertFalse(controller.saw(PASSWORD), "the become password was on a command line:\n"
                    + String.join("\n", controller.lines().stream().filter(l -> l.contains(PASSWORD)).distinct().toList()));
        }
        r.exits(0).printed("\"who.stdout\": \"root\"").never(PASSWORD);
        assertFalse(JplayRun.read(json).contains(PASSWORD), JplayRun.read(json));
    }
}
