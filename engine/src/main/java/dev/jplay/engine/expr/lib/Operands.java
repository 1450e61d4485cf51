package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a filter's input or argument as the Python type it needs, or refuses it with a message that
 * says what was expected, as Ansible's do: "dict2items requires a dictionary, got list instead".
 */
final class Operands {
    private Operands() {
    }

    /** Python's iteration: a list's items, a dict's keys, a string's characters. */
    static List<Object> iterate(Object v, String who) {
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof CharSequence s) {
            List<Object> chars = new ArrayList<>();
            s.toString().codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (v instanceof Undefined u) {
            throw new PyValues.UndefinedError(u);
        }
        throw new FilterError(who + " expects a list (or another iterable), got " + describe(v));
    }

    static boolean iterable(Object v) {
        return v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof CharSequence;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v, String who) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new FilterError(who + " expects a list, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String who) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new FilterError(who + " expects a dictionary, got " + describe(v));
    }

    static String string(Object v, String who) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        throw new FilterError(who + " expects a string, got " + describe(v));
    }

    /** A Python int (bool counts, as in Python); a float or text is refused. */
    static long integer(Object v, String who) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Number n && !PyValues.isFloat(n)) {
            if (n instanceof BigInteger bi && bi.bitLength() >= 64) {
                throw new FilterError(who + ": " + bi + " is too large");
            }
            return n.longValue();
        }
        throw new FilterError(who + " expects an integer, got " + describe(v));
    }

    static boolean isInt(Object v) {
        return v instanceof Number n && !PyValues.isFloat(n);
    }

    static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    /** "a dict ({'a': 1})": the type and a short repr, for error messages. */
    static String describe(Object v) {
        if (v instanceof Undefined u) {
            return "an undefined value (" + u.message() + ")";
        }
        String repr;
        try {
            repr = PyValues.repr(v);
        } catch (RuntimeException e) {
            repr = "?";
        }
        if (repr.length() > 60) {
            repr = repr.substring(0, 57) + "...";
        }
        String t = PyValues.typeName(v);
        String article = "aeiou".indexOf(t.charAt(0)) >= 0 ? "an " : "a ";
        return article + t + " (" + repr + ")";
    }
}
