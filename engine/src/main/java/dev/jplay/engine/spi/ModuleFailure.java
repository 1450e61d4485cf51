package dev.jplay.engine.spi;

import java.util.Map;

/** The module could not do its job; the task fails with this message (and any values, e.g. rc, stderr). */
public class ModuleFailure extends Exception {
    private final transient Map<String, Object> values;

    public ModuleFailure(String message) {
        this(message, Map.of());
    }

    public ModuleFailure(String message, Map<String, Object> values) {
        super(message);
        this.values = Map.copyOf(values);
    }

    public Map<String, Object> values() {
        return values;
    }
}
