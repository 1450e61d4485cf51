package dev.jplay.app.secrets;

import dev.jplay.app.Jplay;
import dev.jplay.app.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One jplay run, in-process exactly as the command line ({@link Jplay#run}), with the assertions the secrets tests use. */
record JplayRun(List<String> args, int exitCode, String out, String err) {

    static JplayRun of(Object... args) {
        RunResult r = Jplay.run(args);
        return new JplayRun(r.args(), r.exitCode(), r.out(), r.err());
    }

    String all() {
        return "$ jplay " + String.join(" ", args) + "\n--- exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }

    JplayRun exits(int expected) {
        assertEquals(expected, exitCode, () -> "exit code\n" + all());
        return this;
    }

    JplayRun printed(String text) {
        assertTrue(out.contains(text), () -> "expected in out: " + text + "\n" + all());
        return this;
    }

    JplayRun errPrinted(String text) {
        assertTrue(err.contains(text), () -> "expected in err: " + text + "\n" + all());
        return this;
    }

    /** The text appears nowhere: not in out, not in err. */
    JplayRun never(String text) {
        assertFalse(out.contains(text) || err.contains(text), () -> "must never be shown: " + text + "\n" + all());
        return this;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String relative, String text) {
        Path p = dir.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
