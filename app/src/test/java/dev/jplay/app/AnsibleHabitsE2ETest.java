package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #13: where jplay follows Ansible's habits on the command line and in the output, the same
 * playbook is run by ansible-playbook and by jplay, each in its own copy of a folder, and the outputs
 * are compared (the folder's path replaced by {@code @DIR@}).
 */
class AnsibleHabitsE2ETest {
    @TempDir
    Path tmp;

    /** Writes the same files into an Ansible folder and a jplay folder. */
    private void both(String relative, String text) throws IOException {
        SideBySide.writeBoth(tmp, relative, text);
    }

    private Path side(String name) {
        return tmp.resolve(name);
    }

    private SideBySide.Run ansible(Map<String, String> env, String... args) {
        return SideBySide.ansible(side("ansible"), env, args);
    }

    private SideBySide.Run jplay(Map<String, String> env, String... args) {
        return SideBySide.jplay(side("jplay"), env, args);
    }

    private String out(SideBySide.Run r, String sideName) {
        return r.out().replace(side(sideName).toAbsolutePath().toString(), "@DIR@");
    }

    @Test
    void diffsComeBeforeTheHostLineWithAnsiblesHeadersContextAndNoNewlineMarker() throws IOException {
        both("big.txt", IntStream.rangeClosed(1, 2100).mapToObj(i -> i + "\n").collect(Collectors.joining()));
        both("nl.txt", "x\n");
        both("diff.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: one line in a long file
                      lineinfile: {path: "{{ playbook_dir }}/big.txt", regexp: '^1000$', line: thousand}
                    - name: a lost newline
                      copy: {dest: "{{ playbook_dir }}/nl.txt", content: "x"}
                """);
        SideBySide.Run a = ansible(Map.of(), "--diff", "diff.yml");
        SideBySide.Run j = jplay(Map.of(), "--diff", "diff.yml");
        assertEquals(0, a.exitCode(), a::all);
        assertEquals(0, j.exitCode(), j::all);
        // copy's headers are the module's own: Ansible names its temp file, jplay the content
        String copyHeaders = "(?m)^--- before: @DIR@/nl.txt.*\n\\+\\+\\+ after: .*$";
        assertEquals(out(a, "ansible").replaceAll(copyHeaders, "COPY HEADERS"), out(j, "jplay").replaceAll(copyHeaders, "COPY HEADERS"),
                () -> a.all() + "\n" + j.all());
    }

    @Test
    void connectionLocalFromThePlayItsVarsATaskMinusEAndMinusC() throws IOException {
        both("conn.yml", """
                - name: keyword
                  hosts: all
                  connection: local
                  tasks:
                    - command: echo keyword
                - name: play vars
                  hosts: all
                  gather_facts: false
                  vars: {ansible_connection: local}
                  tasks:
                    - command: echo vars
                - name: task keyword
                  hosts: all
                  gather_facts: false
                  tasks:
                    - command: echo task
                      connection: local
                """);
        both("plain.yml", """
                - hosts: all
                  tasks:
                    - command: echo plain
                """);
        SideBySide.Run a = ansible(Map.of(), "-i", "localhost,", "conn.yml");
        SideBySide.Run j = jplay(Map.of(), "-i", "localhost,", "conn.yml");
        assertEquals(0, a.exitCode(), a::all);
        assertEquals(out(a, "ansible"), out(j, "jplay"), () -> a.all() + "\n" + j.all());
        for (String[] how : new String[][] {{"-e", "ansible_connection=local"}, {"-c", "local"}, {"--connection=local"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("-i", "localhost,", "plain.yml"),
                    java.util.Arrays.stream(how)).toArray(String[]::new);
            SideBySide.Run ja = jplay(Map.of(), args);
            assertEquals(0, ja.exitCode(), ja::all);
            if (how[0].equals("-c")) {
                SideBySide.Run aa = ansible(Map.of(), args);
                assertEquals(out(aa, "ansible"), out(ja, "jplay"), () -> aa.all() + "\n" + ja.all());
            }
        }
    }

    @Test
    void optionsJplayDoesNotHaveSaySo() throws IOException {
        both("plain.yml", "- hosts: all\n  tasks: []\n");
        SideBySide.Run step = jplay(Map.of(), "plain.yml", "--step");
        assertEquals(5, step.exitCode(), step::all);
        assertEquals(true, step.err().contains("--step is not supported"), step::all);
        SideBySide.Run bad = jplay(Map.of(), "plain.yml", "-c", "docker");
        assertEquals(5, bad.exitCode(), bad::all);
        assertEquals(true, bad.err().contains("-c/--connection 'docker' is not supported: expected one of local, ssh"), bad::all);
        // accepted as in Ansible: jplay keeps no fact cache, and handlers are forced
        assertEquals(0, jplay(Map.of(), "plain.yml", "--flush-cache", "--force-handlers", "-T", "5").exitCode());
    }

    @Test
    void ansibleCfgInTheFolderAndAnsibleVariablesAreRead() throws IOException {
        both("ansible.cfg", "[defaults]\ninventory = hosts.ini\nforks = 1\ngathering = smart\n");
        both("hosts.ini", "[nodes]\nh1 ansible_connection=local\nh2 ansible_connection=local\n");
        both("other.ini", "[nodes]\nh3 ansible_connection=local\n");
        both("p.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - command: echo hi
                """);
        SideBySide.Run a = ansible(Map.of(), "p.yml");
        SideBySide.Run j = jplay(Map.of(), "p.yml");
        assertEquals(0, j.exitCode(), j::all);
        assertEquals(out(a, "ansible"), out(j, "jplay"), () -> a.all() + "\n" + j.all());
        assertEquals(true, j.err().contains("[WARNING]: jplay does not honour these Ansible settings: defaults.gathering"), j::all);
        SideBySide.Run av = ansible(Map.of("ANSIBLE_INVENTORY", "other.ini"), "p.yml");
        SideBySide.Run jv = jplay(Map.of("ANSIBLE_INVENTORY", "other.ini"), "p.yml");
        assertEquals(out(av, "ansible"), out(jv, "jplay"), () -> av.all() + "\n" + jv.all());
        SideBySide.Run version = jplay(Map.of(), "--version");
        assertEquals(true, version.out().contains("config file = " + side("jplay").resolve("ansible.cfg")), version::all);
        assertEquals(true, version.out().contains("defaults.forks = 1 (" + side("jplay").resolve("ansible.cfg") + "; -f)"), version::all);
    }

    @Test
    void minusVvShowsThePlaybookBannerAndEachTasksPath() throws IOException {
        both("v.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: first
                      debug: {msg: one}
                    - name: second
                      set_fact: {x: 1}
                      notify: h
                  handlers:
                    - name: h
                      debug: {msg: handled}
                """);
        for (String v : new String[] {"-v", "-vv"}) {
            SideBySide.Run a = ansible(Map.of(), v, "v.yml");
            SideBySide.Run j = jplay(Map.of(), v, "v.yml");
            assertEquals(0, j.exitCode(), j::all);
            // Ansible's -vv starts with its version and the callbacks it skips; from the config line on, the output is the same
            String from = "No config file found; using defaults\n";
            String ao = out(a, "ansible");
            assertEquals(ao.substring(ao.indexOf(from)).replaceAll("(?m)^Skipping callback .*\n", ""), out(j, "jplay"),
                    () -> a.all() + "\n" + j.all());
        }
    }

    @Test
    void startAtTaskTakesAGlobAndANameThatMatchesNothingStopsBeforeAnyHost() throws IOException {
        both("s.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: first step
                      debug: {msg: one}
                    - name: Install the unit
                      debug: {msg: two}
                    - name: last
                      debug: {msg: three}
                """);
        SideBySide.Run a = ansible(Map.of(), "s.yml", "--start-at-task", "Install*");
        SideBySide.Run j = jplay(Map.of(), "s.yml", "--start-at-task", "Install*");
        assertEquals(0, j.exitCode(), j::all);
        assertEquals(out(a, "ansible"), out(j, "jplay"), () -> a.all() + "\n" + j.all());
        SideBySide.Run none = jplay(Map.of(), "s.yml", "--start-at-task", "nosuch*");
        assertEquals(5, none.exitCode(), none::all);
        assertEquals("", none.out(), none::all);
        assertEquals(true, none.err().contains("--start-at-task 'nosuch*' matches no task in s.yml"), none::all);
    }
}
