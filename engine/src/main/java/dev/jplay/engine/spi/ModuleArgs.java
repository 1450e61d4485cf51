package dev.jplay.engine.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's options after templating, defaults and coercion to each option's {@link OptionType}.
 * Getters name the option; asking for an option the module did not declare is a programming error.
 */
public final class ModuleArgs {
    private final Map<String, Object> values;

    public ModuleArgs(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    public Optional<String> optString(String name) {
        return Optional.ofNullable(string(name));
    }

    /** The option's text, failing the task with a clear message when it is missing. */
    public String requireString(String name) throws ModuleFailure {
        String s = string(name);
        if (s == null) {
            throw new ModuleFailure("missing required option: " + name);
        }
        return s;
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public long integer(String name, long fallback) {
        Object v = values.get(name);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    public double decimal(String name, double fallback) {
        Object v = values.get(name);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public List<String> stringList(String name) {
        return list(name).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "ModuleArgs" + values.keySet();
    }
}
