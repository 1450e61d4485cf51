package dev.jplay.modules.podman;

import dev.jplay.engine.registry.OptionCoercion;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The keys of a dict option such as {@code build} or {@code push_args}, checked against the keys it takes. */
record SubOptions(String option, Map<String, Object> values) {

    static SubOptions of(String option, Map<String, Object> values, List<String> known) throws ModuleFailure {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ModuleFailure("option '" + option + "' has unknown key(s) " + String.join(", ", unknown) + "; it takes: "
                    + String.join(", ", known));
        }
        return new SubOptions(option, values);
    }

    String string(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    /** The boolean under {@code key}, or {@code fallback} when unset. */
    boolean bool(String key, boolean fallback) throws ModuleFailure {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        Boolean b = OptionCoercion.parseBool(v);
        if (b == null) {
            throw new ModuleFailure("option '" + option + "." + key + "' expects a boolean, got '" + v + "'");
        }
        return b;
    }
}
