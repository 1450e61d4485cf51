package dev.jplay.modules.flow;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/**
 * Ansible's {@code debug}: shows a message, or the value of a variable or expression. Never
 * changes anything and never touches the host. {@code verbosity} is compared with the run's
 * verbosity, which the engine provides as the {@code ansible_verbosity} variable (0 when absent).
 */
public final class DebugModule implements Module {

    static final String NOT_DEFINED = "VARIABLE IS NOT DEFINED!";

    private static final ModuleSpec SPEC = ModuleSpec.builder("debug")
            .describe("Prints a message or the value of a variable or expression. Never reports changed.")
            .option(OptionSpec.of("msg", OptionType.RAW, "The message to show: text, or any value (a list or mapping is shown as is).")
                    .defaultValue("Hello world!"))
            .option(OptionSpec.of("var", OptionType.STR,
                    "The name of a variable, or a bare expression (result.stdout_lines, x + 1), whose value to show. "
                            + "Undefined shows " + NOT_DEFINED))
            .option(OptionSpec.of("verbosity", OptionType.INT,
                    "Show only when the run is at least this verbose (-v is 1, -vv is 2, ...); skipped otherwise.").defaultValue(0))
            .mutuallyExclusive("msg", "var")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        long wanted = a.integer("verbosity", 0);
        if (wanted > runVerbosity(ctx)) {
            return ModuleResult.skipped("Verbosity threshold not met.");
        }
        if (a.has("var")) {
            String expr = a.string("var").strip();
            Object value = Boolean.TRUE.equals(ctx.evaluate("(" + expr + ") is defined")) ? ctx.evaluate(expr) : NOT_DEFINED;
            return ModuleResult.ok().value(a.string("var"), value).build();
        }
        Object msg = a.raw("msg");
        return ModuleResult.ok().msg(Expressions.toText(msg)).value("msg", msg).build();
    }

    private static long runVerbosity(ModuleContext ctx) throws ModuleFailure {
        Object v = ctx.evaluate("ansible_verbosity | default(0)");
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
