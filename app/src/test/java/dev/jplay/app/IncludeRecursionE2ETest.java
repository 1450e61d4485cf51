package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #10 class 7: include_tasks recursion ended by when: works; one that never ends is a clear error with the chain. */
class IncludeRecursionE2ETest {
    @TempDir
    Path tmp;

    @Test
    void recursionEndedByWhenRuns() {
        Workspace ws = new Workspace(tmp);
        ws.write("count.yml", """
                - set_fact:
                    n: "{{ n | int + 1 }}"
                - include_tasks: count.yml
                  when: n | int < 60
                """);
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  vars: {n: 0}
                  tasks:
                    - include_tasks: count.yml
                    - debug: {msg: "counted to {{ n }}"}
                """);
        Jplay.run(pb, "-i", ws.localInventory("h1")).exits(0).printed("counted to 60");
    }

    @Test
    void unconditionalCycleIsRefusedAtLoad() {
        Workspace ws = new Workspace(tmp);
        ws.write("a.yml", "- include_tasks: b.yml\n");
        ws.write("b.yml", "- include_tasks: a.yml\n");
        Path pb = ws.write("site.yml", "- hosts: nodes\n  gather_facts: false\n  tasks:\n    - include_tasks: a.yml\n");
        Jplay.run(pb, "-i", ws.localInventory("h1")).exits(3).errPrinted("circular include_tasks");
    }

    @Test
    void endlessRecursionFailsWithTheIncludeChainNotAStackTrace() {
        Workspace ws = new Workspace(tmp);
        ws.write("a.yml", "- include_tasks: b.yml\n  when: true\n");
        ws.write("b.yml", "- include_tasks: a.yml\n  when: true\n");
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - include_tasks: a.yml
                    - file: {path: %s, state: touch}
                """.formatted(ws.path("after")));
        RunResult r = Jplay.run(pb, "-i", ws.localInventory("h1")).exits(2)
                .printed("include_tasks nested more than 100 deep").printed("includes a.yml -> ").printed("includes b.yml ->")
                .printed("PLAY RECAP").notPrinted("StackOverflowError").notPrinted("\tat ");
        assertTrue(r.err().isEmpty() || !r.err().contains("Exception"), r.err());
        assertFalse(ws.exists("after"));
    }
}
