package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every task keyword of issue 2, proven by running a playbook on local hosts (twice where it changes things). */
class TaskKeywordsE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path inventory;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        inventory = ws.localInventory("h1", "h2");
        ws.write("out/.keep", "");  // copy, like Ansible's, wants the destination folder to exist
    }

    /** Task banners in the order they were printed. */
    private static List<String> taskBanners(RunResult r) {
        return r.out().lines().filter(l -> l.startsWith("TASK [")).map(l -> l.substring(6, l.indexOf("] "))).toList();
    }

    @Test
    void whenTakesAStringABoolAndAListThatMustAllHold() {
        Path pb = ws.write("when.yml", """
                - hosts: nodes
                  gather_facts: false
                  vars:
                    wanted: h2
                  tasks:
                    - name: string condition
                      debug: msg="string on {{ inventory_hostname }}"
                      when: inventory_hostname == wanted
                    - name: bool condition
                      debug: msg=never
                      when: false
                    - name: list condition
                      debug: msg="list on {{ inventory_hostname }}"
                      when:
                        - "'nodes' in group_names"
                        - inventory_hostname != wanted
                    - name: templated condition
                      debug: msg=templated
                      when: "{{ inventory_hostname == 'h1' }}"
                """);
        RunResult r = Jplay.run(pb, "-i", inventory).exits(0);
        assertEquals(List.of("skipping: [h1]", "ok: [h2] => {", "skipping: [h1]", "skipping: [h2]", "ok: [h1] => {", "skipping: [h2]",
                "ok: [h1] => {", "skipping: [h2]"), r.out().lines().filter(l -> l.matches("^(ok|skipping|changed).*")).toList(), r.all());
        r.printed("\"msg\": \"string on h2\"").printed("\"msg\": \"list on h1\"").notPrinted("never");
        r.recap("h1", "ok=2 skipped=2").recap("h2", "ok=1 skipped=3");
    }

    @Test
    void loopWithLoopVarLabelAndIndexVarAndRegisteredResults() {
        Path pb = ws.write("loop.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: write one file per user
                      copy:
                        content: "{{ idx }}:{{ user.name }}\\n"
                        dest: "{{ playbook_dir }}/out/{{ user.name }}.txt"
                      loop:
                        - {name: ann, uid: 1001}
                        - {name: bob, uid: 1002}
                        - {name: cid, uid: 1003}
                      loop_control:
                        loop_var: user
                        label: "{{ user.name }}"
                        index_var: idx
                      when: user.uid != 1002
                      register: written
                    - name: registered loop results
                      debug:
                        msg: "{{ written.results | length }} results, skipped {{ written.results[1].user.name }}, changed={{ written.changed }}"
                """);
        RunResult first = Jplay.run(pb).exits(0);
        assertEquals(List.of("changed: [localhost] => (item=ann)", "skipping: [localhost] => (item=bob) ",
                "changed: [localhost] => (item=cid)"), first.out().lines().filter(l -> l.contains("(item=")).toList(), first.all());
        first.printed("\"msg\": \"3 results, skipped bob, changed=True\"").recap("localhost", "ok=2 changed=1 skipped=0 failed=0");
        assertEquals("0:ann\n", ws.read("out/ann.txt"));
        assertEquals("2:cid\n", ws.read("out/cid.txt"));
        assertFalse(ws.exists("out/bob.txt"));

        RunResult second = Jplay.run(pb).exits(0).unchanged();
        second.printed("ok: [localhost] => (item=ann)").printed("changed=False");
    }

    @Test
    void registerKeepsTheResultForLaterTasks() {
        Path pb = ws.write("register.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: produce
                      ansible.builtin.command: echo one two
                      register: produced
                      changed_when: false
                    - name: consume
                      debug:
                        msg: "rc={{ produced.rc }} out={{ produced.stdout }} words={{ produced.stdout.split(' ') | length }} failed={{ produced.failed }}"
                    - name: look at the playbook
                      stat: path="{{ playbook_dir }}/register.yml"
                      register: st
                    - name: look at nothing
                      stat: path="{{ playbook_dir }}/absent"
                      register: nothing
                    - name: skipped, but registered
                      command: echo never
                      when: false
                      register: skipped
                    - debug:
                        msg: "file={{ st.stat.exists }}/{{ st.stat.isreg }} absent={{ nothing.stat.exists }} skipped={{ skipped.skipped }}"
                """);
        Jplay.run(pb).exits(0).printed("\"msg\": \"rc=0 out=one two words=2 failed=False\"")
                .printed("\"msg\": \"file=True/True absent=False skipped=True\"");
    }

    @Test
    void handlersRunOnceAtTheEndOnlyOnNotifyingHostsAndListenTopicsWork() {
        Path pb = ws.write("handlers.yml", """
                - hosts: nodes
                  gather_facts: false
                  handlers:
                    - name: restart app
                      shell: echo restart >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                    - name: reload on topic
                      shell: echo topic >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                      listen: config changed
                    - name: never notified
                      shell: echo never >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                  tasks:
                    - name: config on h1 only
                      copy: {content: "v1\\n", dest: "{{ playbook_dir }}/out/{{ inventory_hostname }}.conf"}
                      when: inventory_hostname == 'h1'
                      notify: [restart app, config changed]
                    - name: second change notifies again
                      copy: {content: "v2\\n", dest: "{{ playbook_dir }}/out/{{ inventory_hostname }}.more"}
                      when: inventory_hostname == 'h1'
                      notify: restart app
                    - name: last task
                      shell: echo last-task >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                      changed_when: false
                """);
        RunResult first = Jplay.run(pb, "-i", inventory).exits(0);
        assertEquals("last-task\nrestart\ntopic\n", ws.read("log-h1"), "handlers after the last task, once each, in handler order");
        assertEquals("last-task\n", ws.read("log-h2"), "no handler on a host that did not notify");
        first.printed("RUNNING HANDLER [restart app]").printed("RUNNING HANDLER [reload on topic]").notPrinted("never notified");
        first.recap("h1", "ok=5 changed=4").recap("h2", "ok=1 changed=0 skipped=2");

        RunResult second = Jplay.run(pb, "-i", inventory).exits(0).unchanged();
        second.notPrinted("RUNNING HANDLER");
        assertEquals("last-task\nrestart\ntopic\nlast-task\n", ws.read("log-h1"));
    }

    @Test
    void flushHandlersRunsThemWhereItStands() {
        Path pb = ws.write("flush.yml", """
                - hosts: localhost
                  gather_facts: false
                  handlers:
                    - name: note
                      shell: echo handler >> "{{ playbook_dir }}/log"
                  tasks:
                    - copy: {content: "x", dest: "{{ playbook_dir }}/out/f"}
                      notify: note
                    - meta: flush_handlers
                    - shell: echo after-flush >> "{{ playbook_dir }}/log"
                      changed_when: false
                """);
        Jplay.run(pb).exits(0).recap("localhost", "ok=3 changed=2");
        assertEquals("handler\nafter-flush\n", ws.read("log"));
        Jplay.run(pb).exits(0).unchanged();
        assertEquals("handler\nafter-flush\nafter-flush\n", ws.read("log"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "(none)            | tagged-a, tagged-b, tagged-always, untagged, in-block",
            "--tags a          | tagged-a, tagged-always",
            "--tags a,b        | tagged-a, tagged-b, tagged-always",
            "--skip-tags a     | tagged-b, tagged-always, untagged, in-block",
            "--tags c          | tagged-always, tagged-never-and-c",
            "--tags never      | tagged-always, tagged-never, tagged-never-and-c",
            "--tags blk        | tagged-always, in-block",
            "--skip-tags always| tagged-a, tagged-b, untagged, in-block",
            "--tags all        | tagged-a, tagged-b, tagged-always, untagged, in-block",
            "--tags untagged   | tagged-always, untagged",
    })
    void tagsSelectTasksLikeAnsible(String option, String expected) {
        Path pb = ws.write("tags.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - {name: tagged-a, debug: msg=a, tags: [a]}
                    - {name: tagged-b, debug: msg=b, tags: b}
                    - {name: tagged-always, debug: msg=al, tags: [always]}
                    - {name: tagged-never, debug: msg=nv, tags: [never]}
                    - {name: tagged-never-and-c, debug: msg=nvc, tags: [never, c]}
                    - {name: untagged, debug: msg=none}
                    - name: a block
                      tags: blk
                      block:
                        - {name: in-block, debug: msg=ib}
                """);
        List<Object> args = new java.util.ArrayList<>(List.of(pb));
        if (!option.equals("(none)")) {
            args.addAll(Arrays.asList(option.split(" ")));
        }
        RunResult r = Jplay.run(args.toArray()).exits(0);
        assertEquals(Arrays.stream(expected.split(",")).map(String::strip).toList(), taskBanners(r), r.all());
    }

    @Test
    void failedWhenChangedWhenAndIgnoreErrors() {
        Path pb = ws.write("conditions.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: fails by its output
                      command: echo ERROR found
                      register: out
                      failed_when: "'ERROR' in out.stdout"
                      ignore_errors: true
                    - name: succeeds despite rc
                      shell: exit 3
                      register: r3
                      failed_when: r3.rc != 3
                      changed_when: false
                    - name: never changed
                      command: echo hi
                      changed_when: false
                    - name: changed by a list of conditions
                      command: echo hi
                      register: hi
                      changed_when:
                        - hi.rc == 0
                        - hi.stdout == 'hi'
                    - name: ignored failure
                      command: "false"
                      ignore_errors: yes
                    - name: still running
                      debug: msg="going on after {{ out.failed }}"
                """);
        RunResult r = Jplay.run(pb).exits(0);
        List<String> lines = r.out().lines().filter(l -> l.matches("^(ok|changed|fatal|\\.\\.\\.ignoring).*")).toList();
        assertTrue(lines.get(0).startsWith("fatal: [localhost]: FAILED! => "), r.all());
        assertEquals("...ignoring", lines.get(1));
        assertEquals("ok: [localhost]", lines.get(2));
        assertEquals("ok: [localhost]", lines.get(3));
        assertEquals("changed: [localhost]", lines.get(4));
        assertTrue(lines.get(5).startsWith("fatal: [localhost]: FAILED! => ") && lines.get(5).contains("non-zero return code"), r.all());
        assertEquals("...ignoring", lines.get(6));
        r.printed("\"msg\": \"going on after True\"");
        // ignored failures count as ok (and as changed when the result changed, as in Ansible)
        r.recap("localhost", "ok=6 changed=3 failed=0 ignored=2");
    }

    @Test
    void untilRetriesWithDelayAndCountsAttempts() {
        Path pb = ws.write("until.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: count up
                      shell: n=$(cat counter 2>/dev/null || echo 0); n=$((n+1)); echo $n > counter; echo $n
                      args:
                        chdir: "{{ playbook_dir }}"
                      register: counted
                      until: counted.stdout | int >= 3
                      retries: 5
                      delay: 0
                    - debug: msg="attempts={{ counted.attempts }} last={{ counted.stdout }}"
                    - name: waits between attempts
                      command: "false"
                      register: never
                      until: never.rc == 0
                      retries: 1
                      delay: 1
                """);
        long start = System.nanoTime();
        RunResult r = Jplay.run(pb).exits(2);
        long ms = (System.nanoTime() - start) / 1_000_000;
        r.printed("\"msg\": \"attempts=3 last=3\"").printed("Task failed after 2 attempts");
        assertEquals("3\n", ws.read("counter"), "3 attempts for the first task, none more");
        assertTrue(ms >= 1000, "delay: 1 waited between the two attempts, took " + ms + " ms");
        r.recap("localhost", "ok=2 failed=1");
    }

    @Test
    void noLogHidesTheResultOnTheConsoleAtVerboseAndInTheJsonReport() {
        Path pb = ws.write("nolog.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    secret: hunter2-s3cret
                  tasks:
                    - name: uses a secret
                      command: echo {{ secret }}
                      no_log: true
                    - name: loops over secrets
                      debug: msg="{{ item }}"
                      loop: ["{{ secret }}-a", "{{ secret }}-b"]
                      no_log: true
                    - name: fails with a secret
                      fail: msg="bad {{ secret }}"
                      no_log: true
                """);
        Path report = tmp.resolve("report.json");
        RunResult r = Jplay.run(pb, "-vvv", "--json", report).exits(2);
        r.notPrinted("hunter2").printed("'no_log: true' was specified for this result");
        String json = ws.read("report.json");
        assertFalse(json.contains("hunter2"), json);
        assertTrue(json.contains("censored"), json);
    }

    @Test
    void checkModeAndDiffPerTask() {
        Path pb = ws.write("perTask.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: always in check mode
                      copy: {content: "never written\\n", dest: "{{ playbook_dir }}/out/checked.txt"}
                      check_mode: true
                    - name: never in check mode
                      copy: {content: "written even with -C\\n", dest: "{{ playbook_dir }}/out/forced.txt"}
                      check_mode: false
                    - name: shows its diff
                      copy: {content: "diffed line\\n", dest: "{{ playbook_dir }}/out/diffed.txt"}
                      diff: true
                    - name: shows no diff
                      copy: {content: "quiet line\\n", dest: "{{ playbook_dir }}/out/quiet.txt"}
                    - debug: msg="check={{ ansible_check_mode }}"
                """);
        RunResult r = Jplay.run(pb).exits(0).recap("localhost", "changed=4");
        assertFalse(ws.exists("out/checked.txt"), "check_mode: true changes nothing");
        r.printed("+********").notPrinted("+quiet line").printed("\"msg\": \"check=False\"");

        RunResult checked = Jplay.run(pb, "--check").exits(0);
        checked.printed("\"msg\": \"check=True\"");
        assertEquals("written even with -C\n", ws.read("out/forced.txt"), "check_mode: false runs for real under -C");
        Jplay.run(pb).exits(0).recap("localhost", "changed=1");  // only the always-checked task still reports a change
    }

    @Test
    void environmentOfPlayAndTaskReachesCommands() {
        Path pb = ws.write("env.yml", """
                - hosts: localhost
                  gather_facts: false
                  environment:
                    PLAY_LEVEL: from-play
                    BOTH: play
                  tasks:
                    - name: env
                      command: printenv PLAY_LEVEL TASK_LEVEL BOTH
                      environment:
                        TASK_LEVEL: "task-{{ 40 + 2 }}"
                        BOTH: task
                      register: env
                      changed_when: false
                    - debug: msg="{{ env.stdout_lines | join(',') }}"
                """);
        Jplay.run(pb).exits(0).printed("\"msg\": \"from-play,task-42,task\"");
    }

    @Test
    void runOnceRunsOnTheFirstHostAndSharesTheRegisteredResult() {
        Path pb = ws.write("once.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: once
                      shell: echo {{ inventory_hostname }} >> "{{ playbook_dir }}/once.log"; echo ran-on-{{ inventory_hostname }}
                      run_once: true
                      register: once
                    - debug: msg="{{ inventory_hostname }} sees {{ once.stdout }}"
                """);
        Path inv = ws.localInventory("h1", "h2", "h3");
        RunResult r = Jplay.run(pb, "-i", inv).exits(0);
        assertEquals("h1\n", ws.read("once.log"));
        r.printed("\"msg\": \"h3 sees ran-on-h1\"").printed("\"msg\": \"h2 sees ran-on-h1\"");
    }

    @Test
    void blockAndTaskVarsTaskWins() {
        Path pb = ws.write("vars.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    level: play
                    other: play-other
                  tasks:
                    - name: a block with vars
                      vars:
                        level: block
                        in_block: yes-block
                      block:
                        - name: sees block vars
                          debug: msg="{{ level }} {{ in_block }} {{ other }}"
                        - name: task vars win
                          debug: msg="{{ level }} {{ in_block }}"
                          vars:
                            level: task
                    - name: outside the block
                      debug: msg="{{ level }} {{ in_block | default('gone') }}"
                """);
        Jplay.run(pb).exits(0).printed("\"msg\": \"block yes-block play-other\"").printed("\"msg\": \"task yes-block\"")
                .printed("\"msg\": \"play gone\"");
    }

    @Test
    void rescueCountsAsRescuedAndAlwaysRuns() {
        Path pb = ws.write("rescue.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: guarded
                      block:
                        - name: fails on h1
                          command: "false"
                          when: inventory_hostname == 'h1'
                        - name: rest of block
                          shell: echo block >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                          changed_when: false
                      rescue:
                        - name: rescue
                          shell: echo rescue >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                          changed_when: false
                      always:
                        - name: always
                          shell: echo always >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                          changed_when: false
                    - name: after
                      shell: echo after >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                      changed_when: false
                """);
        RunResult r = Jplay.run(pb, "-i", inventory).exits(0);
        assertEquals("rescue\nalways\nafter\n", ws.read("log-h1"));
        assertEquals("block\nalways\nafter\n", ws.read("log-h2"));
        r.recap("h1", "failed=0 rescued=1 ok=3").recap("h2", "failed=0 rescued=0 ok=3 skipped=1");
    }

    @Test
    void alwaysRunsAfterAFailureThatIsNotRescuedAndTheHostStops() {
        Path pb = ws.write("always.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - block:
                        - name: fails on h2
                          fail: msg="broken on purpose"
                          when: inventory_hostname == 'h2'
                      always:
                        - name: cleanup
                          shell: echo always >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                          changed_when: false
                    - name: after
                      shell: echo after >> "{{ playbook_dir }}/log-{{ inventory_hostname }}"
                      changed_when: false
                """);
        RunResult r = Jplay.run(pb, "-i", inventory).exits(2);
        assertEquals("always\nafter\n", ws.read("log-h1"));
        assertEquals("always\n", ws.read("log-h2"), "the failed host runs always, then stops");
        r.printed("fatal: [h2]: FAILED! =>").printed("broken on purpose");
        r.recap("h1", "ok=2 failed=0 skipped=1").recap("h2", "ok=1 failed=1 rescued=0");
    }

    @Test
    void rescueSeesTheFailedTaskAndResult() {
        Path pb = ws.write("failedTask.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - block:
                        - name: the failing one
                          command: /bin/sh -c "echo oops >&2; exit 4"
                      rescue:
                        - debug: msg="{{ ansible_failed_task.name }} rc={{ ansible_failed_result.rc }} {{ ansible_failed_result.stderr }}"
                """);
        Jplay.run(pb).exits(0).printed("\"msg\": \"the failing one rc=4 oops\"").recap("localhost", "rescued=1 failed=0");
    }

    @Test
    void importTasksIncludeTasksWithTemplatedNameAndLoopAndImportPlaybook() {
        ws.write("tasks/common.yml", """
                - name: imported task
                  debug: msg="imported with {{ flavour }}"
                """);
        ws.write("tasks/flavour-red.yml", """
                - name: red task
                  debug: msg="red {{ item | default('-') }} {{ extra | default('-') }}"
                """);
        ws.write("tasks/flavour-blue.yml", """
                - name: blue task
                  debug: msg="blue {{ item | default('-') }}"
                """);
        ws.write("first.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: from the imported playbook
                      debug: msg=first-playbook
                """);
        Path pb = ws.write("site.yml", """
                - import_playbook: first.yml
                - hosts: localhost
                  gather_facts: false
                  vars:
                    flavour: red
                  tasks:
                    - import_tasks: tasks/common.yml
                    - name: include by a templated name
                      include_tasks: "tasks/flavour-{{ flavour }}.yml"
                      vars:
                        extra: with-vars
                    - name: include in a loop
                      include_tasks: tasks/flavour-{{ item }}.yml
                      loop: [red, blue]
                """);
        RunResult r = Jplay.run(pb).exits(0);
        assertEquals(List.of("from the imported playbook", "imported task", "include by a templated name", "red task",
                "include in a loop", "red task", "blue task"), taskBanners(r), r.all());
        r.printed("\"msg\": \"imported with red\"").printed("\"msg\": \"red - with-vars\"").printed("\"msg\": \"red red -\"")
                .printed("\"msg\": \"blue blue\"");
    }

    @Test
    void rolesWithTasksHandlersDefaultsVarsTemplatesAndParams() {
        ws.write("roles/web/tasks/main.yml", """
                - name: page
                  template: {src: page.ftl, dest: "{{ out_dir }}/{{ inventory_hostname }}.html"}
                  notify: web changed
                - name: show
                  debug: msg="port={{ port }} title={{ title }} owner={{ owner }} who={{ who }}"
                """);
        ws.write("roles/web/handlers/main.yml", """
                - name: web changed
                  shell: echo handled >> "{{ out_dir }}/{{ inventory_hostname }}.log"
                """);
        ws.write("roles/web/defaults/main.yml", """
                port: 80
                title: default title
                owner: defaults
                who: nobody
                """);
        ws.write("roles/web/vars/main.yml", "owner: role-vars\n");
        ws.write("roles/web/templates/page.ftl", "<h1>${title}</h1> on ${inventory_hostname}:${port?c} for ${who}\n");
        Path pb = ws.write("roles.yml", """
                - hosts: nodes
                  gather_facts: false
                  vars:
                    out_dir: "{{ playbook_dir }}/out"
                    title: play title
                  roles:
                    - role: web
                      who: "param-{{ inventory_hostname }}"
                """);
        RunResult first = Jplay.run(pb, "-i", inventory).exits(0);
        first.printed("TASK [web : page]").printed("RUNNING HANDLER [web : web changed]")
                .printed("\"msg\": \"port=80 title=play title owner=role-vars who=param-h1\"");
        assertEquals("<h1>play title</h1> on h2:80 for param-h2\n", ws.read("out/h2.html"));
        assertEquals("handled\n", ws.read("out/h1.log"));
        Jplay.run(pb, "-i", inventory).exits(0).unchanged().notPrinted("RUNNING HANDLER");
    }

    @Test
    void importRoleBringsItsTasksAndHandlers() {
        ws.write("roles/svc/tasks/main.yml", """
                - name: unit file
                  copy: {content: "[Unit]\\n", dest: "{{ playbook_dir }}/out/svc.unit"}
                  notify: svc restarted
                """);
        ws.write("roles/svc/handlers/main.yml", """
                - name: svc restarted
                  shell: echo restarted >> "{{ playbook_dir }}/out/svc.log"
                """);
        Path pb = ws.write("import-role.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: before
                      debug: msg=before
                    - ansible.builtin.import_role:
                        name: svc
                """);
        Jplay.run(pb).exits(0).printed("TASK [svc : unit file]").printed("RUNNING HANDLER [svc : svc restarted]");
        assertEquals("restarted\n", ws.read("out/svc.log"));
        Jplay.run(pb).exits(0).unchanged();
        assertEquals("restarted\n", ws.read("out/svc.log"));
    }

    @Test
    void metaEndPlayEndsThePlayForAllHostsButNotThePlaybook() {
        Path pb = ws.write("end.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - debug: msg=before
                    - meta: end_play
                      when: inventory_hostname == 'h1'
                    - name: not after end_play
                      debug: msg=after
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: next play
                      debug: msg=next-play
                """);
        RunResult r = Jplay.run(pb, "-i", inventory).exits(0);
        assertEquals(List.of("debug", "next play"), taskBanners(r), r.all());
        r.recap("h1", "ok=1 failed=0").recap("h2", "ok=1 failed=0");
    }
}
