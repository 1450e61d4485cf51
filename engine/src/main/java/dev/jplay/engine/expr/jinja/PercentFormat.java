package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.PyValues.TypeError;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code 'text %s' % value} formatting: %s %r %d %i %f %e %g %x %o %c %%, flags, width, precision, %(name)s. */
final class PercentFormat {
    private static final Pattern SPEC = Pattern.compile("%(\\([^)]*\\))?([-+ #0]*)(\\d+|\\*)?(?:\\.(\\d+))?([sridfFeEgGxXoc%])");

    private PercentFormat() {
    }

    static String format(String fmt, Object args) {
        List<?> positional = args instanceof List<?> l ? l : List.of(args == null ? "None" : args);
        if (args == null) {
            positional = java.util.Collections.singletonList(null);
        }
        Map<?, ?> named = args instanceof Map<?, ?> m ? m : null;
        Matcher m = SPEC.matcher(fmt);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        int next = 0;
        while (m.find()) {
            sb.append(fmt, last, m.start());
            last = m.end();
            char conv = m.group(5).charAt(0);
            if (conv == '%') {
                sb.append('%');
                continue;
            }
            Object v;
            if (m.group(1) != null) {
                if (named == null) {
                    throw new TypeError("format requires a mapping");
                }
                v = named.get(m.group(1).substring(1, m.group(1).length() - 1));
            } else {
                if (next >= positional.size()) {
                    throw new TypeError("not enough arguments for format string");
                }
                v = positional.get(next++);
            }
            sb.append(one(m.group(2), m.group(3), m.group(4), conv, v));
        }
        if (named == null && next < positional.size() && !(args instanceof Map)) {
            throw new TypeError("not all arguments converted during string formatting");
        }
        sb.append(fmt.substring(last));
        return sb.toString();
    }

    private static String one(String flags, String width, String precision, char conv, Object v) {
        String body = switch (conv) {
            case 's' -> PyValues.str(v);
            case 'r' -> PyValues.repr(v);
            case 'c' -> v instanceof String s ? s : String.valueOf((char) Operators.num(v).intValue());
            case 'd', 'i' -> {
                if (!Operators.isNumber(v)) {
                    throw new TypeError("%" + conv + " format: a number is required, not " + PyValues.typeName(v));
                }
                long n = (long) Operators.num(v).doubleValue();
                yield (flags.contains("+") && n >= 0 ? "+" : flags.contains(" ") && n >= 0 ? " " : "") + n;
            }
            case 'x', 'X', 'o' -> {
                long n = Operators.num(v).longValue();
                String s = conv == 'o' ? Long.toOctalString(n) : Long.toHexString(n);
                yield conv == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            default -> {
                if (!Operators.isNumber(v)) {
                    throw new TypeError("must be real number, not " + PyValues.typeName(v));
                }
                String f = "%" + (flags.contains("+") ? "+" : "") + "." + (precision == null ? "6" : precision) + conv;
                yield String.format(Locale.ROOT, f, Operators.num(v).doubleValue());
            }
        };
        if (width != null && !width.equals("*")) {
            int w = Integer.parseInt(width);
            if (body.length() < w) {
                String pad = (flags.contains("0") && !flags.contains("-") && conv != 's' ? "0" : " ").repeat(w - body.length());
                if (flags.contains("-")) {
                    body = body + pad;
                } else if (pad.startsWith("0") && (body.startsWith("-") || body.startsWith("+"))) {
                    body = body.charAt(0) + pad + body.substring(1);
                } else {
                    body = pad + body;
                }
            }
        }
        return body;
    }
}
