package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.Locale;
import java.util.Map;

/** bool, int, float, string, list and type_debug, with Ansible's and Jinja2's conversion rules. */
final class TypeFilters {
    private TypeFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("bool", (v, a, c) -> toBool(v));
        b.filter("int", (v, a, c) -> toInt(v, a.get(0, "default", 0L), a.get(1, "base", 10L)));
        b.filter("float", (v, a, c) -> toFloat(v, a.get(0, "default", 0.0)));
        b.filter("string", (v, a, c) -> PyValues.str(v));
        b.filter("list", (v, a, c) -> Operands.iterate(v, "list"));
        b.filter("type_debug", (v, a, c) -> typeDebug(v));
    }

    /** Ansible's bool: yes/on/1/true (any case) and 1 are true, None stays None, everything else false. */
    static Boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence s) {
            String t = s.toString().toLowerCase(Locale.ROOT);
            return t.equals("yes") || t.equals("on") || t.equals("1") || t.equals("true");
        }
        return v instanceof Number && PyValues.equal(v, 1L);
    }

    /** Jinja2's int: text in the base, else through float ("42.23" is 42), else the default. */
    static Object toInt(Object v, Object fallback, Object baseArg) {
        int base = (int) Operands.integer(baseArg, "int(base)");
        if (v instanceof CharSequence s) {
            Number n = PyNumbers.parseInt(s.toString(), base);
            if (n != null) {
                return n;
            }
            Double d = PyNumbers.parseFloat(s.toString());
            if (d != null) {
                Number t = PyNumbers.truncate(d);
                return t == null ? fallback : t;
            }
            return fallback;
        }
        if (v instanceof Boolean bo) {
            return bo ? 1L : 0L;
        }
        if (v instanceof Number n) {
            if (PyValues.isFloat(n)) {
                Number t = PyNumbers.truncate(n.doubleValue());
                return t == null ? fallback : t;
            }
            return PyValues.normalizeInt(n);
        }
        return fallback;
    }

    /** Jinja2's float: Python's float(), else the default. */
    static Object toFloat(Object v, Object fallback) {
        if (v instanceof CharSequence s) {
            Double d = PyNumbers.parseFloat(s.toString());
            return d == null ? fallback : d;
        }
        if (v instanceof Boolean bo) {
            return bo ? 1.0 : 0.0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return fallback;
    }

    /** The Python class name Ansible prints: str, int, list, dict, NoneType, AnsibleUnicode is not kept. */
    private static String typeDebug(Object v) {
        return v instanceof Map<?, ?> ? "dict" : PyValues.typeName(v);
    }
}
