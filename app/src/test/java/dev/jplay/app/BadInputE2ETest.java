package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input is refused before anything runs (exit 3, no task output, the marker file a first task
 * would write is absent), with a message naming file:line(:column) and what was expected.
 */
class BadInputE2ETest {
    /** The first task of every bad playbook: if anything ran, the marker exists. */
    private static final String MARKER_TASK = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: would run first
                  copy: {content: ran, dest: "{{ playbook_dir }}/marker"}
            """;

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    /** Runs a playbook that must be refused, and returns the one error message. */
    private String refused(Path pb, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = pb;
        System.arraycopy(more, 0, args, 1, more.length);
        RunResult r = Jplay.run(args).exits(3);
        assertFalse(r.out().contains("TASK [") || r.out().contains("PLAY ["), "nothing ran\n" + r.all());
        assertFalse(ws.exists("marker"), "the first task did not run\n" + r.all());
        assertTrue(r.err().startsWith("ERROR! ") && r.err().contains("Nothing was run."), r.all());
        return r.err().lines().findFirst().orElseThrow();
    }

    private String at(String file, int line) {
        return ws.path(file).toAbsolutePath() + ":" + line;
    }

    @Test
    void malformedYaml() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: broken
                      debug: {msg: "unclosed
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 8)) || msg.contains(at("site.yml", 7)), msg);
        assertTrue(msg.contains("YAML syntax error"), msg);
    }

    @Test
    void tabIndentation() {
        Path pb = ws.write("site.yml", MARKER_TASK + "    - name: tabbed\n\t  debug: msg=x\n");
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 7) + ":1"), msg);
        assertTrue(msg.contains("tabs"), msg);
    }

    @Test
    void duplicateKey() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: twice
                      debug: msg=a
                      name: again
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 8) + ":7: duplicate key 'name' (first defined at line 6)"), msg);
    }

    @Test
    void unknownModuleWithDidYouMean() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: typo
                      lineinfle: {path: /tmp/x, line: y}
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 7) + ":7: task 'typo': unknown module or task keyword 'lineinfle'"), msg);
        assertTrue(msg.contains("did you mean 'lineinfile'?"), msg);
    }

    @Test
    void misspeltOptionWithDidYouMean() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: bad option
                      copy:
                        content: x
                        dets: /tmp/x
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 9) + ":9: task 'bad option': unknown option 'dets' for module 'copy'"), msg);
        assertTrue(msg.contains("did you mean 'dest'?"), msg);
    }

    @Test
    void aContainersPodmanOptionJplayLacksIsRefusedByName() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: hardened web
                      containers.podman.podman_container:
                        name: web
                        image: localhost/web:v1
                        cap_drop: [ALL]
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 10) + ":9: task 'hardened web': option 'cap_drop' of module 'podman_container' is not "
                + "implemented by jplay"), msg);
    }

    @Test
    void wrongOptionType() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: bad type
                      copy:
                        content: x
                        dest: /tmp/x
                        force: sometimes
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 10)), msg);
        assertTrue(msg.contains("task 'bad type'") && msg.contains("'force'") && msg.contains("boolean"), msg);
    }

    @Test
    void unknownPlayKeyword() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                - hosts: localhost
                  gather_facts: false
                  taks:
                    - debug: msg=x
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 8) + ":3: play (hosts: localhost): unknown play keyword 'taks' (did you mean 'tasks'?)"),
                msg);
    }

    @Test
    void twoModulesInOneTask() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: greedy
                      debug: msg=x
                      command: echo y
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 8) + ":7: task 'greedy': a task runs exactly one module, but this one has debug and "
                + "command"), msg);
    }

    @Test
    void badExpressionSyntaxIsCaughtBeforeAnythingRuns() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: later task
                      debug: msg="{{ (1 + }}"
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 7)) && msg.contains("task 'later task'") && msg.contains("template error in"), msg);
        Path when = ws.write("when.yml", MARKER_TASK + """
                    - name: bad condition
                      debug: msg=x
                      when: x ==
                """);
        String w = refused(when);
        assertTrue(w.contains(at("when.yml", 8)) && w.contains("task 'bad condition'"), w);
    }

    @Test
    void undefinedVariableAtRunTimeNamesTheVariableTheTaskAndItsPlace() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: uses an undefined variable
                      debug: msg="value is {{ no_such_var }}"
                    - name: never reached
                      debug: msg=x
                """);
        RunResult r = Jplay.run(pb).exits(2);
        assertTrue(ws.exists("marker"), "the first task ran");
        r.printed("fatal: [localhost]: FAILED! =>").printed("'no_such_var' is undefined")
                .printed(at("site.yml", 6) + ":7: task 'uses an undefined variable'").notPrinted("TASK [never reached]");
        r.recap("localhost", "ok=1 changed=1 failed=1");
    }

    @Test
    void undefinedVariableInAConditionOfAnInclude() {
        ws.write("tasks.yml", "- debug: msg=x\n");
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: guarded include
                      include_tasks: tasks.yml
                      when: missing_flag
                """);
        Jplay.run(pb).exits(2).printed("'missing_flag' is undefined").printed(at("site.yml", 4));
    }

    @Test
    void undefinedVariableInAMetaCondition() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - meta: end_play
                      when: missing_flag
                    - name: not after the failure
                      debug: msg=x
                """);
        Jplay.run(pb).exits(2).printed("'missing_flag' is undefined").printed(at("site.yml", 4) + ":7: task 'meta'")
                .notPrinted("TASK [not after the failure]");
    }

    @Test
    void undefinedVariableInHostsOrVarsFilesIsRefusedBeforeAnyPlayRuns() {
        String first = MARKER_TASK;
        Path hosts = ws.write("hosts.yml", first + """
                - hosts: "{{ target_group }}"
                  tasks:
                    - debug: msg=x
                """);
        String h = refused(hosts);
        assertTrue(h.contains(at("hosts.yml", 6)) && h.contains("'target_group' is undefined"), h);
        Path varsFiles = ws.write("varsfiles.yml", first + """
                - hosts: localhost
                  vars_files: ["vars/{{ flavour }}.yml"]
                  tasks:
                    - debug: msg=x
                """);
        String v = refused(varsFiles);
        assertTrue(v.contains(at("varsfiles.yml", 6)) && v.contains("'flavour' is undefined"), v);
        ws.write("vars/red.yml", "colour: red\n");
        Jplay.run(varsFiles, "-e", "flavour=red").exits(0);
        assertTrue(ws.exists("marker"));
    }

    @Test
    void notifyOfAHandlerThatDoesNotExist() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  handlers:
                    - name: restart web
                      debug: msg=restarting
                  tasks:
                    - name: would run first
                      copy: {content: ran, dest: "{{ playbook_dir }}/marker"}
                      notify: restart wbe
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 7) + ":7: task 'would run first': notify: no handler or listen topic named "
                + "'restart wbe' in this play (did you mean 'restart web'?)"), msg);
    }

    @Test
    void missingTemplate() {
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: render
                      template: {src: nowhere.ftl, dest: /tmp/x}
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(at("site.yml", 7)) && msg.contains("task 'render'") && msg.contains("template not found"), msg);
    }

    @Test
    void templateSyntaxErrorNamesTheTemplatesFileAndLine() {
        ws.write("templates/broken.conf.ftl", "line one\nline two ${unclosed\nline three\n");
        Path pb = ws.write("site.yml", MARKER_TASK + """
                    - name: render
                      template: {src: broken.conf.ftl, dest: "{{ playbook_dir }}/out.conf"}
                """);
        String msg = refused(pb);
        assertTrue(msg.contains(ws.path("templates/broken.conf.ftl").toAbsolutePath() + ":"), msg);
        assertTrue(msg.contains("template syntax error"), msg);
    }

    @Test
    void templateRuntimeErrorNamesTheTemplatesFileAndLine() {
        ws.write("templates/app.conf.ftl", "name=${app_name}\nport=${app_port}\n");
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    app_name: demo
                  tasks:
                    - name: render
                      template: {src: app.conf.ftl, dest: "{{ playbook_dir }}/app.conf"}
                """);
        RunResult r = Jplay.run(pb).exits(2);
        r.printed(ws.path("templates/app.conf.ftl").toAbsolutePath() + ":2:").printed("'app_port' is undefined");
        assertFalse(ws.exists("app.conf"));
    }

    @Test
    void circularImportTasks() {
        ws.write("a.yml", "- import_tasks: b.yml\n");
        ws.write("b.yml", "- debug: msg=b\n- import_tasks: a.yml\n");
        Path pb = ws.write("site.yml", MARKER_TASK + "    - import_tasks: a.yml\n");
        String msg = refused(pb);
        assertTrue(msg.contains(at("b.yml", 2)) && msg.contains("circular import: site.yml -> a.yml -> b.yml -> a.yml"), msg);
    }

    @Test
    void badInventoryLine() {
        ws.write("hosts.ini", "[web]\nh1 ansible_connection=local\nh2 ansible_port=notaport=x =\n[web:children\n");
        Path pb = ws.write("site.yml", MARKER_TASK);
        String msg = refused(pb, "-i", ws.path("hosts.ini"));
        assertTrue(msg.contains(ws.path("hosts.ini").toAbsolutePath() + ":"), msg);
    }

    @Test
    void messagesAreOneLineEach() {
        Path pb = ws.write("site.yml", MARKER_TASK + "    - name: x\n      cpoy: {}\n");
        RunResult r = Jplay.run(pb).exits(3);
        assertEquals(2, r.err().lines().count(), r.all());
    }
}
