package dev.jplay.engine.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffTest {
    @Test
    void changedLineWithContext() {
        String d = UnifiedDiff.diff("a", "1\n2\n3\n4\n", "b", "1\n2\nthree\n4\n");
        assertEquals("--- a\n+++ b\n@@ -1,4 +1,4 @@\n 1\n 2\n-3\n+three\n 4\n", d);
    }

    @Test
    void newFile() {
        assertEquals("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.diff("a", "", "b", "x\ny\n"));
    }
}
