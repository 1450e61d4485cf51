package dev.jplay.modules.commands;

import dev.jplay.engine.text.WordSplitter;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ansible's {@code command}: runs a program with arguments on the host, without a shell. A command
 * line is split into words as Ansible splits it (quotes honoured; no pipes, redirections or globs);
 * {@code $VAR} and {@code ~} in the words are expanded as Ansible does unless
 * {@code expand_argument_vars: false}. Each word is quoted and handed to {@code exec}, so the host
 * runs exactly that program (never a shell builtin of the same name).
 *
 * <p>One round trip, also when {@code creates}/{@code removes} decide the command is not needed.
 * A command that runs is always reported changed; check mode predicts only with creates/removes.
 */
public final class CommandModule implements Module {

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec.Builder b = ModuleSpec.builder("command")
                .describe("Runs a command on the host without a shell: no pipes, redirections, globs or ; and &&. "
                        + "Always reports changed when the command runs; use creates/removes (or changed_when) for idempotency.")
                .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR,
                        "The command line (free form): split into words like a shell would, without running a shell."))
                .freeForm()
                .option(OptionSpec.of("cmd", OptionType.STR, "The command line, as an option instead of the free form."))
                .option(OptionSpec.of("argv", OptionType.LIST,
                        "The command as a list of words, passed as they are (no splitting); use instead of cmd for awkward quoting."))
                .option(OptionSpec.of("expand_argument_vars", OptionType.BOOL,
                        "Expand $VAR, ${VAR} (left as written when unset) and a leading ~ in the words, as Ansible does.")
                        .defaultValue(true));
        GuardedCommand.sharedOptions().forEach(b::option);
        return b.build();
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String line = a.has(ModuleSpec.RAW_PARAMS) ? a.string(ModuleSpec.RAW_PARAMS) : a.string("cmd");
        List<String> argv = a.stringList("argv");
        boolean hasLine = line != null && !line.isBlank();
        if (hasLine && !argv.isEmpty()) {
            throw new ModuleFailure("only command or argv can be given, not both", Map.of("rc", 256));
        }
        if (!hasLine && argv.isEmpty()) {
            throw new ModuleFailure("no command given: write it after 'command:', or give cmd or argv", Map.of("rc", 256));
        }
        List<String> words;
        try {
            words = hasLine ? WordSplitter.split(line, WordSplitter.Mode.SHLEX) : argv;
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("cannot split the command into words: " + e.getMessage(), Map.of("rc", 256));
        }
        ExpandingQuoter q = new ExpandingQuoter();
        boolean expand = a.bool("expand_argument_vars");
        String runLine = "exec " + words.stream().map(w -> expand ? q.word(w) : ShellQuote.quote(w)).collect(Collectors.joining(" "));
        return GuardedCommand.run(ctx, words, q, runLine);
    }
}
