package dev.jplay.app;

import dev.jplay.engine.cli.Version;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jplay --version as built: the version and git commit that app's build writes, and the Java running it. */
class VersionE2ETest {
    @Test
    void namesVersionCommitAndJava() {
        String[] lines = new Version().getVersion();
        assertTrue(lines[0].matches("jplay [0-9]+\\.[0-9]+\\.[0-9]+\\S* \\(commit [0-9a-f]{12}(-dirty)?\\)"), lines[0]);
        assertEquals("  java version = " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ") ("
                + System.getProperty("java.home") + ")", lines[1]);
    }
}
