package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.regex.PythonRegex;

import java.util.List;
import java.util.Map;

/** Ansible's tests: task results (failed, changed, skipped...), match/search/regex, subset/superset, any/all. */
final class AnsibleTests {
    private AnsibleTests() {
    }

    static void register(Library.Builder b) {
        ValueTest failed = (v, a, c) -> PyValues.truthy(result(v, "failed").getOrDefault("failed", false));
        ValueTest succeeded = (v, a, c) -> !failed.test(v, a, c);
        for (String n : List.of("failed", "failure")) {
            b.test(n, failed);
        }
        for (String n : List.of("succeeded", "success", "successful")) {
            b.test(n, succeeded);
        }
        ValueTest changed = (v, a, c) -> changed(result(v, "changed"));
        b.test("changed", changed).test("change", changed);
        ValueTest skipped = (v, a, c) -> PyValues.truthy(result(v, "skipped").getOrDefault("skipped", false));
        b.test("skipped", skipped).test("skip", skipped);
        b.test("unreachable", (v, a, c) -> PyValues.truthy(result(v, "unreachable").getOrDefault("unreachable", false)));
        b.test("reachable", (v, a, c) -> !PyValues.truthy(result(v, "reachable").getOrDefault("unreachable", false)));
        b.test("finished", (v, a, c) -> finished(result(v, "finished")));
        b.test("started", (v, a, c) -> {
            Map<String, Object> r = result(v, "started");
            if (!r.containsKey("started")) {
                throw new FilterError("The 'started' test expects a dictionary with a 'started' key, as async tasks give");
            }
            return PyValues.truthy(r.get("started"));
        });
        b.test("match", (v, a, c) -> regex(v, a, "match"));
        b.test("search", (v, a, c) -> regex(v, a, "search"));
        b.test("regex", (v, a, c) -> regex(v, a, PyValues.str(a.get(3, "match_type", "search"))));
        b.test("any", (v, a, c) -> Operands.iterate(v, "any").stream().anyMatch(PyValues::truthy));
        b.test("all", (v, a, c) -> Operands.iterate(v, "all").stream().allMatch(PyValues::truthy));
        b.test("truthy", (v, a, c) -> PyValues.truthy(convert(v, a)));
        b.test("falsy", (v, a, c) -> !PyValues.truthy(convert(v, a)));
        b.test("subset", (v, a, c) -> SetFilters.subset(v, a.required(0, "b", "subset"), "subset"));
        b.test("superset", (v, a, c) -> SetFilters.subset(a.required(0, "b", "superset"), v, "superset"));
        b.test("contains", (v, a, c) -> BuiltinTests.contains(v, a.required(0, "value", "contains")));
        b.test("isnan", (v, a, c) -> Double.isNaN(NumberFilters.asDouble(v, "isnan")));
        b.test("vault_encrypted", (v, a, c) -> v instanceof CharSequence s && s.toString().startsWith("$ANSIBLE_VAULT;"));
        VersionTests.register(b);
    }

    private static Map<String, Object> result(Object v, String test) {
        if (!(v instanceof Map<?, ?>)) {
            throw new FilterError("The '" + test + "' test expects a dictionary");
        }
        return Operands.map(v, test);
    }

    /** A loop's result is changed when any item is. */
    private static boolean changed(Map<String, Object> r) {
        if (r.containsKey("changed")) {
            return PyValues.truthy(r.get("changed"));
        }
        if (r.get("results") instanceof List<?> results && !results.isEmpty() && results.get(0) instanceof Map<?, ?>) {
            return results.stream().anyMatch(x -> x instanceof Map<?, ?> m && PyValues.truthy(m.get("changed")));
        }
        return false;
    }

    private static boolean finished(Map<String, Object> r) {
        if (!r.containsKey("finished")) {
            throw new FilterError("The 'finished' test expects a dictionary with a 'finished' key, as async_status gives");
        }
        return PyValues.truthy(r.get("finished"));
    }

    private static Object convert(Object v, CallArgs a) {
        return PyValues.truthy(a.get(0, "convert_bool", false)) && v != null ? TypeFilters.toBool(v) : v;
    }

    /** Ansible's regex test: re.match (at the start) or re.search, with ignorecase/multiline. */
    private static boolean regex(Object value, CallArgs a, String matchType) {
        String text = PyValues.str(value);
        String pattern = PyValues.str(a.get(0, "pattern", ""));
        int flags = PythonRegex.UNICODE;
        if (PyValues.truthy(a.get(1, "ignorecase", false))) {
            flags |= PythonRegex.IGNORECASE;
        }
        if (PyValues.truthy(a.get(2, "multiline", false))) {
            flags |= PythonRegex.MULTILINE;
        }
        java.util.regex.Matcher m = RegexFilters.compile(pattern, flags).matcher(text);
        return switch (matchType) {
            case "match" -> m.lookingAt();
            case "fullmatch" -> m.matches();
            default -> m.find();
        };
    }
}
