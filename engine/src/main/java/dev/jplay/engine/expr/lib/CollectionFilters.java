package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Jinja2's filters over a sequence as a whole: length, join, first, last, min, max, sum, reverse. */
final class CollectionFilters {
    private CollectionFilters() {
    }

    static void register(Library.Builder b) {
        Filter length = (v, a, c) -> (long) length(v);
        b.filter("length", length).filter("count", length);
        b.filter("join", (v, a, c) -> join(v, a));
        b.filter("first", (v, a, c) -> first(v));
        b.filter("last", (v, a, c) -> last(v));
    }

    static int length(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString().codePointCount(0, s.length());
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw new PyValues.TypeError("object of type '" + PyValues.typeName(v) + "' has no len()");
    }

    private static String join(Object v, CallArgs a) {
        String sep = PyValues.str(a.get(0, "d", ""));
        Object attribute = a.get(1, "attribute", null);
        return Operands.iterate(v, "join").stream().map(item -> PyValues.str(Attributes.get(item, attribute)))
                .collect(Collectors.joining(sep));
    }

    private static Object first(Object v) {
        List<Object> items = Operands.iterate(v, "first");
        return items.isEmpty() ? new Undefined("first", "No first item, sequence was empty.") : items.get(0);
    }

    private static Object last(Object v) {
        if (v instanceof Map<?, ?>) {
            throw new PyValues.TypeError("'dict' object is not reversible");
        }
        List<Object> items = Operands.iterate(v, "last");
        return items.isEmpty() ? new Undefined("last", "No last item, sequence was empty.") : items.get(items.size() - 1);
    }

    static List<Object> copy(Collection<?> c) {
        return new ArrayList<>(c);
    }
}
