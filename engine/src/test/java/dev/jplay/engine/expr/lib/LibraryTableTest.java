package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case of expr/library-expected.json: the filter, test or lookup called on the input must give
 * what ansible-core 2.14 gave (same value and same Python types), or fail where Ansible failed.
 * The table is produced by expr/ansible_expected.py from expr/library-cases.yml.
 */
class LibraryTableTest {
    private static final Path FILES = Path.of("src/test/resources/expr/files").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> casesAgreeWithAnsible() throws Exception {
        List<Object> entries;
        try (InputStream in = getClass().getResourceAsStream("/expr/library-expected.json")) {
            assertNotNull(in, "library-expected.json");
            entries = castList(new Load(LoadSettings.builder().build()).loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@FILES@", FILES.toString())));
        }
        return entries.stream().map(e -> {
            Map<String, Object> entry = castMap(e);
            Map<String, Object> c = castMap(entry.get("case"));
            return DynamicTest.dynamicTest(label(c), () -> check(c, entry));
        });
    }

    private static String label(Map<String, Object> c) {
        String s = c.toString();
        return s.length() > 150 ? s.substring(0, 150) : s;
    }

    private static void check(Map<String, Object> c, Map<String, Object> entry) {
        Object result;
        try {
            result = run(c);
        } catch (FilterError | PyValues.TypeError | PyValues.UndefinedError | UnsupportedOperationException e) {
            if (entry.containsKey("error")) {
                if (c.containsKey("jmsg")) {
                    String message = String.valueOf(e.getMessage());
                    if (!message.contains((String) c.get("jmsg"))) {
                        fail("the message should contain " + c.get("jmsg") + " as Ansible's (" + entry.get("error") + "), jplay says: " + message);
                    }
                }
                return;
            }
            throw new AssertionError("Ansible gave " + PyValues.repr(normalize(entry.get("value"))) + ", jplay failed: " + e.getMessage(), e);
        }
        if (entry.containsKey("error")) {
            fail("Ansible failed with " + entry.get("error") + ", jplay gave " + safeRepr(result));
        }
        Object expected = normalize(entry.get("value"));
        assertEquals(typed(expected), typed(result), "Ansible: " + safeRepr(expected) + " jplay: " + safeRepr(result));
    }

    static Object run(Map<String, Object> c) {
        Library lib = Library.standard();
        Map<String, Object> vars = new LinkedHashMap<>();
        if (c.get("vars") != null) {
            vars.putAll(castMap(normalize(c.get("vars"))));
        }
        Object input = Boolean.TRUE.equals(c.get("undef")) ? Undefined.variable("x") : normalize(c.get("in"));
        if (!(input instanceof Undefined)) {
            vars.put("x", input);
        }
        List<Object> args = c.get("args") == null ? List.of() : castList(normalize(c.get("args")));
        Map<String, Object> kw = c.get("kw") == null ? Map.of() : castMap(normalize(c.get("kw")));
        CallArgs callArgs = new CallArgs(args, kw);
        TableContext ctx = new TableContext(vars, List.of(FILES));
        if (c.containsKey("f")) {
            return ctx.callFilter((String) c.get("f"), input, callArgs);
        }
        if (c.containsKey("t")) {
            assertNotNull(lib.test((String) c.get("t")), "test " + c.get("t"));
            return ctx.callTest((String) c.get("t"), input, callArgs);
        }
        Lookup l = lib.lookup((String) c.get("l"));
        assertNotNull(l, "lookup " + c.get("l"));
        return l.run(args, new CallArgs(List.of(), kw), ctx);
    }

    /** The JSON reader's Integers as Longs; tagged values back to what they stand for. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof BigInteger) {
            return PyValues.normalizeInt((Number) v);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey("$undefined")) {
                return Undefined.variable("$expected");
            }
            if (m.containsKey("$float")) {
                String f = (String) m.get("$float");
                return f.equals("nan") ? Double.NaN : f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return out;
        }
        return v;
    }

    /** A comparable form that keeps Python's types apart: 1, 1.0 and True differ; dict order does not matter. */
    static Object typed(Object v) {
        if (v instanceof Undefined) {
            return "<Undefined>";
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(typed(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), typed(x)));
            return out;
        }
        if (v instanceof Number n && !PyValues.isFloat(n)) {
            return "int:" + n;
        }
        if (v instanceof Number n) {
            return "float:" + PyValues.floatRepr(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return "bool:" + b;
        }
        return v;
    }

    private static String safeRepr(Object v) {
        try {
            return v instanceof Undefined ? "Undefined" : PyValues.repr(v);
        } catch (RuntimeException e) {
            return String.valueOf(v);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object o) {
        return (List<Object>) o;
    }
}
