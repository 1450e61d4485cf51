package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13, the output details: -vvv's connection and command lines, Python reprs of loop items and
 * booleans, forced colour, and secrets at -vvv, each with ansible-playbook and jplay on the same
 * playbook. What must differ (Ansible ships Python modules through temp files, jplay runs sh) is
 * normalised to the shape of the lines, nothing else.
 */
class AnsibleOutputE2ETest {
    @TempDir
    Path tmp;

    private void both(String relative, String text) throws IOException {
        SideBySide.writeBoth(tmp, relative, text);
    }

    private SideBySide.Run ansible(Map<String, String> env, String... args) {
        return SideBySide.ansible(tmp.resolve("ansible"), env, args);
    }

    private SideBySide.Run jplay(Map<String, String> env, String... args) {
        return SideBySide.jplay(tmp.resolve("jplay"), env, args);
    }

    /** The output from Ansible's config line on, the folder as @DIR@, timings blanked. */
    private String out(SideBySide.Run r, String side) {
        String o = r.out().replace(tmp.resolve(side).toAbsolutePath().toString(), "@DIR@");
        String from = "No config file found; using defaults\n";
        if (o.contains(from)) {
            o = o.substring(o.indexOf(from));
        }
        // Ansible's -vvv also tells which inventory plugins declined /etc/ansible/hosts
        return o.replaceAll("(?m)^Skipping callback .*\n", "")
                .replaceAll("(?m)^(\\w+ declined parsing /etc/ansible/hosts .*|Skipping due to inventory source not existing .*)\n", "")
                .replaceAll("\"(delta|start|end)\": \"[^\"]*\"", "\"$1\": \"T\"");
    }

    /**
     * -vvv's lines about how a module reaches the host, reduced to their shape: Ansible's temp-file
     * upload and Python lines dropped, a run of EXEC lines one {@code EXEC /bin/sh -c 'CMD'} (jplay runs
     * one sh script where Ansible runs five), and the module's invocation echo (Python's argument spec
     * with its defaults) left out.
     */
    private static String shape(String out) {
        String s = out.replaceAll("(?m)^Using module file .*\n", "")
                .replaceAll("(?m)^<[^>]+> PUT .* TO .*\n", "")
                .replaceAll("(?m)^<[^>]+> Attempting python interpreter discovery\n", "")
                .replaceAll("(?m)^(<[^>]+> EXEC /bin/sh -c )'.*'$", "$1'CMD'")
                .replaceAll("(?s)\n    \"invocation\": \\{\n.*?\n    },", "")
                // jplay gives a skipped task's false_condition as ansible-core 2.15 and later do; 2.14 does not
                .replaceAll("(?m)^    \"false_condition\": .*\n", "");
        // a run of the same EXEC line is one; jplay prints a loop's item lines when the loop ends, Ansible as
        // each item ends, so Ansible's EXEC lines of later items (after an item's result) are left out
        return s.replaceAll("(?m)^(<[^>]+> EXEC /bin/sh -c 'CMD'\n)(?:\\1)+", "$1")
                .replaceAll("(?m)^(}\n)<[^>]+> EXEC /bin/sh -c 'CMD'\n", "$1");
    }

    @Test
    void minusVvvShowsEachTasksConnectionOnceAndItsCommandsAsAnsibleDoes() throws IOException {
        both("v.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: a command
                      command: echo one
                    - name: a loop runs commands per item, on one connection
                      command: "echo {{ item }}"
                      loop: [a, b]
                    - name: debug runs nothing on the host
                      debug: {msg: hi}
                    - name: skipped
                      command: echo never
                      when: false
                """);
        SideBySide.Run a = ansible(Map.of(), "-vvv", "v.yml");
        SideBySide.Run j = jplay(Map.of(), "-vvv", "v.yml");
        assertEquals(0, a.exitCode(), a::all);
        assertEquals(0, j.exitCode(), j::all);
        String user = System.getProperty("user.name");
        // the implicit localhost is 127.0.0.1 to Ansible
        assertTrue(j.out().contains("<127.0.0.1> ESTABLISH LOCAL CONNECTION FOR USER: " + user + "\n"), j::all);
        assertTrue(j.out().lines().anyMatch(l -> l.equals("<127.0.0.1> EXEC /bin/sh -c 'echo jplay-cmd:run; exec echo one'")), j::all);
        assertEquals(shape(out(a, "ansible")), shape(out(j, "jplay")), () -> a.all() + "\n" + j.all());
    }

    @Test
    void loopItemsPrintAsPythonReprsAndBooleansInMessagesAsTrueAndFalse() throws IOException {
        both("r.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: dict items
                      debug: {msg: "{{ item.key }} is {{ item.flag }}"}
                      loop:
                        - {key: a, flag: true}
                        - {key: "it's", flag: false, n: null, l: [1, 2.5, "x"]}
                    - name: list items
                      command: "echo {{ item | join(',') }}"
                      loop: [[1, true], ['say "hi"', null]]
                    - name: a boolean alone and in a sentence
                      debug: {msg: "{{ 1 == 1 }}"}
                    - debug: {msg: "it is {{ 1 == 2 }} and {{ [true, none] }}"}
                """);
        for (String v : new String[] {"", "-v"}) {
            String[] args = v.isEmpty() ? new String[] {"r.yml"} : new String[] {v, "r.yml"};
            SideBySide.Run a = ansible(Map.of(), args);
            SideBySide.Run j = jplay(Map.of(), args);
            assertEquals(0, j.exitCode(), j::all);
            assertEquals(out(a, "ansible"), out(j, "jplay"), () -> a.all() + "\n" + j.all());
        }
    }

