package dev.jplay.app;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs jplay in-process, exactly as the command line would, and captures what it prints. */
public final class Jplay {
    private Jplay() {
    }

    public static RunResult run(Object... args) {
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
        return new RunResult(words, code, out.toString(), err.toString());
    }
}
