package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Python's int() and float() on text and numbers, which Jinja's and Ansible's filters build on. */
final class PyNumbers {
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PyNumbers() {
    }

    /** Python's int(text, base), or null where Python raises ValueError. */
    static Number parseInt(String text, int base) {
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        String lower = s.toLowerCase();
        int radix = base;
        for (String[] prefix : new String[][]{{"0x", "16"}, {"0o", "8"}, {"0b", "2"}}) {
            int p = Integer.parseInt(prefix[1]);
            if (lower.startsWith(prefix[0]) && (base == 0 || base == p)) {
                s = s.substring(2);
                if (s.startsWith("_")) {
                    s = s.substring(1);
                }
                radix = p;
            }
        }
        if (radix == 0) {
            if (s.length() > 1 && s.matches("0[0_]*[1-9].*")) {
                return null;
            }
            radix = 10;
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        s = s.replace("_", "");
        try {
            BigInteger v = new BigInteger(s, radix);
            return PyValues.normalizeInt(negative ? v.negate() : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's float(text), or null where Python raises ValueError. */
    static Double parseFloat(String text) {
        String s = text.strip();
        if (SPECIAL.matcher(s).matches()) {
            boolean neg = s.startsWith("-");
            return s.toLowerCase().contains("nan") ? Double.NaN : neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.matches(".*(^|[^0-9])_.*|.*_($|[^0-9]).*")) {
            return null;
        }
        s = s.replace("_", "");
        return FLOAT.matcher(s).matches() ? Double.parseDouble(s) : null;
    }

    /** Python's int(x) of a float: truncation; null for nan (ValueError); inf is an OverflowError. */
    static Number truncate(double d) {
        if (Double.isNaN(d)) {
            return null;
        }
        if (Double.isInfinite(d)) {
            throw new FilterError("cannot convert float infinity to integer");
        }
        return PyValues.normalizeInt(new BigDecimal(d).toBigInteger());
    }
}
