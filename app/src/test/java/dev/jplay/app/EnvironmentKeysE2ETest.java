package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue #10 classes 2 and 7 (NUL): environment keys are shell names, refused at load time when literal
 * (exit 3, nothing run) at every level that takes {@code environment:}, and at run time when rendered;
 * a NUL in a run-time value fails the task instead of being dropped.
 */
class EnvironmentKeysE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path inventory;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        inventory = ws.localInventory("h1");
    }

    private String hostileKey(String kind) {
        return switch (kind) {
            case "injection" -> "X=1; touch " + ws.path("pwned") + "; Y";
            case "empty" -> "";
            case "digit" -> "1X";
            case "dash" -> "A-B";
            case "space" -> "A B";
            case "newline" -> "A\\nB";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"injection", "empty", "digit", "dash", "space", "newline"})
    void literalBadKeysAreRefusedAtLoadOnTasks(String kind) {
        assertRefusedAtLoad("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - file: {path: %s, state: touch}
                    - command: "true"
                      environment: {"%s": v}
                """.formatted(ws.path("ran"), hostileKey(kind)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"injection", "empty", "dash"})
    void literalBadKeysAreRefusedAtLoadOnPlaysAndBlocks(String kind) {
        assertRefusedAtLoad("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - file: {path: %s, state: touch}
                - hosts: nodes
                  gather_facts: false
                  environment: {"%s": v}
                  tasks:
                    - command: "true"
                """.formatted(ws.path("ran"), hostileKey(kind)));
        assertRefusedAtLoad("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - file: {path: %s, state: touch}
                    - block:
                        - command: "true"
                      environment: {"%s": v}
                """.formatted(ws.path("ran"), hostileKey(kind)));
    }

    private void assertRefusedAtLoad(String playbook) {
        Path pb = ws.write("site.yml", playbook);
        Jplay.run(pb, "-i", inventory).exits(3).errPrinted("environment variable name");
        assertFalse(ws.exists("ran"), "nothing may run before a load error");
        assertFalse(ws.exists("pwned"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"injection", "empty", "dash", "newline"})
    void renderedBadKeysFailTheTaskAndRunNothing(String kind) {
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  vars:
                    key: "%s"
                  tasks:
                    - shell: touch %s
                      environment: {"{{ key }}": v}
                """.formatted(hostileKey(kind), ws.path("ran")));
        Jplay.run(pb, "-i", inventory).exits(2).printed("environment variable name");
        assertFalse(ws.exists("pwned"));
        assertFalse(ws.exists("ran"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy:\n        content: \"{{ out.stdout }}\"\n        dest: DEST", "command: \"echo {{ out.stdout }}\"",
            "shell: \"echo {{ out.stdout }} > DEST\"", "command: \"true\"\n      environment:\n        V: \"{{ out.stdout }}\""})
    void nulInARunTimeValueIsRefusedNotDropped(String task) {
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - shell: printf 'a\\000b'
                      register: out
                    - %s
                """.formatted(task.replace("DEST", ws.path("out").toString())));
        Jplay.run(pb, "-i", inventory).exits(2).printed("NUL character");
        assertFalse(ws.exists("out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOOD", "_x1", "lower_case"})
    void validKeysStillWork(String key) {
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - shell: printf %%s "$%s" > %s
                      environment: {"%s": "a b; $(x)"}
                """.formatted(key, ws.path("out"), key));
        Jplay.run(pb, "-i", inventory).exits(0);
        assertEquals("a b; $(x)", ws.read("out"));
    }
}
