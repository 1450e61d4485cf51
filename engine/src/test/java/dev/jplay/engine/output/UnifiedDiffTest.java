package dev.jplay.engine.output;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected texts are what Ansible's callback (difflib.unified_diff, n=3) prints for the same pair. */
class UnifiedDiffTest {
    private static String diff(String before, String after) {
        return UnifiedDiff.diff("a", before, "b", after);
    }

    @Test
    void changedLineWithContext() {
        assertEquals("--- before: a\n+++ after: b\n@@ -1,4 +1,4 @@\n 1\n 2\n-3\n+three\n 4\n", diff("1\n2\n3\n4\n", "1\n2\nthree\n4\n"));
    }

    @Test
    void newFileAndRemovedFile() {
        assertEquals("--- before: a\n+++ after: b\n@@ -0,0 +1,2 @@\n+x\n+y\n", diff("", "x\ny\n"));
        assertEquals("--- before: a\n+++ after: b\n@@ -1,2 +0,0 @@\n-a\n-b\n", diff("a\nb\n", ""));
    }

    @Test
    void aLostNewlineIsAChangeWithAnsiblesMarker() {
        assertEquals("--- before: a\n+++ after: b\n@@ -1 +1 @@\n-x\n+x\n\\ No newline at end of file\n", diff("x\n", "x"));
    }

    @Test
    void oneLineChangedInA2100LineFilePrintsThreeLinesOfContextNotTheFile() {
        String big = IntStream.rangeClosed(1, 2100).mapToObj(i -> i + "\n").collect(Collectors.joining());
        long start = System.nanoTime();
        String d = diff(big, big.replace("\n1000\n", "\nthousand\n"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("--- before: a\n+++ after: b\n@@ -997,7 +997,7 @@\n 997\n 998\n 999\n-1000\n+thousand\n 1001\n 1002\n 1003\n", d);
        assertTrue(ms < 2000, "took " + ms + " ms");
    }

    @Test
    void changesFarApartAreTwoHunksNearOnesOne() {
        assertEquals("--- before: a\n+++ after: b\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -8,7 +8,7 @@\n 8\n 9\n 10\n-11\n+ELEVEN\n"
                        + " 12\n 13\n 14\n",
                diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\nELEVEN\n12\n13\n14\n15\n16\n"));
        assertEquals("--- before: a\n+++ after: b\n@@ -1,9 +1,9 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n 7\n-8\n+EIGHT\n 9\n",
                diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\nthree\n4\n5\n6\n7\nEIGHT\n9\n"));
    }

    @Test
    void noDifferenceNoOutputAndNoHeaderSaysBeforeAfter() {
        assertEquals("", diff("same\n", "same\n"));
        assertEquals("--- before\n+++ after\n@@ -0,0 +1 @@\n+n\n", UnifiedDiff.diff("", "", null, "n\n"));
    }
}
