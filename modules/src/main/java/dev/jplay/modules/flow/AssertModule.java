package dev.jplay.modules.flow;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.Truthiness;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.List;

/**
 * Ansible's {@code assert}: every expression in {@code that} must be true (Ansible's truthiness);
 * the first false one fails the task and is named in the result ({@code assertion},
 * {@code evaluated_to}). Never touches the host.
 */
public final class AssertModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("assert")
            .describe("Fails the task unless every given expression is true. Never reports changed.")
            .option(OptionSpec.of("that", OptionType.RAW,
                    "A bare expression, or a list of them, as in when: (x == 1, result.rc == 0, name?has_content).").asRequired())
            .option(OptionSpec.of("fail_msg", OptionType.RAW,
                    "The message when an assertion is false; default 'Assertion failed: ' and the assertion.").aliases("msg"))
            .option(OptionSpec.of("success_msg", OptionType.RAW, "The message when all assertions are true.")
                    .defaultValue("All assertions passed"))
            .option(OptionSpec.of("quiet", OptionType.BOOL, "Do not show the result when all assertions are true.").defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        Object that = a.raw("that");
        List<?> thats = that instanceof List<?> l ? l : List.of(that);
        if (thats.isEmpty()) {
            throw new ModuleFailure("assert needs at least one expression in 'that'");
        }
        for (Object item : thats) {
            if (!holds(ctx, item)) {
                String text = String.valueOf(item);
                String msg = a.has("fail_msg") ? Expressions.toText(a.raw("fail_msg")) : "Assertion failed: " + text;
                return ModuleResult.ok().failed().msg(msg)
                        .value("assertion", item)
                        .value("evaluated_to", false)
                        .build();
            }
        }
        Object success = a.raw("success_msg");
        return ModuleResult.ok().msg(Expressions.toText(success)).value("msg", success).build();
    }

    /** A string is an expression; anything else (already evaluated by the engine, e.g. from "{{ x }}") is judged as it is. */
    private static boolean holds(ModuleContext ctx, Object item) throws ModuleFailure {
        if (!(item instanceof String s)) {
            return Truthiness.isTrue(item);
        }
        if (s.isBlank()) {
            throw new ModuleFailure("assert: an entry of 'that' is empty");
        }
        try {
            return PyValues.truthy(ctx.evaluate(s)); // a bare expression, judged as Jinja2 judges {% if %}
        } catch (ModuleFailure e) {
            throw new ModuleFailure("assertion '" + s + "' could not be evaluated: " + e.getMessage());
        }
    }
}
