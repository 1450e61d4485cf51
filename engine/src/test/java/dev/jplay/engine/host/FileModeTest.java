package dev.jplay.engine.host;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileModeTest {
    @Test
    void octalFormsNormalise() {
        assertEquals("0644", FileMode.normalize(644));
        assertEquals("0644", FileMode.normalize("0644"));
        assertEquals("0755", FileMode.normalize("755"));
        assertEquals("0600", FileMode.normalize("0o600"));
        assertEquals("4755", FileMode.normalize("4755"));
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
