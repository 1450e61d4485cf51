package dev.jplay.modules.commands;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected lists are Python's str.splitlines() of the same text. */
class OutputLinesTest {

    @Test
    void splitsLikePythonSplitlines() {
        assertEquals(List.of(), OutputLines.of(""));
        assertEquals(List.of("a"), OutputLines.of("a\n"));
        assertEquals(List.of("a", ""), OutputLines.of("a\n\n"));
        assertEquals(List.of("a", "b", "c", "d"), OutputLines.of("a\r\nb\rc\nd"));
        assertEquals(List.of("a", "b"), OutputLines.of("a\u000cb"));
        assertEquals(List.of("", "x"), OutputLines.of("\nx"));
    }

    @Test
    void stripsOnlyTrailingNewlines() {
        assertEquals("  a\n b", OutputLines.stripEnds("  a\n b\r\n\n"));
        assertEquals("a  ", OutputLines.stripEnds("a  "));
    }
}
