package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.PyValues.TypeError;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code str.format}: {}, {0}, {name}, {x.attr}/{x[key]} not included; specs [[fill]align][sign][0][width][,][.precision][type]. */
final class StrFormat {
    private static final Pattern SPEC = Pattern.compile("(?:(.)?([<>^=]))?([-+ ])?(0)?(\\d+)?(,)?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");

    private StrFormat() {
    }

    static String format(String fmt, List<Object> args, Map<String, Object> kw) {
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '{') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
                    sb.append('{');
                    i++;
                    continue;
                }
                int close = fmt.indexOf('}', i);
                if (close < 0) {
                    throw new TypeError("Single '{' encountered in format string");
                }
                String field = fmt.substring(i + 1, close);
                i = close;
                String spec = "";
                int colon = field.indexOf(':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                boolean repr = field.endsWith("!r");
                if (repr || field.endsWith("!s")) {
                    field = field.substring(0, field.length() - 2);
                }
                Object v;
                if (field.isEmpty()) {
                    if (auto >= args.size()) {
                        throw new TypeError("Replacement index " + auto + " out of range for positional args tuple");
                    }
                    v = args.get(auto++);
                } else if (field.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(field);
                    if (n >= args.size()) {
                        throw new TypeError("Replacement index " + n + " out of range for positional args tuple");
                    }
                    v = args.get(n);
                } else {
                    if (!kw.containsKey(field)) {
                        throw new TypeError("KeyError: '" + field + "'");
                    }
                    v = kw.get(field);
                }
                sb.append(apply(repr ? PyValues.repr(v) : v, spec));
            } else if (c == '}') {
                if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                    i++;
                }
                sb.append('}');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String apply(Object v, String spec) {
        if (spec.isEmpty()) {
            return PyValues.str(v);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new TypeError("Invalid format specifier '" + spec + "'");
        }
        String fill = m.group(1) != null ? m.group(1) : m.group(4) != null ? "0" : " ";
        String align = m.group(2) != null ? m.group(2) : m.group(4) != null ? "=" : (v instanceof Number ? ">" : "<");
        String sign = m.group(3) == null ? "" : m.group(3);
        int width = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        boolean comma = m.group(6) != null;
        String precision = m.group(7);
        String type = m.group(8);
        String body;
        if (type == null && !(v instanceof Number)) {
            body = PyValues.str(v);
            if (precision != null) {
                body = body.substring(0, Math.min(body.length(), Integer.parseInt(precision)));
            }
        } else {
            if (!Operators.isNumber(v)) {
                throw new TypeError("Unknown format code '" + type + "' for object of type '" + PyValues.typeName(v) + "'");
            }
            Number n = Operators.num(v);
            String t = type == null ? (PyValues.isFloat(n) ? (precision == null ? "r" : "g") : "d") : type;
            body = switch (t) {
                case "d", "n" -> (comma ? String.format(Locale.ROOT, "%,d", n.longValue()) : Long.toString(n.longValue()));
                case "x" -> Long.toHexString(n.longValue());
                case "X" -> Long.toHexString(n.longValue()).toUpperCase(Locale.ROOT);
                case "o" -> Long.toOctalString(n.longValue());
                case "b" -> Long.toBinaryString(n.longValue());
                case "c" -> String.valueOf((char) n.intValue());
                case "%" -> String.format(Locale.ROOT, "%." + (precision == null ? "6" : precision) + "f", n.doubleValue() * 100) + "%";
                case "r" -> PyValues.floatRepr(n.doubleValue());
                default -> String.format(Locale.ROOT, "%" + (comma ? "," : "") + "." + (precision == null ? "6" : precision) + t, n.doubleValue());
            };
            if (!sign.isEmpty() && !body.startsWith("-") && !sign.equals("-")) {
                body = sign + body;
            }
        }
        if (body.length() >= width) {
            return body;
        }
        String pad = fill.repeat(width - body.length());
        return switch (align) {
            case "<" -> body + pad;
            case "^" -> {
                int left = (width - body.length()) / 2;
                yield fill.repeat(left) + body + fill.repeat(width - body.length() - left);
            }
            case "=" -> (body.startsWith("-") || body.startsWith("+")) ? body.charAt(0) + pad + body.substring(1) : pad + body;
            default -> pad + body;
        };
    }
}