    @Test
    void forcedColourPaintsEachLineAndTheRecapInAnsiblesColours() throws IOException {
        both("c.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - debug: {msg: fine}
                    - command: echo changed
                    - command: "false"
                      ignore_errors: true
                    - debug: {msg: never}
                      when: false
                """);
        SideBySide.Run a = ansible(Map.of("ANSIBLE_FORCE_COLOR", "1"), "c.yml");
        SideBySide.Run j = jplay(Map.of("ANSIBLE_FORCE_COLOR", "1"), "c.yml");
        assertEquals(0, j.exitCode(), j::all);
        for (String painted : List.of("\u001b[0;32mok: [localhost] => {\u001b[0m\n\u001b[0;32m    \"msg\": \"fine\"\u001b[0m\n",
                "\u001b[0;33mchanged: [localhost]\u001b[0m", "\u001b[0;31mfatal: [localhost]: FAILED!", "\u001b[0;36m...ignoring\u001b[0m",
                "\u001b[0;36mskipping: [localhost]\u001b[0m", "\u001b[1;35mignored=1   \u001b[0m")) {
            assertTrue(a.out().contains(painted), () -> painted + "\n" + a.all());
        }
        assertEquals(out(a, "ansible"), out(j, "jplay"), () -> a.all() + "\n" + j.all());
        // FORCE_COLOR (which ansible-core 2.14 does not read) paints jplay's output the same way
        SideBySide.Run force = jplay(Map.of("FORCE_COLOR", "1"), "c.yml");
        assertEquals(out(j, "jplay"), out(force, "jplay"), force::all);
        SideBySide.Run plain = jplay(Map.of(), "c.yml");
        assertFalse(plain.out().contains("\u001b["), plain::all);
    }

    @Test
    void minusVvvNeverPrintsTheBecomePasswordANoLogTaskOrAVaultedValue() throws IOException {
        String becomePw = "BecomePw-4471-secret";
        String hidden = "NoLogValue-8812";
        String vaulted = "VaultValue-3390";
        both("pw.txt", "vault-pass-1\n");
        SideBySide.Run enc = SideBySide.ansibleTool(tmp.resolve("ansible"), Map.of(), "ansible-vault", "encrypt_string",
                "--vault-password-file", "pw.txt", vaulted, "--name", "vaulted");
        assertEquals(0, enc.exitCode(), enc::all);
        both("s.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    ansible_become_password: %s
                %s
                  tasks:
                    - name: become with a password
                      command: id -un
                      become: true
                      become_method: su
                      ignore_errors: true
                    - name: hidden
                      command: echo %s
                      no_log: true
                    - name: a vaulted value reaches a task
                      set_fact: {copy_of: "{{ vaulted }}"}
                      no_log: true
                """.formatted(becomePw, enc.out().stripTrailing().indent(4).stripTrailing(), hidden));
        SideBySide.Run a = ansible(Map.of(), "-vvv", "--vault-password-file", "pw.txt", "s.yml");
        SideBySide.Run j = jplay(Map.of(), "-vvv", "--vault-password-file", "pw.txt", "s.yml");
        for (SideBySide.Run r : List.of(a, j)) {
            for (String secret : List.of(becomePw, hidden, vaulted)) {
                assertFalse(r.out().contains(secret) || r.err().contains(secret), () -> secret + " printed\n" + r.all());
            }
        }
        assertTrue(j.out().contains("hidden due to the fact that 'no_log: true'"), j::all);
    }
}
