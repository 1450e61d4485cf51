package dev.jplay.modules.commands;

import dev.jplay.engine.text.WordSplitter;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.modules.files.HostArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code script}: a script from the controller (the role's or playbook's {@code files/},
 * or a path) uploaded to a private temp file on the host, run with its arguments, and removed, in
 * one round trip: the content travels on stdin, after the chdir and creates/removes guards of
 * {@link GuardedCommand}. The arguments are split like command's and expanded as command expands
 * them ($VAR, ~), each passed as one word; no other shell syntax.
 */
public final class ScriptModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("script")
            .describe("Uploads a local script to the host and runs it there (then removes it): 'script: files/x.sh arg1 "
                    + "arg2'. Returns rc, stdout, stderr and their _lines; always changed when it runs. With creates/removes "
                    + "it is skipped when not needed (also in check mode, where it never runs).")
            .freeForm()
            .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR, "The script's path on the controller, then its "
                    + "arguments (free form)."))
            .option(OptionSpec.of("cmd", OptionType.STR, "The same, as an option instead of the free form."))
            .option(OptionSpec.of("creates", OptionType.PATH, "A path or glob on the host; when it exists, the script is not run."))
            .option(OptionSpec.of("removes", OptionType.PATH, "A path or glob on the host; when it does not exist, the script "
                    + "is not run."))
            .option(OptionSpec.of("chdir", OptionType.PATH, "Absolute folder on the host to run the script in."))
            .option(OptionSpec.of("executable", OptionType.STR, "The program that runs the script (e.g. /usr/bin/python3), "
                    + "for scripts without a usable #! line."))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String line = HostArgument.checked("free_form", a.has(ModuleSpec.RAW_PARAMS) ? a.string(ModuleSpec.RAW_PARAMS)
                : a.string("cmd"));
        if (line == null || line.isBlank()) {
            throw new ModuleFailure("no script given: write its path after 'script:', or give cmd");
        }
        if (a.has("chdir") && !a.string("chdir").startsWith("/")) {
            throw new ModuleFailure("chdir " + a.string("chdir") + " must be an absolute path for a Unix-aware remote node");
        }
        for (String o : List.of("chdir", "creates", "removes", "executable")) {
            HostArgument.checked(o, a.string(o));
        }
        List<String> words;
        try {
            words = WordSplitter.split(line.strip(), WordSplitter.Mode.SHLEX);
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("cannot split the script's command line into words: " + e.getMessage());
        }
        Path source = ctx.findFile(words.get(0));
        byte[] content;
        try {
            content = Files.readAllBytes(source);
        } catch (IOException e) {
            throw new ModuleFailure("Could not find or access '" + words.get(0) + "': " + e.getMessage());
        }

        ExpandingQuoter q = new ExpandingQuoter();
        List<String> run = new ArrayList<>();
        if (a.has("executable")) {
            try {
                WordSplitter.split(a.string("executable"), WordSplitter.Mode.SHLEX).forEach(w -> run.add(q.word(w)));
            } catch (IllegalArgumentException e) {
                throw new ModuleFailure("cannot split executable into words: " + e.getMessage());
            }
        }
        run.add("\"$jp_script\"");
        words.subList(1, words.size()).forEach(w -> run.add(q.word(w)));
        String runLine = "jp_script=$(mktemp) || exit 1; trap 'rm -f \"$jp_script\"' EXIT; "
                + "cat > \"$jp_script\" && chmod 700 \"$jp_script\" || exit 1; "
                + String.join(" ", run) + " </dev/null";
        boolean guarded = a.has("creates") || a.has("removes");
        if (ctx.checkMode() && !guarded) {
            return ModuleResult.skipped("Check mode is not supported for this task.");
        }
        String script = GuardedCommand.script(a, q, ctx.checkMode() ? null : runLine);
        ExecResult r = ctx.exec(script, ctx.checkMode() ? new byte[0] : content);

        byte[] out = r.stdout();
        int nl = indexOfNewline(out);
        String marker = nl < 0 ? "" : new String(out, 0, nl, StandardCharsets.UTF_8);
        switch (marker) {
            case GuardedCommand.SKIP_CREATES -> {
                return ModuleResult.skipped(a.string("creates") + " exists, matching creates option");
            }
            case GuardedCommand.SKIP_REMOVES -> {
                return ModuleResult.skipped(a.string("removes") + " does not exist, matching removes option");
            }
            case GuardedCommand.NO_CHDIR -> throw new ModuleFailure("Unable to change directory before execution: "
                    + r.errTrimmed(), Map.of("rc", r.exitCode()));
            case GuardedCommand.RUN -> {
                // below
            }
            default -> throw new ModuleFailure("the script did not start on the host (exit code " + r.exitCode() + "): "
                    + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        if (ctx.checkMode()) {
            return ModuleResult.changed(true).msg("the script would run").build();
        }
        String stdout = new String(Arrays.copyOfRange(out, nl + 1, out.length), StandardCharsets.UTF_8);
        String stderr = r.err();
        ModuleResult.Builder res = ModuleResult.changed(true)
                .value("rc", r.exitCode())
                .value("stdout", stdout)
                .value("stdout_lines", OutputLines.of(stdout))
                .value("stderr", stderr)
                .value("stderr_lines", OutputLines.of(stderr));
        return r.exitCode() == 0 ? res.build() : res.failed().msg("non-zero return code").build();
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
