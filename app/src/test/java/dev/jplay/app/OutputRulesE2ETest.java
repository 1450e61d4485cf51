package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Ansible's non-native output rules, side by side: each line of compat/output-cases.txt becomes a
 * {@code debug: msg=} task (tuples, dict views, Python's repr of nested values, floats, None, bools,
 * string filters...), and jplay must print what ansible-playbook 2.14 prints, task for task.
 */
class OutputRulesE2ETest {
    @TempDir
    Path tmp;

    @Test
    void everyCasePrintsAsAnsiblePrintsIt() throws IOException {
        List<String> cases;
        try (InputStream in = getClass().getResourceAsStream("/compat/output-cases.txt")) {
            assertNotNull(in);
            cases = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        StringBuilder pb = new StringBuilder("- hosts: localhost\n  gather_facts: false\n  vars:\n    d: {a: 1, b: 2}\n  tasks:\n");
        for (int i = 0; i < cases.size(); i++) {
            // a YAML single-quoted scalar: only ' needs doubling
            pb.append("    - name: c").append(i).append("\n      debug:\n        msg: '").append(cases.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(tmp.resolve("cases.yml"), pb.toString());
        SideBySide.Run a = SideBySide.ansible(tmp, Map.of(), "cases.yml");
        SideBySide.Run j = SideBySide.jplay(tmp, Map.of(), "cases.yml");
        assertEquals(0, a.exitCode(), a::all);
        assertEquals(0, j.exitCode(), j::all);
        String[] ao = a.out().substring(a.out().indexOf("PLAY [")).split("\n\n");
        String[] jo = j.out().substring(j.out().indexOf("PLAY [")).split("\n\n");
        for (int k = 0; k < Math.min(ao.length, jo.length); k++) {
            assertEquals(ao[k], jo[k], "the case's output differs");
        }
        assertEquals(ao.length, jo.length, () -> a.all() + "\n" + j.all());
    }
}
