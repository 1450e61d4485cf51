package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

/** default/d, mandatory and ternary: the filters that decide between values. */
final class DefaultFilters {
    private DefaultFilters() {
    }

    static void register(Library.Builder b) {
        Filter dflt = new Filter() {
            @Override
            public Object apply(Object value, CallArgs args, CallContext ctx) {
                Object fallback = args.get(0, "default_value", "");
                boolean onFalse = PyValues.truthy(args.get(1, "boolean", false));
                return value instanceof Undefined || onFalse && !PyValues.truthy(value) ? fallback : value;
            }

            @Override
            public boolean acceptsUndefined() {
                return true;
            }
        };
        b.filter("default", dflt).filter("d", dflt);
        b.filter("mandatory", new Filter() {
            @Override
            public Object apply(Object value, CallArgs args, CallContext ctx) {
                if (value instanceof Undefined u) {
                    Object msg = args.get(0, "msg", null);
                    if (msg != null) {
                        throw new FilterError(PyValues.str(msg));
                    }
                    throw new FilterError("Mandatory variable " + (u.name() == null ? "" : "'" + u.name() + "' ") + " not defined.");
                }
                return value;
            }

            @Override
            public boolean acceptsUndefined() {
                return true;
            }
        });
        b.filter("ternary", (value, args, ctx) -> {
            Object noneValue = args.get(2, "none_val", null);
            if (value == null && noneValue != null) {
                return noneValue;
            }
            Object whenTrue = args.required(0, "true_val", "ternary");
            Object whenFalse = args.required(1, "false_val", "ternary");
            return PyValues.truthy(value) ? whenTrue : whenFalse;
        });
    }
}
