package dev.jplay.modules.flow;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/** Ansible's {@code fail}: fails the task with a message (usually under a {@code when}). Never touches the host. */
public final class FailModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("fail")
            .describe("Fails the task with a message; use it with when: to stop on a condition.")
            .option(OptionSpec.of("msg", OptionType.RAW, "The failure message.").defaultValue("Failed as requested from task"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) {
        Object msg = ctx.args().raw("msg");
        return ModuleResult.ok().failed().msg(Expressions.toText(msg)).value("msg", msg).build();
    }
}
