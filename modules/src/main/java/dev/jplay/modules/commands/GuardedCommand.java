package dev.jplay.modules.commands;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What command and shell share: run one command on the host after {@code chdir}, unless
 * {@code creates} or {@code removes} say it is not needed, in one round trip.
 *
 * <p>The script prints one marker line on stdout before anything else: {@value #RUN} right before
 * it hands over to the command (so the rest of stdout is exactly the command's), or a skip marker
 * when creates/removes decide, or {@value #NO_CHDIR}. Nothing else writes to stdout before the
 * marker (sudo and su report on stderr), so the first line is always ours; output without a
 * marker means the script never started, e.g. sudo refused.
 */
final class GuardedCommand {
    static final String RUN = "jplay-cmd:run";
    static final String SKIP_CREATES = "jplay-cmd:skip-creates";
    static final String SKIP_REMOVES = "jplay-cmd:skip-removes";
    static final String NO_CHDIR = "jplay-cmd:no-chdir";

    private GuardedCommand() {
    }

    /** The options command and shell both take, besides the command itself. */
    static List<OptionSpec> sharedOptions() {
        return List.of(
                OptionSpec.of("chdir", OptionType.PATH, "Change into this folder before running the command (and before checking creates/removes)."),
                OptionSpec.of("creates", OptionType.PATH, "A path or glob pattern; when it matches an existing path, the command is not run."),
                OptionSpec.of("removes", OptionType.PATH, "A path or glob pattern; when it matches no existing path, the command is not run."),
                OptionSpec.of("stdin", OptionType.STR, "Feed this text to the command's standard input."),
                OptionSpec.of("stdin_add_newline", OptionType.BOOL, "Add a newline after the stdin text.").defaultValue(true),
                OptionSpec.of("strip_empty_ends", OptionType.BOOL, "Remove trailing newlines from stdout and stderr in the result.")
                        .defaultValue(true));
    }

    /**
     * The script: expansions, chdir, the creates/removes guards, the marker, then {@code runLine}.
     * With {@code runLine} null only the guards are evaluated (check mode).
     */
    static String script(ModuleArgs a, ExpandingQuoter q, String runLine) {
        StringBuilder body = new StringBuilder();
        if (a.has("chdir")) {
            body.append("cd ").append(q.word(a.string("chdir"))).append(" || { echo ").append(NO_CHDIR).append("; exit 1; }; ");
        }
        if (a.has("creates")) {
            body.append("set -- ").append(q.globWord(a.string("creates")))
                    .append("; if [ -e \"$1\" ] || [ -L \"$1\" ]; then echo ").append(SKIP_CREATES).append("; exit 0; fi; ");
        }
        if (a.has("removes")) {
            body.append("set -- ").append(q.globWord(a.string("removes")))
                    .append("; if [ -e \"$1\" ] || [ -L \"$1\" ]; then :; else echo ").append(SKIP_REMOVES).append("; exit 0; fi; ");
        }
        body.append("echo ").append(RUN);
        if (runLine != null) {
            body.append("; ").append(runLine);
        }
        return q.prelude() + body;
    }

    /** Runs (or, in check mode, predicts) the command; {@code cmd} is what the result shows as {@code cmd}. */
    static ModuleResult run(ModuleContext ctx, Object cmd, ExpandingQuoter q, String runLine) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        boolean guarded = a.has("creates") || a.has("removes");
        if (ctx.checkMode() && !guarded) {
            return ModuleResult.ok().skipped().msg("Command would have run if not in check mode; without creates or removes, "
                    + "check mode cannot predict what it changes").value("cmd", cmd).value("rc", 0).build();
        }
        byte[] stdin = new byte[0];
        if (a.has("stdin") && !a.string("stdin").isEmpty()) {
            stdin = (a.string("stdin") + (a.bool("stdin_add_newline") ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
        }
        String script = script(a, q, ctx.checkMode() ? null : runLine);
        LocalDateTime start = LocalDateTime.now();
        ExecResult r = ctx.exec(script, stdin);
        LocalDateTime end = LocalDateTime.now();

        byte[] out = r.stdout();
        int nl = indexOf(out, (byte) '\n');
        String marker = nl < 0 ? "" : new String(out, 0, nl, StandardCharsets.UTF_8);
        String stdout = nl < 0 ? "" : new String(Arrays.copyOfRange(out, nl + 1, out.length), StandardCharsets.UTF_8);
        String stderr = r.err();
        boolean strip = a.bool("strip_empty_ends");
        if (strip) {
            stdout = OutputLines.stripEnds(stdout);
            stderr = OutputLines.stripEnds(stderr);
        }
        String shoulda = ctx.checkMode() ? "Would" : "Did";
        switch (marker) {
            case SKIP_CREATES -> {
                return skipped(cmd, shoulda + " not run command since '" + a.string("creates") + "' exists",
                        "skipped, since " + a.string("creates") + " exists");
            }
            case SKIP_REMOVES -> {
                return skipped(cmd, shoulda + " not run command since '" + a.string("removes") + "' does not exist",
                        "skipped, since " + a.string("removes") + " does not exist");
            }
            case NO_CHDIR -> throw new ModuleFailure("Unable to change directory before execution: " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", stderr, "cmd", cmd));
            case RUN -> {
                // handled below
            }
            default -> throw new ModuleFailure("the command did not start on the host (exit code " + r.exitCode() + "): "
                    + (r.errTrimmed().isEmpty() ? r.outTrimmed() : r.errTrimmed()), Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        if (ctx.checkMode()) {
            return ModuleResult.changed(true).msg("Command would have run if not in check mode").value("cmd", cmd).value("rc", 0).build();
        }
        CommandTimes times = CommandTimes.between(start, end);
        ModuleResult.Builder result = ModuleResult.changed(true)
                .value("cmd", cmd)
                .value("rc", r.exitCode())
                .value("stdout", stdout)
                .value("stderr", stderr)
                .value("start", times.start())
                .value("end", times.end())
                .value("delta", times.delta())
                .value("stdout_lines", OutputLines.of(stdout))
                .value("stderr_lines", OutputLines.of(stderr));
        if (r.exitCode() != 0) {
            return result.failed().msg("non-zero return code" + hint(r.exitCode())).build();
        }
        // Ansible's command and shell return an empty msg on success (it shows at -v and in a registered result)
        return result.value("msg", "").build();
    }

    private static ModuleResult skipped(Object cmd, String msg, String stdout) {
        return ModuleResult.ok().msg(msg).value("cmd", cmd).value("rc", 0).value("stdout", stdout)
                .value("stdout_lines", List.of(stdout)).value("stderr", "").value("stderr_lines", List.of()).build();
    }

    /** sh's own exit codes for a command it could not run say more than the number. */
    private static String hint(int rc) {
        return switch (rc) {
            case 126 -> " (126: the command was found but is not executable)";
            case 127 -> " (127: command not found)";
            default -> "";
        };
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
