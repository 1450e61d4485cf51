package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** map, select, reject, selectattr, rejectattr: Jinja2's filters that apply another filter or test per item. */
final class SelectFilters {
    private SelectFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("map", SelectFilters::map);
        b.filter("select", (v, a, c) -> select(v, a, c, false, true));
        b.filter("reject", (v, a, c) -> select(v, a, c, false, false));
        b.filter("selectattr", (v, a, c) -> select(v, a, c, true, true));
        b.filter("rejectattr", (v, a, c) -> select(v, a, c, true, false));
    }

    /** map('filter', args...) or map(attribute='a', default=x). */
    private static Object map(Object v, CallArgs a, CallContext ctx) {
        List<Object> items = Operands.iterate(v, "map");
        List<Object> out = new ArrayList<>();
        if (a.positional().isEmpty()) {
            if (!a.named().containsKey("attribute")) {
                throw new FilterError("map requires a filter name or attribute=");
            }
            Object attribute = a.named().get("attribute");
            Object dflt = a.named().get("default");
            for (Object item : items) {
                Object x = Attributes.get(item, attribute);
                out.add(x instanceof Undefined && a.named().containsKey("default") ? dflt : x);
            }
            return out;
        }
        String name = PyValues.str(a.positional().get(0));
        CallArgs rest = new CallArgs(a.positional().subList(1, a.positional().size()), a.named());
        for (Object item : items) {
            out.add(ctx.callFilter(name, item, rest));
        }
        return out;
    }

    private static List<Object> select(Object v, CallArgs a, CallContext ctx, boolean byAttribute, boolean keep) {
        String who = (keep ? "select" : "reject") + (byAttribute ? "attr" : "");
        List<Object> items = Operands.iterate(v, who);
        int next = 0;
        Object attribute = null;
        if (byAttribute) {
            attribute = a.required(0, "attribute", who);
            next = 1;
        }
        String test = a.positional().size() > next ? PyValues.str(a.positional().get(next)) : null;
        List<Object> testArgs = a.positional().size() > next + 1 ? a.positional().subList(next + 1, a.positional().size()) : List.of();
        Map<String, Object> named = new LinkedHashMap<>(a.named());
        named.remove("attribute");
        CallArgs args = new CallArgs(testArgs, named);
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            Object x = byAttribute ? Attributes.get(item, attribute) : item;
            boolean hit = test == null ? PyValues.truthy(x) : ctx.callTest(test, x, args);
            if (hit == keep) {
                out.add(item);
            }
        }
        return out;
    }
}
