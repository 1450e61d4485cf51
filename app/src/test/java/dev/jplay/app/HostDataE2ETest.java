package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #10 class 1: what a host returns is data. A host file holding expressions is read back and used
 * through every way a run-time value travels (register, set_fact, loop items, include loops, hostvars,
 * nested lists and maps, templates); the expressions must come out as the characters they are, never
 * evaluated (no secret written back, no error for an undefined name).
 */
class HostDataE2ETest {
    private static final String HOSTILE = "Welcome {{ ansible_become_password }} {{ rhsm_password }} {{ port }}";

    @TempDir
    Path tmp;
    Workspace ws;
    Path inventory;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        ws.write("motd", HOSTILE + "\n");
        inventory = ws.write("inventory.ini", "[nodes]\nh1 ansible_connection=local ansible_become_password=BECOMEPW\n");
    }

    private RunResult run(String tasks) {
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - command: cat %s
                      register: motd
                """.formatted(ws.path("motd")) + tasks.indent(4));
        return Jplay.run(pb, "-i", inventory, "-e", "rhsm_password=RHSMPW");
    }

    @Test
    void registeredOutputWrittenBackWithCopyStaysAsTheHostWroteIt() {
        run("""
                - copy:
                    content: "{{ motd.stdout }}"
                    dest: %s
                """.formatted(ws.path("out"))).exits(0).notPrinted("BECOMEPW").notPrinted("RHSMPW");
        assertEquals(HOSTILE, ws.read("out"));
    }

    @Test
    void registeredOutputShownByDebugIsNotEvaluated() {
        // {{ port }} is undefined: evaluating it would fail the task
        run("""
                - debug:
                    msg: "{{ motd.stdout }}"
                - debug:
                    var: motd.stdout_lines
                """).exits(0).printed("Welcome {{ ansible_become_password }} {{ rhsm_password }} {{ port }}").notPrinted("BECOMEPW");
    }

    @Test
    void setFactOfHostDataIsDataAtEveryDepth() {
        run("""
                - set_fact:
                    flat: "{{ motd.stdout }}"
                    nested:
                      list: ["{{ motd.stdout }}"]
                      map:
                        deeper: "{{ motd.stdout }}"
                    whole: "{{ motd }}"
                - copy:
                    content: "{{ flat }}|{{ nested.list[0] }}|{{ nested.map.deeper }}|{{ whole.stdout }}"
                    dest: %s
                """.formatted(ws.path("out"))).exits(0);
        assertEquals(String.join("|", HOSTILE, HOSTILE, HOSTILE, HOSTILE), ws.read("out"));
    }

    @Test
    void loopItemsFromHostDataAreData() {
        run("""
                - copy:
                    content: "{{ item }}"
                    dest: "%s/{{ idx }}.txt"
                  loop: "{{ motd.stdout_lines }}"
                  loop_control:
                    index_var: idx
                  register: copied
                - copy:
                    content: "{{ copied.results[0].item }}"
                    dest: %s
                """.formatted(tmp, ws.path("again"))).exits(0).notPrinted("BECOMEPW");
        assertEquals(HOSTILE, ws.read("0.txt"));
        assertEquals(HOSTILE, ws.read("again"));
    }

    @Test
    void includeLoopItemsFromHostDataAreData() {
        ws.write("inc.yml", """
                - copy:
                    content: "{{ line }}"
                    dest: %s
                """.formatted(ws.path("out")));
        run("""
                - include_tasks: inc.yml
                  loop: "{{ motd.stdout_lines }}"
                  loop_control:
                    loop_var: line
                """).exits(0);
        assertEquals(HOSTILE, ws.read("out"));
    }

    @Test
    void hostvarsOfHostDataAreData() {
        run("""
                - copy:
                    content: "{{ hostvars[inventory_hostname].motd.stdout }}"
                    dest: %s
                """.formatted(ws.path("out"))).exits(0);
        assertEquals(HOSTILE, ws.read("out"));
    }

    @Test
    void templatesSeeHostDataAsData() {
        ws.write("templates/motd.ftl", "${motd.stdout}|${hostvars[inventory_hostname].motd.stdout}\n");
        run("""
                - template:
                    src: motd.ftl
                    dest: %s
                """.formatted(ws.path("out"))).exits(0);
        assertEquals(HOSTILE + "|" + HOSTILE + "\n", ws.read("out"));
    }

    @Test
    void slurpedLikeResultsOfStatAndFailedCommandsAreData() {
        run("""
                - shell: cat %s >&2; exit 3
                  register: failed
                  ignore_errors: true
                - stat:
                    path: "%s/{{ '{{' }}x}}"
                  register: st
                - copy:
                    content: "{{ failed.stderr }}"
                    dest: %s
                """.formatted(ws.path("motd"), tmp, ws.path("out"))).exits(0);
        assertEquals(HOSTILE, ws.read("out"));
    }

    @Test
    void unsafeTagMakesSourceTextData() {
        ws.write("vars.yml", "from_file: !unsafe '{{ rhsm_password }}'\n");
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  vars_files: [vars.yml]
                  vars:
                    in_play: !unsafe '{{ rhsm_password }}'
                    nested:
                      list: [!unsafe '{{ rhsm_password }}', "{{ rhsm_password }}"]
                  tasks:
                    - copy:
                        content: "{{ in_play }}|{{ from_file }}|{{ nested.list[0] }}|{{ nested.list[1] }}"
                        dest: %s
                    - copy:
                        content: !unsafe '{{ rhsm_password }}'
                        dest: %s
                """.formatted(ws.path("out"), ws.path("arg")));
        Jplay.run(pb, "-i", inventory, "-e", "rhsm_password=RHSMPW").exits(0);
        assertEquals("{{ rhsm_password }}|{{ rhsm_password }}|{{ rhsm_password }}|RHSMPW", ws.read("out"));
        assertEquals("{{ rhsm_password }}", ws.read("arg"));
    }

    @Test
    void unsafeTagInInventoryIsData() {
        ws.write("inv.yml", """
                all:
                  hosts:
                    h1:
                      ansible_connection: local
                      motto: !unsafe '{{ rhsm_password }}'
                """);
        Path pb = ws.write("site.yml", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - copy:
                        content: "{{ motto }}"
                        dest: %s
                """.formatted(ws.path("out")));
        Jplay.run(pb, "-i", ws.path("inv.yml"), "-e", "rhsm_password=RHSMPW").exits(0);
        assertEquals("{{ rhsm_password }}", ws.read("out"));
    }
}
