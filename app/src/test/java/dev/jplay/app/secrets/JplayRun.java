package dev.jplay.app.secrets;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One jplay run, in-process through {@link Main#commandLine} exactly as the command line, and what it printed. */
record JplayRun(List<String> args, int exitCode, String out, String err) {

    static JplayRun of(Object... args) {
        List<String> words = new ArrayList<>();
        for (Object a : args) {
            words.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.commandLine(new PlaybookCommand(), o, e).execute(words.toArray(String[]::new));
        }
        return new JplayRun(words, code, out.toString(), err.toString());
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
