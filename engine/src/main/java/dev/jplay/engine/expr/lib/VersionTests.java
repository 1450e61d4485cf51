package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's version / version_compare test: LooseVersion (the default), StrictVersion (strict=True) and
 * SemanticVersion (version_type='semver'), with Ansible's operator names and messages.
 */
final class VersionTests {
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("==", "eq"), Map.entry("=", "eq"),
            Map.entry("eq", "eq"), Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"), Map.entry("le", "le"),
            Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"), Map.entry("ge", "ge"), Map.entry("!=", "ne"),
            Map.entry("<>", "ne"), Map.entry("ne", "ne"));
    private static final String OPERATOR_LIST = "'==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'";
    private static final Pattern LOOSE_COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.");
    private static final Pattern STRICT = Pattern.compile("(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?");
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private VersionTests() {
    }

    static void register(Library.Builder b) {
        ValueTest t = (v, a, c) -> compare(v, a);
        b.test("version", t).test("version_compare", t);
    }

    private static boolean compare(Object value, CallArgs a) {
        Object version = a.get(0, "version", null);
        String operator = PyValues.str(a.get(1, "operator", "eq"));
        Object strict = a.get(2, "strict", null);
        Object type = a.get(3, "version_type", null);
        if (strict != null && type != null) {
            throw new FilterError("Cannot specify both 'strict' and 'version_type'");
        }
        if (!PyValues.truthy(value)) {
            throw new FilterError("Input version value cannot be empty");
        }
        if (!PyValues.truthy(version)) {
            throw new FilterError("Version parameter to compare against cannot be empty");
        }
        String kind = PyValues.truthy(strict) ? "strict" : "loose";
        if (type != null && PyValues.truthy(type)) {
            kind = PyValues.str(type);
            if (!List.of("loose", "strict", "semver", "semantic").contains(kind)) {
                throw new FilterError("Invalid version type (" + kind + "). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'"
                        + (kind.equals("pep440") ? " (pep440 is not supported by jplay)" : ""));
            }
        }
        String op = OPERATORS.get(operator);
        if (op == null) {
            throw new FilterError("Invalid operator type (" + operator + "). Must be one of " + OPERATOR_LIST);
        }
        String left = PyValues.str(value);
        String right = PyValues.str(version);
        int cmp;
        boolean equal;
        try {
            switch (kind) {
                case "strict" -> {
                    cmp = compareStrict(left, right);
                    equal = cmp == 0;
                }
                case "semver", "semantic" -> {
                    cmp = compareSemver(left, right);
                    equal = cmp == 0;
                }
                default -> {
                    List<Object> l = loose(left);
                    List<Object> r = loose(right);
                    equal = PyValues.equal(l, r);
                    cmp = equal ? 0 : PyValues.compare(l, r);
                }
            }
        } catch (PyValues.TypeError | IllegalArgumentException e) {
            throw new FilterError("Version comparison failed: " + e.getMessage());
        }
        return switch (op) {
            case "eq" -> equal;
            case "ne" -> !equal;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            case "gt" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** LooseVersion: runs of digits (ints), runs of lower-case letters, and whatever lies between them; dots dropped. */
    static List<Object> loose(String v) {
        List<Object> parts = new ArrayList<>();
        Matcher m = LOOSE_COMPONENT.matcher(v);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(v.substring(last, m.start()));
            }
            String c = m.group();
            if (!c.equals(".")) {
                parts.add(Character.isDigit(c.charAt(0)) ? (Object) PyNumbers.parseInt(c, 10) : c);
            }
            last = m.end();
        }
        if (last < v.length()) {
            parts.add(v.substring(last));
        }
        return parts;
    }

    private static int compareStrict(String a, String b) {
        long[] x = strict(a);
        long[] y = strict(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Long.compare(x[i], y[i]);
            }
        }
        // no pre-release sorts after any pre-release
        if (x[3] != y[3]) {
            return x[3] == 0 ? 1 : y[3] == 0 ? -1 : Long.compare(x[3], y[3]);
        }
        return Long.compare(x[4], y[4]);
    }

    /** major, minor, patch, pre-release letter (0 = none), pre-release number. */
    private static long[] strict(String v) {
        Matcher m = STRICT.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid version number '" + v + "'");
        }
        return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(4) == null ? 0 : Long.parseLong(m.group(4)),
                m.group(5) == null ? 0 : m.group(5).charAt(0), m.group(6) == null ? 0 : Long.parseLong(m.group(6))};
    }

    private static int compareSemver(String a, String b) {
        Matcher x = semver(a);
        Matcher y = semver(b);
        for (int g = 1; g <= 3; g++) {
            int c = new java.math.BigInteger(x.group(g)).compareTo(new java.math.BigInteger(y.group(g)));
            if (c != 0) {
                return c;
            }
        }
        String px = x.group(4);
        String py = y.group(4);
        if (px == null || py == null) {
            return px == null ? (py == null ? 0 : 1) : -1;
        }
        String[] ix = px.split("\\.");
        String[] iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].matches("\\d+");
            boolean ny = iy[i].matches("\\d+");
            int c = nx && ny ? new java.math.BigInteger(ix[i]).compareTo(new java.math.BigInteger(iy[i]))
                    : nx ? -1 : ny ? 1 : ix[i].compareTo(iy[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ix.length, iy.length);
    }

    private static Matcher semver(String v) {
        Matcher m = SEMVER.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid semantic version '" + v + "'");
        }
        return m;
    }
}
