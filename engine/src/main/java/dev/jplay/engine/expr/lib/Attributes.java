package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.Undefined;

import java.util.List;
import java.util.Map;

/**
 * Jinja2's attribute getter for filters that take {@code attribute=}: a dotted path ("a.b.0") through
 * dicts and lists, parts of digits being list indexes. A missing step gives Undefined, as in Jinja2.
 */
final class Attributes {
    private Attributes() {
    }

    static Object get(Object item, Object attribute) {
        if (attribute == null) {
            return item;
        }
        if (attribute instanceof Number n) {
            return step(item, n.toString(), attribute.toString());
        }
        String path = attribute.toString();
        Object cur = item;
        for (String part : path.split("\\.", -1)) {
            cur = step(cur, part, path);
            if (cur instanceof Undefined) {
                return cur;
            }
        }
        return cur;
    }

    private static Object step(Object cur, String part, String path) {
        if (cur instanceof PyTuple t) {
            Object v = t.field(part, t);
            if (v != t) {
                return v;
            }
        }
        if (cur instanceof Map<?, ?> m) {
            if (m.containsKey(part)) {
                return m.get(part);
            }
        } else if (cur instanceof List<?> l && part.matches("-?\\d+")) {
            int i = Integer.parseInt(part);
            if (i < 0) {
                i += l.size();
            }
            if (i >= 0 && i < l.size()) {
                return l.get(i);
            }
        }
        return Undefined.attribute(path, cur, part);
    }
}
