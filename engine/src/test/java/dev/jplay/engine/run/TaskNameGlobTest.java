package dev.jplay.engine.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fnmatch's rules, as Ansible's --start-at-task applies them. */
class TaskNameGlobTest {
    @Test
    void globsAndPlainNames() {
        assertTrue(TaskNameGlob.of("Install*").matches("Install the unit", null));
        assertTrue(TaskNameGlob.of("step ?").matches("step 2", null));
        assertTrue(TaskNameGlob.of("step [12]").matches("step 1", null));
        assertFalse(TaskNameGlob.of("step [!12]").matches("step 1", null));
        assertTrue(TaskNameGlob.of("web : *").matches("start", "web : start"));
        assertFalse(TaskNameGlob.of("install*").matches("Install", null));
        // regex characters are literal, an unclosed [ too
        assertTrue(TaskNameGlob.of("a.b (c) [x").matches("a.b (c) [x", null));
        assertFalse(TaskNameGlob.of("a.b").matches("axb", null));
    }
}
