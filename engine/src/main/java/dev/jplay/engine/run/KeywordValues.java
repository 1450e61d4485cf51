package dev.jplay.engine.run;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.Truthiness;
import dev.jplay.engine.playbook.Keyword;
import dev.jplay.engine.registry.OptionCoercion;

import java.math.BigDecimal;

/**
 * Coerces a keyword's rendered value to the type its {@link Keyword} declares, or says what is
 * wrong with it (never a silent fallback, never a NumberFormatException escaping the run).
 */
final class KeywordValues {
    private KeywordValues() {
    }

    /** A whole number: an integer, an integral float, or text holding one. */
    static int integer(Keyword k, Object v) {
        if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(v instanceof Float f && (f.isNaN() || f.isInfinite()))) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return d.intValue();
            }
        } else if (v instanceof String s && s.strip().matches("[+-]?\\d{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new KeywordError(k, "expected a whole number, got " + shown(v));
    }

    /** A percentage such as 30, 30.5 or "30%". */
    static double percent(Keyword k, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && s.strip().matches("\\d{1,9}(\\.\\d+)?%?")) {
            return Double.parseDouble(s.strip().replace("%", ""));
        }
        throw new KeywordError(k, "expected a percentage (a number, or a number followed by %), got " + shown(v));
    }

    /** A boolean: true/false and Ansible's yes/no words; an expression's result by Ansible's truth. */
    static boolean bool(Keyword k, Object v, boolean rendered) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            return false;
        }
        Boolean b = OptionCoercion.parseBool(v);
        if (b != null) {
            return b;
        }
        if (rendered) {
            return Truthiness.isTrue(v);
        }
        throw new KeywordError(k, "expected a boolean (true/false), got " + shown(v));
    }

    /** Text; a value that is not a scalar is refused rather than shown as its Java form. */
    static String text(Keyword k, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.util.Map || v instanceof java.util.Collection) {
            throw new KeywordError(k, "expected text, got " + shown(v));
        }
        return Expressions.toText(v);
    }

    static String shown(Object v) {
        return v == null ? "nothing (null)" : "'" + Expressions.toText(v) + "'";
    }
}
