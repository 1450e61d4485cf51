package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's printf-style {@code format % number} for one integer, as with_sequence's format uses it. */
final class PyFormat {
    private static final Pattern SPEC = Pattern.compile("%([-+ 0#]*)(\\d+)?(?:\\.(\\d+))?([diouxXeEfFgGcrs])");
    private static final Pattern ANY_SPEC = Pattern.compile("%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\d+|\\*)?(?:\\.(\\d+))?([diouxXeEfFgGcrsa%])");

    private PyFormat() {
    }

    static String formatInt(String format, long value) {
        Matcher m = SPEC.matcher(format);
        if (!m.find()) {
            throw new FilterError("problem formatting " + value + " with '" + format + "'");
        }
        String flags = m.group(1);
        String width = m.group(2) == null ? "" : m.group(2);
        String precision = m.group(3) == null ? "" : "." + m.group(3);
        char conv = m.group(4).charAt(0);
        String text;
        switch (conv) {
            case 'd', 'i', 'u' -> text = String.format("%" + flags + width + "d", value);
            case 'x', 'X' -> {
                String hex = Long.toHexString(Math.abs(value));
                text = pad((value < 0 ? "-" : sign(flags)) + (flags.contains("#") ? "0" + conv : "") , conv == 'X' ? hex.toUpperCase() : hex, flags, width);
            }
            case 'o' -> text = pad((value < 0 ? "-" : sign(flags)) + (flags.contains("#") ? "0o" : ""), Long.toOctalString(Math.abs(value)), flags, width);
            case 'e', 'E', 'f', 'F', 'g', 'G' -> text = String.format("%" + flags.replace("#", "") + width + (precision.isEmpty() ? ".6" : precision) + conv,
                    (double) value);
            case 'c' -> text = new String(Character.toChars((int) value));
            default -> text = pad("", Long.toString(value), flags.replace("0", ""), width);
        }
        return format.substring(0, m.start()) + text + format.substring(m.end());
    }

    /** Python's {@code text % args}: a list of positional values or a dict for %(name)s. */
    static String format(String text, Object args) {
        Matcher m = ANY_SPEC.matcher(text);
        StringBuilder out = new StringBuilder();
        int next = 0;
        java.util.List<?> list = args instanceof java.util.List<?> l ? l : null;
        java.util.Map<?, ?> map = args instanceof java.util.Map<?, ?> mm ? mm : null;
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            char conv = m.group(5).charAt(0);
            if (conv == '%') {
                out.append('%');
                continue;
            }
            Object v;
            if (m.group(1) != null) {
                if (map == null || !map.containsKey(m.group(1))) {
                    throw new FilterError("format: the format needs a mapping with the key '" + m.group(1) + "'");
                }
                v = map.get(m.group(1));
            } else {
                if (list == null || next >= list.size()) {
                    throw new PyValues.TypeError("not enough arguments for format string");
                }
                v = list.get(next++);
            }
            String flags = m.group(2);
            String width = m.group(3) == null ? "" : m.group(3);
            String precision = m.group(4);
            String piece;
            switch (conv) {
                case 's' -> piece = PyValues.str(v);
                case 'r', 'a' -> piece = PyValues.repr(v);
                case 'd', 'i', 'u', 'x', 'X', 'o', 'c' -> {
                    Object n = v instanceof Boolean b ? (Object) (b ? 1L : 0L) : v;
                    if (!(n instanceof Number num)) {
                        throw new PyValues.TypeError("%" + conv + " format: a real number is required, not " + PyValues.typeName(v));
                    }
                    long iv = PyValues.isFloat(num) ? (long) num.doubleValue() : num.longValue();
                    piece = formatInt("%" + flags + width + conv, iv);
                    width = "";
                }
                default -> {
                    double d = NumberFilters.asDouble(v, "format");
                    piece = String.format("%" + flags.replace("#", "") + (precision == null ? ".6" : "." + precision) + conv, d);
                }
            }
            if (precision != null && (conv == 's' || conv == 'r') && piece.length() > Integer.parseInt(precision)) {
                piece = piece.substring(0, Integer.parseInt(precision));
            }
            if (!width.isEmpty() && !width.equals("*")) {
                int w = Integer.parseInt(width);
                if (piece.length() < w) {
                    piece = flags.contains("-") ? piece + " ".repeat(w - piece.length()) : " ".repeat(w - piece.length()) + piece;
                }
            }
            out.append(piece);
        }
        out.append(text.substring(last));
        if (list != null && next < list.size()) {
            throw new PyValues.TypeError("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String sign(String flags) {
        return flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
    }

    private static String pad(String prefix, String digits, String flags, String width) {
        int w = width.isEmpty() ? 0 : Integer.parseInt(width);
        int len = prefix.length() + digits.length();
        if (len >= w) {
            return prefix + digits;
        }
        if (flags.contains("-")) {
            return prefix + digits + " ".repeat(w - len);
        }
        if (flags.contains("0")) {
            return prefix + "0".repeat(w - len) + digits;
        }
        return " ".repeat(w - len) + prefix + digits;
    }
}
