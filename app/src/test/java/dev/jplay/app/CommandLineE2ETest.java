package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: listings, --syntax-check, --start-at-task, exit codes, jplay doc. */
class CommandLineE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        ws.copyResources("ansible-output");
    }

    private String golden(String name) {
        return ws.read(name).replace("playbook: list.yml", "playbook: " + ws.path("list.yml").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--list-tasks              | list-tasks.ansible.txt",
            "--list-tasks --skip-tags a | list-tasks-skip-a.ansible.txt",
            "--list-tags               | list-tags.ansible.txt",
            "--list-tags --tags never  | list-tags-never.ansible.txt",
    })
    void listingsAreAnsibles(String options, String goldenFile) {
        List<Object> args = new ArrayList<>(List.of("-i", ws.path("hosts.ini"), ws.path("list.yml")));
        args.addAll(Arrays.asList(options.split(" ")));
        RunResult r = Jplay.run(args.toArray()).exits(0);
        assertEquals(golden(goldenFile), r.out());
    }

    @Test
    void listHostsShowsEachPlaysPatternAndHosts() {
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), ws.path("list.yml"), "--list-hosts", "--limit", "h2:h3").exits(0);
        assertEquals("""

                playbook: %s

                  play #1 (web): First play\tTAGS: [play1]
                    pattern: ['web']
                    hosts (1):
                      h2

                  play #2 (db): db\tTAGS: []
                    pattern: ['db']
                    hosts (1):
                      h3
                """.formatted(ws.path("list.yml").toAbsolutePath()), r.out());
    }

    @Test
    void syntaxCheckValidatesAndRunsNothing() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - copy: {content: x, dest: "{{ playbook_dir }}/marker"}
                """);
        Jplay.run(pb, "--syntax-check").exits(0).printed("playbook: " + pb.toAbsolutePath()).notPrinted("TASK");
        assertFalse(ws.exists("marker"));
        ws.write("site.yml", """
                - hosts: localhost
                  tasks:
                    - copy: {content: x, dest: "{{ playbook_dir }}/marker", modee: "0644"}
                """);
        Jplay.run(pb, "--syntax-check").exits(3).errPrinted("site.yml:3:").errPrinted("did you mean 'mode'?");
    }

    @Test
    void startAtTaskSkipsEverythingBeforeIt() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: first
                      command: touch "{{ playbook_dir }}/first"
                    - name: second
                      command: touch "{{ playbook_dir }}/second"
                    - name: third
                      command: touch "{{ playbook_dir }}/third"
                """);
        RunResult r = Jplay.run(pb, "--start-at-task", "second").exits(0);
        assertFalse(ws.exists("first"));
        assertTrue(ws.exists("second") && ws.exists("third"));
        r.notPrinted("TASK [first]").recap("localhost", "ok=2 changed=2");
        Jplay.run(pb, "--start-at-task", "nosuchtask").exits(5).errPrinted("--start-at-task 'nosuchtask' matches no task in");
        assertFalse(ws.exists("first"));
    }

    @Test
    void exitCodesTellOutcomesApart() {
        Path ok = ws.write("ok.yml", "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - debug: msg=fine\n");
        Path fails = ws.write("fails.yml", "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - fail: msg=no\n");
        Path invalid = ws.write("invalid.yml", "- hosts: localhost\n  tasks:\n    - debug: msg=\"{{ 1 + }}\"\n");
        Jplay.run(ok).exits(0);
        Jplay.run(fails).exits(2);
        Jplay.run(invalid).exits(3);
        Jplay.run(ws.path("missing.yml")).exits(1).errPrinted("could not be found");
        Jplay.run(ok, "--no-such-option").exits(5).errPrinted("Unknown option: '--no-such-option'");
        Jplay.run(ok, "--forks", "many").exits(5);
        for (String forks : new String[] {"0", "-3"}) {
            Path marker = ws.path("forks-marker");
            Path writes = ws.write("writes.yml", "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                    + "    - copy: {content: ran, dest: \"" + marker + "\"}\n");
            Jplay.run(writes, "-f", forks).exits(5).errPrinted("-f/--forks must be a whole number of at least 1, got " + forks);
            assertFalse(java.nio.file.Files.exists(marker), "-f " + forks + " must run nothing");
        }
        Jplay.run().exits(5).errPrinted("Missing playbook");
        // a missing file is exit 1, as the table says: -i FILE and -e @FILE too
        Jplay.run(ok, "-i", ws.path("no-inventory.ini")).exits(1).errPrinted("no-inventory.ini could not be found");
        Jplay.run(ok, "-e", "@" + ws.path("no-vars.yml")).exits(1).errPrinted("no-vars.yml (-e @");
    }

    @Test
    void docShowsAModuleAndListsThemAll() {
        RunResult copy = Jplay.run("doc", "copy").exits(0);
        copy.printed("> COPY").printed("= dest").printed("- content").printed("- mode").printed("CHECK MODE: supported");
        RunResult list = Jplay.run("doc", "--list").exits(0);
        for (String m : List.of("command", "copy", "debug", "file", "lineinfile", "set_fact", "shell", "stat", "template")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(m + " ")), m + " listed\n" + list.all());
        }
        // as ansible-doc: a module that is not there is a warning, exit 0
        Jplay.run("doc", "cpoy").exits(0).errPrinted("[WARNING]: cpoy was not found").errPrinted("did you mean 'copy'?");
        Jplay.run("doc", "--version").exits(0).printed("jplay ");
    }
}
