package dev.jplay.engine.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of variable values, so hosts run in parallel can share the inventory's
 * maps and lists without one task changing what another sees. Nulls are kept (YAML and Python allow them).
 */
final class FrozenValues {
    private FrozenValues() {
    }

    static Map<String, Object> map(Map<String, ?> vars) {
        Map<String, Object> copy = new LinkedHashMap<>();
        vars.forEach((k, v) -> copy.put(k, value(v)));
        return Collections.unmodifiableMap(copy);
    }

    static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k, value(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof PythonTuple t) {
            List<Object> items = new ArrayList<>(t.size());
            for (Object x : t) {
                items.add(value(x));
            }
            return new PythonTuple(items);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object x : l) {
                copy.add(value(x));
            }
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
