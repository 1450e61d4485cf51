package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The env and vars lookups: values from the controller's environment and from the variables in scope. */
final class VarsLookups {
    private VarsLookups() {
    }

    static void register(Library.Builder b) {
        b.lookup("env", (terms, a, ctx) -> {
            Object dflt = a.named().getOrDefault("default", "");
            List<Object> out = new ArrayList<>();
            for (Object t : terms) {
                List<Object> words = PyText.split(PyValues.str(t), null, -1);
                if (words.isEmpty()) {
                    throw new FilterError("The 'env' lookup needs a variable name, got an empty term");
                }
                String value = System.getenv((String) words.get(0));
                if (value == null && dflt instanceof Undefined) {
                    throw new FilterError("The \"env\" lookup, found an undefined variable: " + words.get(0));
                }
                out.add(value != null ? value : dflt);
            }
            return out;
        });
        b.lookup("vars", (terms, a, ctx) -> {
            Object dflt = a.named().get("default");
            List<Object> out = new ArrayList<>();
            for (Object t : terms) {
                if (!(t instanceof CharSequence)) {
                    throw new FilterError("Invalid setting identifier, \"" + PyValues.str(t) + "\" is not a string, its a " + DictFilters.pyClass(t));
                }
                String name = t.toString();
                Object v = ctx.variable(name);
                if (v instanceof Undefined) {
                    v = hostVariable(ctx, name);
                }
                if (v instanceof Undefined) {
                    if (dflt == null) {
                        throw new FilterError("No variable found with this name: " + name);
                    }
                    v = dflt;
                }
                out.add(v);
            }
            return out;
        });
    }

    /** hostvars[inventory_hostname][name], where Ansible looks second. */
    private static Object hostVariable(CallContext ctx, String name) {
        Object hostvars = ctx.variable("hostvars");
        Object host = ctx.variable("inventory_hostname");
        if (hostvars instanceof Map<?, ?> hv && host instanceof CharSequence h && hv.get(h.toString()) instanceof Map<?, ?> vars
                && vars.containsKey(name)) {
            return vars.get(name);
        }
        return Undefined.variable(name);
    }
}
