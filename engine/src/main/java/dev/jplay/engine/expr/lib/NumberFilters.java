package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** abs, round, log, pow, root: Python's arithmetic on ints and floats. */
final class NumberFilters {
    private NumberFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("abs", (v, a, c) -> abs(v));
        b.filter("round", (v, a, c) -> round(v, (int) Operands.integer(a.get(0, "precision", 0L), "round(precision)"),
                PyValues.str(a.get(1, "method", "common"))));
        b.filter("log", (v, a, c) -> {
            double x = asDouble(v, "log");
            Object base = a.get(0, "base", null);
            return base == null ? Math.log(x) : Math.log(x) / Math.log(asDouble(base, "log(base)"));
        });
        b.filter("pow", (v, a, c) -> Math.pow(asDouble(v, "pow"), asDouble(a.required(0, "y", "pow"), "pow")));
        b.filter("root", (v, a, c) -> {
            double x = asDouble(v, "root");
            double base = asDouble(a.get(0, "base", 2L), "root(base)");
            return base == 2 ? Math.sqrt(x) : Math.pow(x, 1.0 / base);
        });
    }

    static double asDouble(Object v, String who) {
        if (v instanceof Boolean bo) {
            return bo ? 1 : 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new FilterError(who + " expects a number, got " + Operands.describe(v));
    }

    private static Object abs(Object v) {
        if (v instanceof Boolean bo) {
            return bo ? 1L : 0L;
        }
        if (PyValues.isFloat(v)) {
            return Math.abs(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return PyValues.normalizeInt(big(n).abs());
        }
        throw new PyValues.TypeError("bad operand type for abs(): '" + PyValues.typeName(v) + "'");
    }

    /** Jinja2's round: common (half away from zero on the decimal value Python sees), ceil or floor; always a float. */
    private static Object round(Object v, int precision, String method) {
        double x = asDouble(v, "round");
        if (!method.equals("common") && !method.equals("ceil") && !method.equals("floor")) {
            throw new FilterError("method must be common, ceil or floor");
        }
        if (method.equals("common") && (Operands.isInt(v) || v instanceof Boolean)) {
            // Python's round() of an int stays an int
            BigDecimal d = new BigDecimal(big(v instanceof Boolean bo ? (bo ? 1L : 0L) : (Number) v));
            return PyValues.normalizeInt(d.setScale(precision, RoundingMode.HALF_EVEN).toBigInteger());
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        if (method.equals("common")) {
            // Python's round() is exact half-even on the binary value; that is half-even on the exact decimal expansion
            return new BigDecimal(x).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
        }
        double f = Math.pow(10, precision);
        return (method.equals("ceil") ? Math.ceil(x * f) : Math.floor(x * f)) / f;
    }

    /** Python's a % b for numbers (the sign of the divisor); text % x is string formatting, refused here. */
    static Object modulo(Object a, Object b) {
        if (!(a instanceof Number || a instanceof Boolean) || !(b instanceof Number || b instanceof Boolean)) {
            throw new PyValues.TypeError("unsupported operand type(s) for %: '" + PyValues.typeName(a) + "' and '" + PyValues.typeName(b) + "'");
        }
        if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
            double x = asDouble(a, "%");
            double y = asDouble(b, "%");
            if (y == 0) {
                throw new PyValues.TypeError("float modulo");
            }
            double r = x % y;
            return r != 0 && (r < 0) != (y < 0) ? r + y : r;
        }
        BigInteger x = big(a instanceof Boolean bo ? (bo ? 1L : 0L) : (Number) a);
        BigInteger y = big(b instanceof Boolean bo ? (bo ? 1L : 0L) : (Number) b);
        if (y.signum() == 0) {
            throw new PyValues.TypeError("integer division or modulo by zero");
        }
        BigInteger r = x.mod(y.abs());
        if (y.signum() < 0 && r.signum() != 0) {
            r = r.add(y);
        }
        return PyValues.normalizeInt(r);
    }

    static BigInteger big(Number n) {
        return n instanceof BigInteger bi ? bi : BigInteger.valueOf(n.longValue());
    }

    /** Python's a + b: numbers (int stays int), lists and strings concatenated. */
    static Object add(Object a, Object b) {
        if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number || b instanceof Boolean)) {
            if (PyValues.isFloat(a) || PyValues.isFloat(b)) {
                return asDouble(a, "+") + asDouble(b, "+");
            }
            BigInteger x = big(a instanceof Boolean bo ? (bo ? 1L : 0L) : (Number) a);
            BigInteger y = big(b instanceof Boolean bo ? (bo ? 1L : 0L) : (Number) b);
            return PyValues.normalizeInt(x.add(y));
        }
        if (a instanceof java.util.List<?> x && b instanceof java.util.List<?> y) {
            java.util.List<Object> out = new java.util.ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof CharSequence x && b instanceof CharSequence y) {
            return x.toString() + y;
        }
        throw new PyValues.TypeError("unsupported operand type(s) for +: '" + PyValues.typeName(a) + "' and '" + PyValues.typeName(b) + "'");
    }
}
