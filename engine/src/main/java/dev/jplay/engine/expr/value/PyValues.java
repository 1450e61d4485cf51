package dev.jplay.engine.expr.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's semantics for the plain Java values that expressions work on, as Jinja2 under Ansible sees them.
 * The value model: None = null, bool = Boolean, int = Long (Integer/Short/BigInteger accepted as input),
 * float = Double, str = String, list = List, dict = Map with String keys (insertion-ordered), plus
 * {@link Undefined}. Anything else is an error at the boundary that produced it.
 */
public final class PyValues {
    private PyValues() {
    }

    /** Python's bool(): None, False, 0, 0.0, '', [], {} and Undefined are false. */
    public static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n instanceof Double || n instanceof Float || n instanceof BigDecimal ? n.doubleValue() != 0.0 : n.longValue() != 0L
                    || (n instanceof BigInteger bi && bi.signum() != 0);
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Python's str(): what {@code {{ v }}} writes into text. */
    public static String str(Object v) {
        if (v instanceof Undefined u) {
            throw new UndefinedError(u);
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        return repr(v);
    }

    /** Python's repr(): strings quoted as Python quotes them, True/False/None, lists and dicts nested. */
    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        appendRepr(sb, v);
        return sb.toString();
    }

    private static void appendRepr(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n instanceof BigDecimal bd ? bd.toPlainString() : n.toString());
        } else if (v instanceof CharSequence s) {
            quote(sb, s.toString());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                appendRepr(sb, e.getKey());
                sb.append(": ");
                appendRepr(sb, e.getValue());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (v instanceof PyTuple t) {
            sb.append('(');
            for (int i = 0; i < t.size(); i++) {
                appendRepr(sb, t.get(i));
                if (i < t.size() - 1 || t.size() == 1) {
                    sb.append(i < t.size() - 1 ? ", " : ",");
                }
            }
            sb.append(')');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                appendRepr(sb, it.next());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append(']');
        } else if (v instanceof Undefined u) {
            throw new UndefinedError(u);
        } else {
            sb.append(v);
        }
    }

    /** Python's float repr: the shortest digits that read back, in exponent form below 1e-4 and from 1e16 (1.0, 1e+20, 1e-05). */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp >= -5 + 1 && exp < 16) {
            String plain = bd.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    /** Python's string repr: single quotes unless the text holds a ' and no ". */
    private static void quote(StringBuilder sb, String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append(q);
    }

    /** Python's ==: 1 == 1.0 == True, lists and dicts by content. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Number || a instanceof Boolean) {
            if (b instanceof Number || b instanceof Boolean) {
                return compareNumbers(asNumber(a), asNumber(b)) == 0;
            }
            return false;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size() || (a instanceof PyTuple) != (b instanceof PyTuple)) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof CharSequence sa && b instanceof CharSequence sb) {
            return sa.toString().equals(sb.toString());
        }
        return Objects.equals(a, b);
    }

    /** Python's ordering for numbers and strings (and lists, element-wise); other pairs are a TypeError. */
    public static int compare(Object a, Object b) {
        if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number || b instanceof Boolean)) {
            return compareNumbers(asNumber(a), asNumber(b));
        }
        if (a instanceof CharSequence sa && b instanceof CharSequence sb) {
            return sa.toString().compareTo(sb.toString());
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                int c = compare(la.get(i), lb.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(la.size(), lb.size());
        }
        throw new TypeError("'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static Number asNumber(Object v) {
        return v instanceof Boolean b ? (b ? 1L : 0L) : (Number) v;
    }

    private static int compareNumbers(Number a, Number b) {
        if (isFloat(a) || isFloat(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0 ? 0 : (a.doubleValue() < b.doubleValue() ? -1 : 1);
        }
        return toBigInteger(a).compareTo(toBigInteger(b));
    }

    public static boolean isFloat(Object n) {
        return n instanceof Double || n instanceof Float || n instanceof BigDecimal;
    }

    /** An int value (Long, or BigInteger when it does not fit) from any integral Number. */
    public static Number normalizeInt(Number n) {
        if (n instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Number) bi.longValue() : bi;
        }
        return n.longValue();
    }

    private static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger bi ? bi : BigInteger.valueOf(n.longValue());
    }

    /** Python's type name, for error messages: 'str', 'int', 'list', 'dict', 'NoneType'... */
    public static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return "float";
        }
        if (v instanceof Number) {
            return "int";
        }
        if (v instanceof CharSequence) {
            return "str";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof Undefined) {
            return "AnsibleUndefined";
        }
        return v.getClass().getSimpleName();
    }

    /** Raised where Python raises TypeError: the evaluator turns it into an expression error with its place. */
    public static final class TypeError extends RuntimeException {
        public TypeError(String message) {
            super(message);
        }
    }

    /** Using an {@link Undefined}: the evaluator turns it into an error naming the variable, task and place. */
    public static final class UndefinedError extends RuntimeException {
        private final Undefined undefined;

        public UndefinedError(Undefined undefined) {
            super(undefined.message());
            this.undefined = undefined;
        }

        public Undefined undefined() {
            return undefined;
        }
    }
}
