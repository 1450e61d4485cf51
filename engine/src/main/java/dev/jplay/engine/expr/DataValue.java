package dev.jplay.engine.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable value that is data, never an expression (Ansible's "unsafe"): what a host returned
 * (registered results, facts, file contents), what was computed at run time (set_fact, loop items),
 * and {@code !unsafe} text. {@link VarScope} hands out the plain value and never renders it, at any
 * depth, so a host file holding {@code {{ secret }}} stays those characters.
 *
 * @param value a plain value (String, number, Boolean, null, List, Map) with no DataValue inside; the
 *              constructor takes it as it is (for lazy views such as {@code hostvars}, whose reads are plain),
 *              {@link #of} makes it plain first
 */
public record DataValue(Object value) {

    /** Marks a value as data; a value already marked stays as it is. */
    public static DataValue of(Object value) {
        return value instanceof DataValue d ? d : new DataValue(plain(value));
    }

    /** Each value of the map marked as data (for stores of run-time values such as registered results). */
    public static Map<String, Object> all(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    /** The value with every DataValue inside replaced by its plain value, so expressions only ever see plain values. */
    public static Object plain(Object value) {
        if (value instanceof DataValue d) {
            return d.value();
        }
        if (value instanceof Map<?, ?> m && holdsData(m.values())) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> l && holdsData(l)) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }

    private static boolean holdsData(Iterable<?> values) {
        for (Object v : values) {
            if (v instanceof DataValue || v instanceof Map<?, ?> m && holdsData(m.values()) || v instanceof List<?> l && holdsData(l)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a source value holds an expression outside its data parts (data parts are never rendered). */
    static boolean holdsExpression(Object value) {
        if (value instanceof DataValue) {
            return false;
        }
        if (value instanceof String s) {
            return Expressions.containsExpression(s);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(DataValue::holdsExpression);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(DataValue::holdsExpression);
        }
        return false;
    }

    /** How it reads in text, should it reach one: its plain value's text. */
    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
