package dev.jplay.app.secrets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code no_log: true} hides a task's arguments and results everywhere: the console at every -v level,
 * the --json report, failure and error messages, loop items, includes, a whole play. The tasks still
 * run (they leave files holding the secret), and the same output shows what is not hidden.
 */
class NoLogE2ETest {
    static final String MARKER = "NOLOG-MARKER-7f3a";

    @TempDir
    Path dir;
    Path playbook;

    @BeforeEach
    void setUp() {
        JplayRun.write(dir, "inc.yml", """
                - name: inside the hidden include
                  shell: echo "{{ item }}" > "{{ playbook_dir }}/ran-include"
                """);
        playbook = JplayRun.write(dir, "site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    marker: "%s"
                  tasks:
                    - name: visible control
                      shell: echo VISIBLE-CONTROL
                    - name: hidden command
                      shell: echo "{{ marker }}-cmd" > "{{ playbook_dir }}/ran-cmd"; echo "{{ marker }}-stdout"
                      no_log: true
                    - name: hidden debug
                      debug: msg="{{ marker }}-debug"
                      no_log: true
                    - name: hidden loop
                      shell: echo "{{ item }}" >> "{{ playbook_dir }}/ran-loop"
                      loop: ["{{ marker }}-item1", "{{ marker }}-item2"]
                      no_log: true
                    - name: hidden failure
                      shell: echo "{{ marker }}-fail"; echo "{{ marker }}-stderr" >&2; exit 3
                      no_log: true
                      ignore_errors: true
                    - name: hidden failing loop item
                      shell: echo "{{ item }}"; exit 4
                      loop: ["{{ marker }}-failitem"]
                      no_log: true
                      ignore_errors: true
                    - name: hidden fail module
                      fail: msg="{{ marker }}-fail-module"
                      no_log: true
                      ignore_errors: true
                    - name: hidden assert
                      assert:
                        that: ["marker == 'something else'"]
                        fail_msg: "{{ marker }}-assert"
                      no_log: true
                      ignore_errors: true
                    - name: hidden expression error
                      debug: msg="{{ marker + no_such_variable }}"
                      no_log: true
                      ignore_errors: true
                    - name: hidden retries
                      shell: echo "{{ marker }}-until"
                      register: u
                      until: u.rc == 1
                      retries: 1
                      delay: 0
                      no_log: true
                      ignore_errors: true
                    - name: hidden include
                      include_tasks: inc.yml
                      loop: ["{{ marker }}-include"]
                      no_log: true
                - hosts: localhost
                  gather_facts: false
                  no_log: true
                  vars:
                    marker: "%s"
                  tasks:
                    - name: hidden by the play
                      shell: echo "{{ marker }}-play" > "{{ playbook_dir }}/ran-play"; echo "{{ marker }}-play"
                """.formatted(MARKER, MARKER));
    }

    @Test
    void nothingOfAHiddenTaskIsShownAtAnyVerbosityNorInTheReport() {
        for (String v : new String[] {"", "-v", "-vv", "-vvv", "-vvvv"}) {
            Path json = dir.resolve("report" + v + ".json");
            JplayRun r = v.isEmpty() ? JplayRun.of(playbook, "--json", json) : JplayRun.of(playbook, v, "--json", json);
            r.exits(0).never(MARKER);
            String report = JplayRun.read(json);
            assertFalse(report.contains(MARKER), "the JSON report must not hold it\n" + report);
            assertTrue(report.contains("no_log: true"), report);
            // the hidden tasks did run, and failed where they should (ignored)
            assertEquals(MARKER + "-cmd\n", JplayRun.read(dir.resolve("ran-cmd")));
            assertEquals(MARKER + "-play\n", JplayRun.read(dir.resolve("ran-play")));
            assertEquals(MARKER + "-include\n", JplayRun.read(dir.resolve("ran-include")));
            r.printed("...ignoring").printed("PLAY RECAP");
            if (!v.isEmpty()) {
                // at -v a task that is not hidden shows its output, so the hiding is not just a quiet console
                r.printed("VISIBLE-CONTROL").printed("censored");
            }
        }
        assertEquals(MARKER + "-item1\n" + MARKER + "-item2\n", JplayRun.read(dir.resolve("ran-loop")).substring(0,
                (MARKER + "-item1\n" + MARKER + "-item2\n").length()));
    }
}
