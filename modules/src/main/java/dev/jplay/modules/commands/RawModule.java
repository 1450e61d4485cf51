package dev.jplay.modules.commands;

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

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code raw}: hands the text to the host's shell as it is, with no guards and no marker,
 * and returns its output unchanged (not stripped, unlike command/shell). Always changed; skipped in
 * check mode, as Ansible's action skips it.
 */
public final class RawModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("raw")
            .describe("Runs a command line through the host's shell as it is (what jplay runs every command with: "
                    + "/bin/sh). Returns rc, stdout, stderr and their _lines, unstripped; always changed; skipped in check "
                    + "mode. Prefer command or shell, which have creates/removes and chdir.")
            .freeForm()
            .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR, "The command line (free form)."))
            .option(OptionSpec.of("executable", OptionType.STR, "The shell to run the line with (absolute path, e.g. "
                    + "/bin/bash); default: the connection's /bin/sh."))
            .noCheckMode()
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String line = HostArgument.checked("free_form", a.string(ModuleSpec.RAW_PARAMS));
        if (line == null || line.isBlank()) {
            throw new ModuleFailure("no command given: write it after 'raw:'", Map.of("rc", 256));
        }
        if (ctx.checkMode()) {
            return ModuleResult.skipped("raw does not run in check mode: it cannot predict what the command changes");
        }
        String exe = HostArgument.checked("executable", a.string("executable"));
        ExecResult r = ctx.exec(exe == null ? line : "exec " + quote(exe) + " -c " + quote(line));
        String out = r.out();
        String err = r.err();
        ModuleResult.Builder res = ModuleResult.changed(true)
                .value("rc", r.exitCode())
                .value("stdout", out)
                .value("stdout_lines", OutputLines.of(out))
                .value("stderr", err)
                .value("stderr_lines", OutputLines.of(err));
        return r.exitCode() == 0 ? res.build() : res.failed().msg("non-zero return code").build();
    }
}
