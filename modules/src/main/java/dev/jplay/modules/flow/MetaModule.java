package dev.jplay.modules.flow;

import dev.jplay.engine.spi.MetaAction;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/**
 * Ansible's {@code meta}: instructions to the engine itself ({@code meta: flush_handlers}). Only
 * the spec lives here, its choices taken from {@link MetaAction} (which the loader checks and the
 * executor's MetaRunner carries out), so {@code jplay doc meta} lists what runs. Reaching
 * {@link #run} means the engine did not handle one, which is a bug, so it fails loudly.
 */
public final class MetaModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("meta")
            .describe("Engine actions: " + String.join("; ", java.util.Arrays.stream(MetaAction.values())
                    .map(a -> a.key() + " " + a.description()).toList()) + ".")
            .option(OptionSpec.of(ModuleSpec.RAW_PARAMS, OptionType.STR, "The action (free form).")
                    .choices(MetaAction.keys().toArray(String[]::new))
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
