package dev.jplay.engine.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes plain Java values (Map, List/Iterable, array, String, Number, Boolean, null) as JSON.
 *
 * <p>Output follows Python's {@code json.dumps(..., ensure_ascii=False)} so that jplay's output can
 * be compared byte for byte with Ansible's: map order is kept, non-ASCII text is written as is,
 * only quotes, backslashes and control characters are escaped, floats use Python's shortest
 * {@code repr} ({@code 1e+16}, {@code 1e-05}, {@code 0.1}), and {@link #writePretty} indents by four
 * spaces like {@code indent=4}. Like Python, non-finite floats are written as {@code NaN},
 * {@code Infinity} and {@code -Infinity}; map keys that are numbers, booleans or null are written as
 * strings the way Python does ({@code 1}, {@code true}, {@code null}).
 */
public final class JsonWriter {

    /**
     * Python's {@code json.dumps} options: {@code separators}, {@code indent} (null: one line),
     * {@code sort_keys} and {@code ensure_ascii} (everything outside space..~ as a lower-case \\uXXXX).
     */
    public record Style(String itemSeparator, String keySeparator, Integer indent, boolean sortKeys, boolean ensureAscii) {
        /** {@code json.dumps(value)} with no arguments: {@code {"a": 1, "b": [true, null]}}, non-ASCII escaped. */
        public static final Style PYTHON_DEFAULT = new Style(", ", ": ", null, false, true);
        static final Style COMPACT = new Style(",", ":", null, false, false);
        static final Style PRETTY = new Style(",", ": ", 4, false, false);
    }

    private final StringBuilder out = new StringBuilder();
    private final Style style;

    private JsonWriter(Style style) {
        this.style = style;
    }

    /** Compact JSON without any whitespace: {@code {"a":1,"b":[true,null]}}. */
    public static String write(Object value) {
        return write(value, Style.COMPACT);
    }

    /** JSON indented by four spaces per level, as {@code json.dumps(value, indent=4)} prints it. */
    public static String writePretty(Object value) {
        return write(value, Style.PRETTY);
    }

    /** JSON as {@code json.dumps} writes it with these options. */
    public static String write(Object value, Style style) {
        JsonWriter writer = new JsonWriter(style);
        writer.value(value, 0);
        return writer.out.toString();
    }

    private void value(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character) {
            string(value.toString());
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            map(map, depth);
        } else if (value instanceof Iterable<?> items) {
            array(items.iterator(), depth);
        } else if (value instanceof Object[] items) {
            array(java.util.Arrays.asList(items).iterator(), depth);
        } else if (value instanceof dev.jplay.engine.expr.DataValue d) {
            value(d.value(), depth);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private void map(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        Iterable<? extends Map.Entry<?, ?>> entries = map.entrySet();
        if (style.sortKeys()) {
            java.util.List<Map.Entry<?, ?>> sorted = new java.util.ArrayList<>(map.entrySet());
            sorted.sort((x, y) -> key(x.getKey()).compareTo(key(y.getKey())));
            entries = sorted;
        }
        for (Map.Entry<?, ?> e : entries) {
            if (!first) {
                out.append(style.itemSeparator());
            }
            first = false;
            newline(depth + 1);
            string(key(e.getKey()));
            out.append(style.keySeparator());
            value(e.getValue(), depth + 1);
        }
        newline(depth);
        out.append('}');
    }

    private void array(Iterator<?> items, int depth) {
        if (!items.hasNext()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                out.append(style.itemSeparator());
            }
            first = false;
            newline(depth + 1);
            value(items.next(), depth + 1);
        }
        newline(depth);
        out.append(']');
    }

    private void newline(int depth) {
        if (style.indent() != null) {
            out.append('\n');
            out.append(" ".repeat(style.indent() * depth));
        }
    }

    /** Python's json turns str, int, float, bool and None keys into strings; anything else is an error. */
    private static String key(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof CharSequence || key instanceof Character) {
            return key.toString();
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (key instanceof Number n) {
            return number(n);
        }
        throw new IllegalArgumentException("cannot write a " + key.getClass().getName() + " as a JSON object key");
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || style.ensureAscii() && c > '~') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n instanceof Float f ? Double.parseDouble(f.toString()) : n.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return pythonFloatRepr(d);
        }
        if (n instanceof BigDecimal bd) {
            return bd.toString();
        }
        if (n instanceof BigInteger || n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte) {
            return n.toString();
        }
        // AtomicInteger, LongAdder and friends
        return new BigDecimal(n.toString()).toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double, in plain
     * notation when the decimal exponent is in [-4, 16), else as {@code 1.5e+16}. Only finite values.
     */
    static String pythonFloatRepr(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                shortest = rounded;
                break;
            }
        }
        BigDecimal normalized = shortest.stripTrailingZeros();
        String digits = normalized.unscaledValue().abs().toString();
        // value = 0.digits * 10^decpt
        int decpt = digits.length() - normalized.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.").append("0".repeat(-decpt)).append(digits);
            } else if (decpt >= digits.length()) {
                sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exponent = decpt - 1;
            sb.append('e').append(exponent < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exponent));
            if (e.length() < 2) {
                sb.append('0');
            }
            sb.append(e);
        }
        return sb.toString();
    }
}
