package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.Collection;
import java.util.Map;

/** Jinja2's tests: defined, none, boolean, string, number, divisibleby, in, the comparisons... */
final class BuiltinTests {
    private BuiltinTests() {
    }

    static void register(Library.Builder b) {
        b.test("defined", (v, a, c) -> !(v instanceof Undefined));
        b.test("undefined", (v, a, c) -> v instanceof Undefined);
        b.test("none", (v, a, c) -> v == null);
        b.test("boolean", (v, a, c) -> v instanceof Boolean);
        b.test("true", (v, a, c) -> Boolean.TRUE.equals(v));
        b.test("false", (v, a, c) -> Boolean.FALSE.equals(v));
        b.test("integer", (v, a, c) -> Operands.isInt(v));
        b.test("float", (v, a, c) -> PyValues.isFloat(v));
        b.test("number", (v, a, c) -> v instanceof Number || v instanceof Boolean);
        b.test("string", (v, a, c) -> v instanceof CharSequence);
        b.test("mapping", (v, a, c) -> v instanceof Map<?, ?>);
        b.test("iterable", (v, a, c) -> Operands.iterable(v));
        b.test("sequence", (v, a, c) -> Operands.iterable(v));
        b.test("callable", (v, a, c) -> false);
        b.test("escaped", (v, a, c) -> false);
        b.test("sameas", (v, a, c) -> sameAs(v, a.required(0, "other", "sameas")));
        b.test("lower", (v, a, c) -> cased(PyValues.str(v), false));
        b.test("upper", (v, a, c) -> cased(PyValues.str(v), true));
        b.test("odd", (v, a, c) -> PyValues.equal(NumberFilters.modulo(v, 2L), 1L));
        b.test("even", (v, a, c) -> PyValues.equal(NumberFilters.modulo(v, 2L), 0L));
        b.test("divisibleby", (v, a, c) -> PyValues.equal(NumberFilters.modulo(v, a.required(0, "num", "divisibleby")), 0L));
        b.test("in", (v, a, c) -> contains(a.required(0, "seq", "in"), v));
        b.test("filter", (v, a, c) -> v instanceof CharSequence s && Library.standard().filter(s.toString()) != null);
        b.test("test", (v, a, c) -> v instanceof CharSequence s && Library.standard().test(s.toString()) != null);
        comparison(b, (x, y) -> PyValues.equal(x, y), "==", "eq", "equalto");
        comparison(b, (x, y) -> !PyValues.equal(x, y), "!=", "ne");
        comparison(b, (x, y) -> PyValues.compare(x, y) < 0, "<", "lt", "lessthan");
        comparison(b, (x, y) -> PyValues.compare(x, y) <= 0, "<=", "le");
        comparison(b, (x, y) -> PyValues.compare(x, y) > 0, ">", "gt", "greaterthan");
        comparison(b, (x, y) -> PyValues.compare(x, y) >= 0, ">=", "ge");
    }

    private static void comparison(Library.Builder b, java.util.function.BiPredicate<Object, Object> op, String... names) {
        for (String name : names) {
            b.test(name, (v, a, c) -> op.test(v, a.required(0, "other", name)));
        }
    }

    /** Python's {@code value in container}: a substring, a list item, a dict key. */
    static boolean contains(Object container, Object value) {
        if (container instanceof CharSequence s) {
            if (!(value instanceof CharSequence needle)) {
                throw new PyValues.TypeError("'in <string>' requires string as left operand, not " + PyValues.typeName(value));
            }
            return s.toString().contains(needle);
        }
        if (container instanceof Map<?, ?> m) {
            return m.keySet().stream().anyMatch(k -> PyValues.equal(k, value));
        }
        if (container instanceof Collection<?> col) {
            return col.stream().anyMatch(x -> PyValues.equal(x, value));
        }
        throw new PyValues.TypeError("argument of type '" + PyValues.typeName(container) + "' is not iterable");
    }

    /** Python's islower/isupper: at least one cased character, and all cased ones in that case. */
    private static boolean cased(String s, boolean upper) {
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isUpperCase(ch) || Character.isLowerCase(ch) || Character.isTitleCase(ch)) {
                if (upper ? !Character.isUpperCase(ch) : !Character.isLowerCase(ch)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Python's {@code is}: the same object; None, booleans and small ints are shared singletons there. */
    private static boolean sameAs(Object v, Object other) {
        if (v == null || other == null || v instanceof Boolean || other instanceof Boolean) {
            return v == other || v != null && v.equals(other);
        }
        if (Operands.isInt(v) && Operands.isInt(other)) {
            long x = ((Number) v).longValue();
            return x >= -5 && x <= 256 && x == ((Number) other).longValue();
        }
        return v == other;
    }
}
