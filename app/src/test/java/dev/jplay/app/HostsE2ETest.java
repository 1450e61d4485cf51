package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several local hosts: parallel forks, a failing host that stops while others go on, unreachable hosts, --limit. */
class HostsE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path inventory;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        inventory = ws.localInventory("h1", "h2", "h3");
    }

    @Test
    void hostsRunInParallelUpToForks() {
        // a barrier: each host arrives, then waits (at most 5 s) until two hosts have arrived;
        // with one host at a time the first one would time out, so passing proves two ran at once
        Path pb = ws.write("parallel.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: meet another host
                      shell: |
                        touch arrived-{{ inventory_hostname }}
                        i=0
                        while [ "$(ls arrived-* | wc -l)" -lt 2 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
                        [ "$(ls arrived-* | wc -l)" -ge 2 ]
                      args:
                        chdir: "{{ playbook_dir }}"
                      changed_when: false
                """);
        long start = System.nanoTime();
        RunResult r = Jplay.run(pb, "-i", inventory, "-f", "2").exits(0);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "no host waited for the barrier's timeout\n" + r.all());
        r.recap("h1", "ok=1 failed=0").recap("h2", "ok=1 failed=0").recap("h3", "ok=1 failed=0");
        // results are printed in inventory order whatever order the hosts finished in
        assertEquals(List.of("ok: [h1]", "ok: [h2]", "ok: [h3]"), r.lines("ok: ["));
    }

    @Test
    void oneHostFailsAndStopsWhileTheOthersGoOnThenExit2() {
        Path pb = ws.write("fail.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: breaks on h2
                      command: /bin/sh -c "exit {{ 7 if inventory_hostname == 'h2' else 0 }}"
                      changed_when: false
                    - name: after the failure
                      copy: {content: "done\\n", dest: "{{ playbook_dir }}/done-{{ inventory_hostname }}"}
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: next play
                      debug: msg="next play on {{ inventory_hostname }}"
                """);
        RunResult first = Jplay.run(pb, "-i", inventory, "-f", "2").exits(2);
        first.printed("fatal: [h2]: FAILED! =>").printed("\"rc\": 7");
        assertTrue(ws.exists("done-h1") && ws.exists("done-h3"), "the other hosts went on");
        assertFalse(ws.exists("done-h2"), "the failed host stopped");
        first.notPrinted("next play on h2").printed("next play on h1").printed("next play on h3");
        first.recap("h1", "ok=3 changed=1 failed=0").recap("h2", "ok=0 changed=0 failed=1").recap("h3", "ok=3 changed=1 failed=0");

        RunResult second = Jplay.run(pb, "-i", inventory, "-f", "2").exits(2);
        second.recap("h1", "changed=0").recap("h3", "changed=0").recap("h2", "failed=1");
    }

    @Test
    void whenEveryHostOfAPlayFailsThePlaybookStopsAsInAnsible() {
        Path pb = ws.write("stops.yml", """
                - hosts: h1
                  gather_facts: false
                  tasks:
                    - fail: msg=broken
                - hosts: h2
                  gather_facts: false
                  tasks:
                    - name: never runs
                      debug: msg=second-play
                """);
        RunResult r = Jplay.run(pb, "-i", inventory).exits(2).notPrinted("second-play").notPrinted("PLAY [h2]");
        assertEquals(List.of("h1"), List.copyOf(r.recap().keySet()));
    }

    @Test
    void anUnreachableHostIsReportedAndExits4() {
        ws.write("mixed.ini", """
                [nodes]
                h1 ansible_connection=local
                gone ansible_connection=ssh ansible_host=198.18.77.250 ansible_port=1
                """);
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - name: touch
                      command: echo hi
                      changed_when: false
                    - name: second
                      debug: msg="still on {{ inventory_hostname }}"
                """);
        RunResult r = Jplay.run(pb, "-i", ws.path("mixed.ini"), "--ssh-timeout", "3").exits(4);
        r.printed("fatal: [gone]: UNREACHABLE! =>").notPrinted("still on gone").printed("still on h1");
        r.recap("gone", "ok=0 unreachable=1 failed=0").recap("h1", "ok=2 unreachable=0 failed=0");
    }

    @Test
    void aFailureWinsOverUnreachableForTheExitCode() {
        ws.write("mixed.ini", """
                [nodes]
                h1 ansible_connection=local
                gone ansible_connection=ssh ansible_host=198.18.77.250 ansible_port=1
                """);
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - fail: msg=broken
                """);
        Jplay.run(pb, "-i", ws.path("mixed.ini"), "--ssh-timeout", "3").exits(2).recap("gone", "unreachable=1").recap("h1", "failed=1");
    }

    @Test
    void limitNarrowsThePlayToMatchingHosts() {
        Path pb = ws.write("site.yml", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - debug: msg="on {{ inventory_hostname }}"
                """);
        RunResult r = Jplay.run(pb, "-i", inventory, "--limit", "h1:h3").exits(0);
        assertEquals(List.of("h1", "h3"), List.copyOf(r.recap().keySet()));
        RunResult none = Jplay.run(pb, "-i", inventory, "-l", "nosuchhost").exits(0);
        none.printed("no hosts matched").notPrinted("TASK [");
    }
}
