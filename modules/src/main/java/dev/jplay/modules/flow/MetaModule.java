package dev.jplay.modules.flow;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/**
 * Ansible's {@code meta}: instructions to the engine itself ({@code meta: flush_handlers}). Only
 * the spec lives here, so playbooks are validated and {@code jplay doc meta} works; the executor
 * recognises meta tasks and acts on them without calling {@link #run}. Reaching {@link #run} means
 * the engine did not handle one, which is a bug, so it fails loudly.
 */
public final class MetaModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("meta")
            .describe("Engine actions: flush_handlers runs notified handlers now; end_play ends the play for all hosts; "
                    + "end_host ends it for the current host; noop does nothing; clear_facts forgets the host's facts.")
            .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR, "The action (free form).")
                    .choices("flush_handlers", "end_play", "end_host", "noop", "clear_facts")
                    .asRequired())
            .freeForm()
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        throw new ModuleFailure("meta is handled by the engine: 'meta: " + ctx.args().string(ModuleSpec.RAW_PARAMS)
                + "' reached the module, which means the executor did not recognise it");
    }
}
