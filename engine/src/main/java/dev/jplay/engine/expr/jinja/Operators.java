package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.PyValues.TypeError;
import dev.jplay.engine.expr.value.Undefined;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Python's arithmetic, concatenation and membership on the value model. */
final class Operators {
    private Operators() {
    }

    static Object binary(String op, Object a, Object b) {
        undefinedCheck(a);
        undefinedCheck(b);
        return switch (op) {
            case "+" -> add(a, b);
            case "-" -> arith(op, a, b);
            case "*" -> mul(a, b);
            case "/" -> {
                requireNumbers(op, a, b);
                double d = num(b).doubleValue();
                if (d == 0) {
                    throw new TypeError("division by zero");
                }
                yield num(a).doubleValue() / d;
            }
            case "//" -> floorDiv(a, b);
            case "%" -> a instanceof String s ? PercentFormat.format(s, b) : mod(a, b);
            case "**" -> pow(a, b);
            case "~" -> PyValues.str(a) + PyValues.str(b);
            default -> throw new IllegalStateException(op);
        };
    }

    static void undefinedCheck(Object v) {
        if (v instanceof Undefined u) {
            throw new PyValues.UndefinedError(u);
        }
    }

    static boolean isInt(Object v) {
        return (v instanceof Number && !PyValues.isFloat(v)) || v instanceof Boolean;
    }

    static boolean isNumber(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    static Number num(Object v) {
        return v instanceof Boolean b ? (b ? 1L : 0L) : (Number) v;
    }

    private static BigInteger big(Object v) {
        Number n = num(v);
        return n instanceof BigInteger bi ? bi : BigInteger.valueOf(n.longValue());
    }

    private static Object norm(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private static void requireNumbers(String op, Object a, Object b) {
        if (!isNumber(a) || !isNumber(b)) {
            throw new TypeError("unsupported operand type(s) for " + op + ": '" + PyValues.typeName(a) + "' and '" + PyValues.typeName(b) + "'");
        }
    }

    private static Object add(Object a, Object b) {
        if (a instanceof String sa && b instanceof String sb) {
            return sa + sb;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(la);
            out.addAll(lb);
            return out;
        }
        if (a instanceof String || b instanceof String) {
            if (isNumber(a) || isNumber(b)) {
                throw new TypeError(a instanceof String ? "can only concatenate str (not \"" + PyValues.typeName(b) + "\") to str"
                        : "unsupported operand type(s) for +: '" + PyValues.typeName(a) + "' and 'str'");
            }
        }
        return arith("+", a, b);
    }

    private static Object arith(String op, Object a, Object b) {
        requireNumbers(op, a, b);
        if (isInt(a) && isInt(b)) {
            BigInteger x = big(a);
            BigInteger y = big(b);
            return norm(op.equals("+") ? x.add(y) : x.subtract(y));
        }
        double x = num(a).doubleValue();
        double y = num(b).doubleValue();
        return op.equals("+") ? x + y : x - y;
    }

    private static Object mul(Object a, Object b) {
        if (a instanceof String s && isInt(b)) {
            return s.repeat((int) Math.max(0, num(b).longValue()));
        }
        if (b instanceof String s && isInt(a)) {
            return s.repeat((int) Math.max(0, num(a).longValue()));
        }
        if (a instanceof List<?> l && isInt(b)) {
            List<Object> out = new ArrayList<>();
            for (long k = 0; k < num(b).longValue(); k++) {
                out.addAll(l);
            }
            return out;
        }
        requireNumbers("*", a, b);
        if (isInt(a) && isInt(b)) {
            return norm(big(a).multiply(big(b)));
        }
        return num(a).doubleValue() * num(b).doubleValue();
    }

    private static Object floorDiv(Object a, Object b) {
        requireNumbers("//", a, b);
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new TypeError("integer division or modulo by zero");
            }
            BigInteger[] qr = big(a).divideAndRemainder(y);
            BigInteger q = qr[0];
            if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
                q = q.subtract(BigInteger.ONE);
            }
            return norm(q);
        }
        double y = num(b).doubleValue();
        if (y == 0) {
            throw new TypeError("float floor division by zero");
        }
        return Math.floor(num(a).doubleValue() / y);
    }

    private static Object mod(Object a, Object b) {
        requireNumbers("%", a, b);
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new TypeError("integer division or modulo by zero");
            }
            BigInteger r = big(a).mod(y.abs());
            if (y.signum() < 0 && r.signum() != 0) {
                r = r.add(y);
            }
            return norm(r);
        }
        double x = num(a).doubleValue();
        double y = num(b).doubleValue();
        if (y == 0) {
            throw new TypeError("float modulo");
        }
        double r = x % y;
        return r != 0 && (r < 0) != (y < 0) ? r + y : r;
    }

    private static Object pow(Object a, Object b) {
        requireNumbers("**", a, b);
        if (isInt(a) && isInt(b) && num(b).longValue() >= 0) {
            return norm(big(a).pow((int) Math.min(num(b).longValue(), 100_000)));
        }
        return Math.pow(num(a).doubleValue(), num(b).doubleValue());
    }

    static Object negate(Object v) {
        undefinedCheck(v);
        if (!isNumber(v)) {
            throw new TypeError("bad operand type for unary -: '" + PyValues.typeName(v) + "'");
        }
        if (isInt(v)) {
            return norm(big(v).negate());
        }
        return -num(v).doubleValue();
    }

    /** Python's {@code needle in haystack}. */
    static boolean contains(Object haystack, Object needle) {
        undefinedCheck(haystack);
        undefinedCheck(needle);
        if (haystack instanceof String s) {
            if (!(needle instanceof String n)) {
                throw new TypeError("'in <string>' requires string as left operand, not " + PyValues.typeName(needle));
            }
            return s.contains(n);
        }
        if (haystack instanceof Map<?, ?> m) {
            if (m.containsKey(needle)) {
                return true;
            }
            for (Object k : m.keySet()) {
                if (PyValues.equal(k, needle)) {
                    return true;
                }
            }
            return false;
        }
        if (haystack instanceof Collection<?> c) {
            for (Object x : c) {
                if (PyValues.equal(x, needle)) {
                    return true;
                }
            }
            return false;
        }
        throw new TypeError("argument of type '" + PyValues.typeName(haystack) + "' is not iterable");
    }

    static boolean compare(String op, Object a, Object b) {
        undefinedCheck(a);
        undefinedCheck(b);
        return switch (op) {
            case "==" -> PyValues.equal(a, b);
            case "!=" -> !PyValues.equal(a, b);
            case "<" -> order(op, a, b) < 0;
            case ">" -> order(op, a, b) > 0;
            case "<=" -> order(op, a, b) <= 0;
            case ">=" -> order(op, a, b) >= 0;
            case "in" -> contains(b, a);
            case "not in" -> !contains(b, a);
            default -> throw new IllegalStateException(op);
        };
    }

    private static int order(String op, Object a, Object b) {
        try {
            return PyValues.compare(a, b);
        } catch (TypeError e) {
            throw new TypeError("'" + op + "' not supported between instances of '" + PyValues.typeName(a) + "' and '" + PyValues.typeName(b) + "'");
        }
    }

}
