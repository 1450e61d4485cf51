package dev.jplay.app.secrets;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.List;
import java.util.Map;

/**
 * A careless module for tests: it repeats its secret option everywhere it can (message, values,
 * nested values, warnings, failure message, exception), so the engine's masking is what keeps the
 * secret out of the output. Loaded from a library jar the test writes (see {@link SecretOptionsE2ETest}).
 */
public final class SecretEchoModule implements Module {
    static final ModuleSpec SPEC = ModuleSpec.builder("secret_echo")
            .describe("Echoes its secret option (test only).")
            .option(OptionSpec.of("token", OptionType.STR, "A secret.").asSecret())
            .option(OptionSpec.of("level", OptionType.STR, "A secret with choices.").choices("low", "high").asSecret())
            .option(OptionSpec.of("how", OptionType.STR, "ok, fail or crash").choices("ok", "fail", "crash").defaultValue("ok"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String token = ctx.args().string("token");
        switch (ctx.args().string("how")) {
            case "fail" -> throw new ModuleFailure("the server rejected token " + token, Map.of("sent", token));
            case "crash" -> throw new IllegalStateException("crashed while using " + token);
            default -> {
                return ModuleResult.changed(true).msg("logged in with " + token).value("echo", token)
                        .value("nested", Map.of("list", List.of("a", "prefix-" + token + "-suffix"))).warn("token " + token + " expires soon")
                        .build();
            }
        }
    }
}
