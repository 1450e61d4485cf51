package dev.jplay.engine.registry;

import dev.jplay.engine.host.FileMode;
import dev.jplay.engine.spi.OptionSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns a YAML or expression value into what an option's type wants, or says what was expected. */
public final class OptionCoercion {
    private OptionCoercion() {
    }

    /** The coerced value; throws IllegalArgumentException with "expected ..." when it cannot be. */
    public static Object coerce(OptionSpec spec, Object value) {
        if (value == null) {
            return null;
        }
        return switch (spec.type()) {
            case STR, PATH -> scalarText(spec, value);
            case MODE -> FileMode.normalize(value instanceof Number && !(value instanceof Double) ? value : scalarText(spec, value));
            case BOOL -> bool(spec, value);
            case INT -> integer(spec, value);
            case FLOAT -> decimal(spec, value);
            case LIST -> list(value);
            case DICT -> {
                if (value instanceof Map<?, ?>) {
                    yield value;
                }
                throw expected(spec, "a mapping", value);
            }
            case RAW -> value;
        };
    }

    private static String scalarText(OptionSpec spec, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw expected(spec, "a string", value);
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    public static Boolean parseBool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() != 0 ? Boolean.TRUE : n.intValue() == 0 ? Boolean.FALSE : null;
        }
        return switch (value.toString().strip().toLowerCase()) {
            case "true", "yes", "on", "1", "y", "t" -> Boolean.TRUE;
            case "false", "no", "off", "0", "n", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Boolean bool(OptionSpec spec, Object value) {
        Boolean b = parseBool(value);
        if (b == null) {
            throw expected(spec, "a boolean (true/false, yes/no)", value);
        }
        return b;
    }

    private static Number integer(OptionSpec spec, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return (Number) value;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw expected(spec, "an integer", value);
        }
    }

    private static Number decimal(OptionSpec spec, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw expected(spec, "a number", value);
        }
    }

    private static List<?> list(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        String s = value.toString();
        if (s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::strip).toList();
    }

    private static IllegalArgumentException expected(OptionSpec spec, String what, Object value) {
        String shown = spec.secret() ? "(hidden)" : describe(value);
        return new IllegalArgumentException("option '" + spec.name() + "' expects " + what + ", got " + shown);
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
        }
        return String.valueOf(value);
    }
}
