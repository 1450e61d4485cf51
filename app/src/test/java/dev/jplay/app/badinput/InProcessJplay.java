package dev.jplay.app.badinput;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs jplay in this JVM, as the command line would, and keeps what it printed. */
public record InProcessJplay(List<String> args, int exitCode, String out, String err, long millis) {

    public static InProcessJplay run(Object... args) {
        return run(List.of(args));
    }

    public static InProcessJplay run(List<?> args) {
        List<String> words = new ArrayList<>();
        for (Object a : args) {
            words.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.commandLine(new PlaybookCommand(), o, e).execute(words.toArray(String[]::new));
        }
        return new InProcessJplay(List.copyOf(words), code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The first line jplay printed on stderr (the error), or "". */
    public String firstErrorLine() {
        return err.lines().findFirst().orElse("");
    }

    /** Everything, for assertion messages. */
    public String all() {
        return "$ jplay " + String.join(" ", args) + "\n--- exit " + exitCode + " after " + millis + " ms\n--- out:\n" + out
                + "\n--- err:\n" + err;
    }
}
