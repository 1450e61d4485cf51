package dev.jplay.app.docs;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the man page and the completion scripts that the release archive and the packages carry; app's
 * build runs it: {@code GenerateDocs OUTDIR VERSION DATE} writes OUTDIR/man/jplay.1, OUTDIR/completion/jplay
 * (bash) and OUTDIR/completion/_jplay (zsh).
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTDIR VERSION DATE");
        }
        Path out = Path.of(args[0]);
        StringWriter discard = new StringWriter();
        CommandLine jplay = Main.commandLine(new PlaybookCommand(), new PrintWriter(discard), new PrintWriter(discard));
        write(out.resolve("man/jplay.1"), new ManPage(jplay, args[1], args[2]).render());
        CompletionScripts completion = new CompletionScripts(jplay);
        write(out.resolve("completion/jplay"), completion.bash());
        write(out.resolve("completion/_jplay"), completion.zsh());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
