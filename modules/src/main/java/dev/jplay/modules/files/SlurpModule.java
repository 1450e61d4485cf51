package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's slurp: a file's bytes from the host, base64-encoded in {@code content}. One round trip:
 * the script says why it cannot read (missing, a directory, unreadable) or prints a marker line and
 * the raw bytes, which are encoded here. Never changes anything.
 */
public final class SlurpModule implements Module {
    private static final String CONTENT = "jplay-slurp:content";

    private static final ModuleSpec SPEC = ModuleSpec.builder("slurp")
            .describe("Reads a file on the host and returns its content base64-encoded (content, encoding=base64, "
                    + "source); decode it with the b64decode filter. Never changes anything.")
            .option(OptionSpec.of("src", OptionType.PATH, "The file to read.").asRequired().aliases("path"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String src = HomePath.expand(ctx, HostArgument.checked("src", ctx.args().requireString("src")));
        String q = quote(src);
        String script = "if [ -d " + q + " ]; then echo jplay-slurp:directory; "
                + "elif [ ! -e " + q + " ]; then echo jplay-slurp:missing; "
                + "elif [ ! -r " + q + " ]; then echo jplay-slurp:unreadable; "
                + "else echo " + CONTENT + " && exec cat -- " + q + "; fi";
        ExecResult r = ctx.exec(script);
        byte[] out = r.stdout();
        int nl = indexOfNewline(out);
        String marker = nl < 0 ? "" : new String(out, 0, nl, java.nio.charset.StandardCharsets.UTF_8);
        switch (marker) {
            case "jplay-slurp:directory" -> throw new ModuleFailure("source is a directory and must be a file: " + src);
            case "jplay-slurp:missing" -> throw new ModuleFailure("file not found: " + src);
            case "jplay-slurp:unreadable" -> throw new ModuleFailure("file is not readable: " + src);
            case CONTENT -> {
                if (!r.ok()) {
                    throw new ModuleFailure("unable to slurp file: " + r.errTrimmed(), Map.of("rc", r.exitCode()));
                }
            }
            default -> throw new ModuleFailure("unable to slurp file " + src + ": " + r.errTrimmed(), Map.of("rc", r.exitCode()));
        }
        byte[] content = Arrays.copyOfRange(out, nl + 1, out.length);
        return ModuleResult.ok()
                .value("content", Base64.getEncoder().encodeToString(content))
                .value("encoding", "base64")
                .value("source", src)
                .build();
    }

    private static int indexOfNewline(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
