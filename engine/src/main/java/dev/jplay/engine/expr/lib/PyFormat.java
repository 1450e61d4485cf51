package dev.jplay.engine.expr.lib;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's printf-style {@code format % number} for one integer, as with_sequence's format uses it. */
final class PyFormat {
    private static final Pattern SPEC = Pattern.compile("%([-+ 0#]*)(\\d+)?(?:\\.(\\d+))?([diouxXeEfFgGcrs])");

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
