package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.lib.CallArgs;
import dev.jplay.engine.expr.lib.Filter;
import dev.jplay.engine.expr.lib.ValueTest;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.Map;

/**
 * The few filters and tests the language itself leans on ({@code default}, {@code format}, {@code defined},
 * {@code undefined}, {@code none}), used only when the library has none of that name.
 */
final class LanguageBuiltins {
    private static final Filter DEFAULT = new Filter() {
        @Override
        public Object apply(Object value, CallArgs args, dev.jplay.engine.expr.lib.CallContext ctx) {
            Object fallback = args.get(0, "default_value", "");
            boolean bool = PyValues.truthy(args.get(1, "boolean", false));
            if (value instanceof Undefined || (bool && !PyValues.truthy(value))) {
                return fallback;
            }
            return value;
        }

        @Override
        public boolean acceptsUndefined() {
            return true;
        }
    };

    /** Jinja2's format filter is the % operator: {@code "%s-%d" | format(a, b)}. */
    private static final Filter FORMAT = (value, args, ctx) -> PercentFormat.format(PyValues.str(value),
            args.named().isEmpty() ? args.positional() : args.named());

    private static final Map<String, Filter> FILTERS = Map.of("default", DEFAULT, "d", DEFAULT, "format", FORMAT);
    private static final Map<String, ValueTest> TESTS = Map.of(
            "defined", (v, a, c) -> !(v instanceof Undefined),
            "undefined", (v, a, c) -> v instanceof Undefined,
            "none", (v, a, c) -> v == null);

    private LanguageBuiltins() {
    }

    static Filter filter(String name) {
        return FILTERS.get(name);
    }

    static ValueTest test(String name) {
        return TESTS.get(name);
    }
}
