package dev.jplay.engine.expr.lib;

import java.util.List;
import java.util.Map;

/** The arguments of a filter, test or lookup call: positional after the input, then keyword ones. */
public record CallArgs(List<Object> positional, Map<String, Object> named) {
    public static final CallArgs NONE = new CallArgs(List.of(), Map.of());

    public CallArgs {
        // copies that keep None (null) values, which List.copyOf/Map.copyOf refuse
        positional = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(positional));
        named = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(named));
    }

    /** The argument at this position or with this name (Python's calling convention), else the default. */
    public Object get(int index, String name, Object fallback) {
        if (index < positional.size()) {
            return positional.get(index);
        }
        return named.containsKey(name) ? named.get(name) : fallback;
    }

    /** A required argument: missing, it is Python's "f() missing required argument 'name'". */
    public Object required(int index, String name, String who) {
        if (!has(index, name)) {
            throw new FilterError(who + "() missing required argument '" + name + "' (pos " + (index + 1) + ")");
        }
        return get(index, name, null);
    }

    public boolean has(int index, String name) {
        return index < positional.size() || named.containsKey(name);
    }
}
