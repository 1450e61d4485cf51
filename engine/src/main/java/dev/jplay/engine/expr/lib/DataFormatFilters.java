package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.json.JsonWriter;

/** to_json, to_nice_json, tojson and from_json, written byte for byte as Ansible's json.dumps calls write them. */
final class DataFormatFilters {
    private DataFormatFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("to_json", (v, a, c) -> json(v, a, JsonWriter.Style.PYTHON_DEFAULT));
        // to_nice_json(a, indent=4, sort_keys=True) with separators=(',', ': ')
        b.filter("to_nice_json", (v, a, c) -> json(v, a, new JsonWriter.Style(",", ": ",
                (int) Operands.integer(a.get(0, "indent", 4L), "to_nice_json(indent)"), PyValues.truthy(a.get(1, "sort_keys", true)), true)));
        b.filter("to_yaml", (v, a, c) -> yaml(v, a, flowArg(a.named().get("default_flow_style")), 2));
        b.filter("to_nice_yaml", (v, a, c) -> yaml(v, a, false, (int) Operands.integer(a.get(0, "indent", 4L), "to_nice_yaml(indent)")));
        b.filter("from_yaml", (v, a, c) -> v instanceof CharSequence s ? YamlFormat.load(s.toString(), false) : v);
        b.filter("from_yaml_all", (v, a, c) -> v instanceof CharSequence s ? YamlFormat.load(s.toString(), true) : v);
        b.filter("from_json", (v, a, c) -> JsonText.parse(Operands.string(v, "from_json")));
        b.filter("tojson", (v, a, c) -> htmlSafe(json(v, a, new JsonWriter.Style(", ", ": ", indentArg(a.get(0, "indent", null)), true, true))));
    }

    /** json.dumps keyword arguments Ansible passes through: indent, sort_keys, ensure_ascii, separators. */
    private static String json(Object v, CallArgs a, JsonWriter.Style base) {
        Integer indent = a.named().containsKey("indent") ? indentArg(a.named().get("indent")) : base.indent();
        boolean sortKeys = a.named().containsKey("sort_keys") ? PyValues.truthy(a.named().get("sort_keys")) : base.sortKeys();
        boolean ascii = a.named().containsKey("ensure_ascii") ? PyValues.truthy(a.named().get("ensure_ascii")) : base.ensureAscii();
        String item = indent != null && base.itemSeparator().equals(", ") ? "," : base.itemSeparator();
        String key = base.keySeparator();
        if (a.named().get("separators") instanceof java.util.List<?> seps && seps.size() == 2) {
            item = PyValues.str(seps.get(0));
            key = PyValues.str(seps.get(1));
        }
        try {
            return JsonWriter.write(v, new JsonWriter.Style(item, key, indent, sortKeys, ascii));
        } catch (IllegalArgumentException e) {
            throw new FilterError("Object of type " + PyValues.typeName(v) + " is not JSON serializable");
        }
    }

    private static Boolean flowArg(Object v) {
        return v == null ? null : PyValues.truthy(v);
    }

    private static String yaml(Object v, CallArgs a, Boolean flow, int indent) {
        int width = (int) Operands.integer(a.named().getOrDefault("width", 80L), "width");
        boolean sortKeys = PyValues.truthy(a.named().getOrDefault("sort_keys", true));
        boolean explicitStart = PyValues.truthy(a.named().getOrDefault("explicit_start", false));
        return YamlFormat.dump(v, flow, indent, width, sortKeys, explicitStart);
    }

    private static Integer indentArg(Object v) {
        return v == null ? null : (int) Operands.integer(v, "indent");
    }

    /** Jinja2's htmlsafe_json_dumps: <, >, & and ' escaped so the JSON can sit in HTML. */
    private static String htmlSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027");
    }
}
