package dev.jplay.engine.host;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileModeTest {
    @Test
    void octalFormsNormalise() {
        // Ansible's rules (issue #10 class 5): a number is the mode's value, a string of octal digits is octal
        assertEquals("1204", FileMode.normalize(644), "decimal 644, as Ansible sets it");
        assertEquals("0644", FileMode.normalize(0644));
        assertEquals("4755", FileMode.normalize("04755"));
        assertEquals("0644", FileMode.normalize("0o644"));
        assertEquals("0644", FileMode.normalize("00644"));
        assertEquals("2775", FileMode.normalize(02775));
        assertEquals("0644", FileMode.normalize("0644"));
        assertEquals("0755", FileMode.normalize("755"));
        assertEquals("0600", FileMode.normalize("0o600"));
        assertEquals("4755", FileMode.normalize("4755"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0888", "99999", "017777", "", "u+q", "rwx", "u=rw,", "644x"})
    void invalidModesAreRefused(String mode) {
        assertThrows(IllegalArgumentException.class, () -> FileMode.normalize(mode));
    }

    @Test
    void numbersAboveTheModeRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileMode.normalize(4755));
        assertThrows(IllegalArgumentException.class, () -> FileMode.normalize(-1));
    }

    @Test
    void symbolicModesApplyToTheCurrentMode() {
        assertEquals("0755", FileMode.apply("u=rwx,g=rx,o=rx", "0600", false));
        assertEquals("0744", FileMode.apply("u+x", "0644", false));
        assertEquals("0640", FileMode.apply("o-r", "0644", false));
        assertEquals("0755", FileMode.apply("a+X", "0644", true));
        assertEquals("0644", FileMode.apply("a+X", "0644", false));
        assertThrows(IllegalArgumentException.class, () -> FileMode.apply("u+q", "0644", false));
    }
}
