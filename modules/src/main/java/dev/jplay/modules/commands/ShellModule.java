package dev.jplay.modules.commands;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code shell}: runs a command line through a shell on the host ({@code /bin/sh -c}, or
 * {@code executable -c}), so pipes, redirections, globs and variables work. Same guards, results
 * and check-mode behaviour as {@link CommandModule}, in one round trip.
 */
public final class ShellModule implements Module {

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec.Builder b = ModuleSpec.builder("shell")
                .describe("Runs a command line through a shell on the host (/bin/sh unless executable says otherwise). "
                        + "Always reports changed when the command runs; use creates/removes (or changed_when) for idempotency.")
                .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR, "The command line (free form), run by the shell."))
                .freeForm()
                .option(OptionSpec.of("cmd", OptionType.STR, "The command line, as an option instead of the free form."))
                .option(OptionSpec.of("executable", OptionType.STR,
                        "The shell to run the command with, as an absolute path, e.g. /bin/bash. Default /bin/sh."));
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
        if (line == null || line.isBlank()) {
            throw new ModuleFailure("no command given: write it after 'shell:', or give cmd", Map.of("rc", 256));
        }
        String shell = a.optString("executable").orElse("/bin/sh");
        ExpandingQuoter q = new ExpandingQuoter();
        return GuardedCommand.run(ctx, line, q, "exec " + quote(shell) + " -c " + quote(line));
    }
}
