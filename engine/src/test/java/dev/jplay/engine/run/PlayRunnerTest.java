package dev.jplay.engine.run;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The play runner's pieces (linear strategy, blocks, includes, meta, handlers) against scripted hosts. */
class PlayRunnerTest {
    @TempDir
    Path dir;

    private static List<String> statuses(RunHarness h, String task) {
        return h.outcomesOf(task).stream().map(o -> o.status() + " " + o.host()).toList();
    }

    @Test
    void rescueRunsOnTheHostsThatFailedAndAlwaysOnAll() throws Exception {
        RunHarness h = new RunHarness(dir).on("^ok$", 0, "").on("^boom$", 1, "");
        RunStats stats = h.run("h1 c=boom\nh2 c=ok\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - name: may fail
                          probe: cmd={{ c }}
                      rescue:
                        - name: rescue
                          probe: cmd=ok
                      always:
                        - name: always
                          probe: cmd=ok
                    - name: after
                      probe: cmd=ok
                """);
        assertEquals(List.of("FAILED h1", "OK h2"), statuses(h, "may fail"));
        assertEquals(List.of("OK h1"), statuses(h, "rescue"));
        assertEquals(List.of("OK h1", "OK h2"), statuses(h, "always"));
        assertEquals(List.of("OK h1", "OK h2"), statuses(h, "after"));
        assertEquals(1, stats.hosts().get("h1").rescued());
    }

    @Test
    void handlersRunOnceAtTheEndOfASectionOnlyOnTheHostsThatNotified() throws Exception {
        RunHarness h = new RunHarness(dir).on("^change$", 0, "changed").on("^ok$", 0, "");
        h.run("h1 c=change\nh2 c=ok\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: first
                      probe: cmd={{ c }}
                      notify: restart
                    - name: second
                      probe: cmd={{ c }}
                      notify: restart
                  handlers:
                    - name: restart
                      probe: cmd=ok
                """);
        assertEquals(List.of("OK h1"), statuses(h, "restart"));
        int handlerAt = h.events.indexOf("RUNNING HANDLER restart");
        assertTrue(handlerAt > h.events.indexOf("TASK second"), h.events.toString());
    }

    @Test
    void clearHostErrorsIsAcceptedAtLoadAndLetsFailedHostsGoOn() throws Exception {
        RunHarness h = new RunHarness(dir).on("^ok$", 0, "").on("^boom$", 1, "");
        h.run("h1 c=boom\nh2 c=ok\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: may fail
                      probe: cmd={{ c }}
                    - meta: clear_host_errors
                    - name: after
                      probe: cmd=ok
                """);
        assertEquals(List.of("OK h1", "OK h2"), statuses(h, "after"));
    }

    @Test
    void anUnknownMetaActionIsRefusedAtLoad() {
        RunHarness h = new RunHarness(dir);
        InputError e = assertThrows(InputError.class, () -> h.run("h1\n", """
                - hosts: all
                  tasks:
                    - meta: flush_handler
                """));
        assertTrue(e.getMessage().contains("unknown meta action 'flush_handler'; jplay knows flush_handlers, end_play"), e.getMessage());
    }

    @Test
    void endHostEndsThePlayOnlyForTheHostWhoseWhenHolds() throws Exception {
        RunHarness h = new RunHarness(dir).on("^ok$", 0, "");
        h.run("h1\nh2\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - meta: end_host
                      when: inventory_hostname == 'h1'
                    - name: after
                      probe: cmd=ok
                """);
        assertEquals(List.of("OK h2"), statuses(h, "after"));
    }

    @Test
    void includeTasksLoopsThroughTheSharedLoopAndGroupsHostsByFile() throws Exception {
        Files.writeString(dir.resolve("inc.yml"), """
                - name: included
                  probe: {cmd: "echo {{ item }}"}
                """);
        RunHarness h = new RunHarness(dir).on("^echo ", 0, "");
        h.run("h1\nh2\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: include
                      include_tasks: inc.yml
                      loop: [a, b]
                      loop_control:
                        label: "item {{ item }}"
                """);
        assertTrue(h.events.contains("included inc.yml [h1, h2] item a"), h.events.toString());
        assertTrue(h.events.contains("included inc.yml [h1, h2] item b"), h.events.toString());
        assertEquals(List.of("echo a", "echo b"), h.requests("h1").stream().map(r -> r.script()).toList());
    }

    @Test
    void anIncludeLoopThatIsNotAListFailsTheHostWithTheKeyword() throws Exception {
        RunHarness h = new RunHarness(dir);
        h.run("h1 things=text\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: include
                      include_tasks: "{{ things }}.yml"
                      loop: "{{ things }}"
                """);
        String msg = h.outcomesOf("include").get(0).msg();
        assertTrue(msg.contains("task 'include': keyword 'loop': expected a list, but it gave string 'text'"), msg);
    }

    @Test
    void runOnceRunsOnTheFirstHostAndSharesWhatItRegistered() throws Exception {
        RunHarness h = new RunHarness(dir).on("^once$", 0, "value").on("^echo ", 0, "");
        h.run("h1\nh2\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: once
                      probe: cmd=once
                      run_once: true
                      register: r
                    - name: use
                      probe: {cmd: "echo {{ r.stdout }}"}
                """);
        assertEquals(List.of("OK h1"), statuses(h, "once"));
        assertEquals(List.of("echo value"), h.requests("h2").stream().map(r -> r.script()).toList());
    }

    @Test
    void varsFilesAreReadOnceBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("v.yml"), "greeting: hello\n");
        RunHarness h = new RunHarness(dir).on("^echo ", 0, "");
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  serial: 1
                  vars_files: [v.yml]
                  tasks:
                    - probe: {cmd: "echo {{ greeting }}"}
                """);
        assertEquals(List.of("echo hello"), h.requests("h1").stream().map(r -> r.script()).toList());
    }

    @Test
    void resetConnectionOpensANewConnectionForTheNextTask() throws Exception {
        RunHarness h = new RunHarness(dir).on("^ok$", 0, "");
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: before
                      probe: cmd=ok
                    - meta: reset_connection
                    - name: after
                      probe: cmd=ok
                """);
        assertEquals(List.of("OK h1"), statuses(h, "after"));
        assertEquals(2, h.opened.get());
    }
}
