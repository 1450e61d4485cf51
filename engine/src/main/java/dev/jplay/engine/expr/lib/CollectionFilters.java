package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Jinja2's filters over a sequence as a whole: length, join, first, last, min, max, sum, sort, unique, batch... */
final class CollectionFilters {
    private CollectionFilters() {
    }

    static void register(Library.Builder b) {
        Filter length = (v, a, c) -> (long) length(v);
        b.filter("length", length).filter("count", length);
        b.filter("join", (v, a, c) -> join(v, a));
        b.filter("first", (v, a, c) -> first(v));
        b.filter("last", (v, a, c) -> last(v));
        b.filter("min", (v, a, c) -> extreme(v, a, -1));
        b.filter("max", (v, a, c) -> extreme(v, a, 1));
        b.filter("sum", (v, a, c) -> sum(v, a.get(0, "attribute", null), a.get(1, "start", 0L)));
        b.filter("sort", (v, a, c) -> sort(v, PyValues.truthy(a.get(0, "reverse", false)), PyValues.truthy(a.get(1, "case_sensitive", false)),
                a.get(2, "attribute", null)));
        b.filter("unique", (v, a, c) -> unique(Operands.iterate(v, "unique"), PyValues.truthy(a.get(0, "case_sensitive", false)),
                a.get(1, "attribute", null)));
        b.filter("reverse", (v, a, c) -> reverse(v));
        b.filter("batch", (v, a, c) -> batch(v, Operands.integer(a.required(0, "linecount", "batch"), "batch(linecount)"),
                a.get(1, "fill_with", null)));
        b.filter("slice", (v, a, c) -> slice(v, Operands.integer(a.required(0, "slices", "slice"), "slice(slices)"),
                a.get(1, "fill_with", null)));
        b.filter("dictsort", (v, a, c) -> dictsort(v, PyValues.truthy(a.get(0, "case_sensitive", false)), PyValues.str(a.get(1, "by", "key")),
                PyValues.truthy(a.get(2, "reverse", false))));
        b.filter("groupby", (v, a, c) -> groupby(v, a.required(0, "attribute", "groupby"), a.get(1, "default", null),
                PyValues.truthy(a.get(2, "case_sensitive", false))));
        b.filter("items", (v, a, c) -> {
            if (!(v instanceof Map<?, ?> m)) {
                throw new PyValues.TypeError("Can only get item pairs from a mapping.");
            }
            List<Object> out = new ArrayList<>();
            m.forEach((k, x) -> out.add(PyTuple.of(k, x)));
            return out;
        });
        b.filter("pprint", (v, a, c) -> PyValues.repr(v));
        b.filter("attr", (v, a, c) -> new Undefined("attr", "'" + PyValues.typeName(v) + " object' has no attribute '"
                + PyValues.str(a.required(0, "name", "attr")) + "'"));
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
        List<Object> items = Operands.iterate(v, "last");
        return items.isEmpty() ? new Undefined("last", "No last item, sequence was empty.") : items.get(items.size() - 1);
    }

    /** min/max: the first of the smallest (largest), compared by attribute and without case unless case_sensitive. */
    private static Object extreme(Object v, CallArgs a, int sign) {
        List<Object> items = Operands.iterate(v, sign < 0 ? "min" : "max");
        if (items.isEmpty()) {
            return new Undefined(sign < 0 ? "min" : "max", "No aggregated item, sequence was empty.");
        }
        boolean cs = PyValues.truthy(a.get(0, "case_sensitive", false));
        Object attribute = a.get(1, "attribute", null);
        Object best = items.get(0);
        Object bestKey = Keys.key(best, attribute, cs);
        for (Object item : items.subList(1, items.size())) {
            Object k = Keys.key(item, attribute, cs);
            if (PyValues.compare(k, bestKey) * sign > 0) {
                best = item;
                bestKey = k;
            }
        }
        return best;
    }

    private static Object sum(Object v, Object attribute, Object start) {
        Object total = start;
        for (Object item : Operands.iterate(v, "sum")) {
            Object x = Attributes.get(item, attribute);
            if (x instanceof CharSequence && !(total instanceof Number)) {
                throw new PyValues.TypeError("sum() can't sum strings [use ''.join(seq) instead]");
            }
            total = NumberFilters.add(total, x);
        }
        return total;
    }

    private static List<Object> sort(Object v, boolean reverse, boolean caseSensitive, Object attribute) {
        List<Object> items = Operands.iterate(v, "sort");
        List<Object[]> keyed = new ArrayList<>();
        for (Object item : items) {
            keyed.add(new Object[]{Keys.multiKey(item, attribute, caseSensitive), item});
        }
        Comparator<Object[]> cmp = (x, y) -> PyValues.compare(x[0], y[0]);
        keyed.sort(reverse ? cmp.reversed() : cmp);
        List<Object> out = new ArrayList<>();
        keyed.forEach(k -> out.add(k[1]));
        return out;
    }

    /** Jinja2's unique as Ansible calls it: first occurrences, compared without case unless case_sensitive. */
    static List<Object> unique(List<Object> items, boolean caseSensitive, Object attribute) {
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            Object k = Keys.key(item, attribute, caseSensitive);
            if (seen.stream().noneMatch(s -> PyValues.equal(s, k))) {
                seen.add(k);
                out.add(item);
            }
        }
        return out;
    }

    private static Object reverse(Object v) {
        if (v instanceof CharSequence s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> items = Operands.iterate(v, "reverse");
        Collections.reverse(items);
        return items;
    }

    private static List<Object> batch(Object v, long size, Object fill) {
        if (size <= 0) {
            throw new FilterError("batch(linecount) must be at least 1, got " + size);
        }
        List<Object> out = new ArrayList<>();
        List<Object> cur = new ArrayList<>();
        for (Object item : Operands.iterate(v, "batch")) {
            if (cur.size() == size) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(item);
        }
        if (!cur.isEmpty()) {
            if (fill != null) {
                while (cur.size() < size) {
                    cur.add(fill);
                }
            }
            out.add(cur);
        }
        return out;
    }

    private static List<Object> slice(Object v, long slices, Object fill) {
        List<Object> seq = Operands.iterate(v, "slice");
        if (slices <= 0) {
            throw new FilterError("slice(slices) must be at least 1, got " + slices);
        }
        int n = (int) slices;
        int per = seq.size() / n;
        int extra = seq.size() % n;
        int offset = 0;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = offset + i * per;
            if (i < extra) {
                offset++;
            }
            int end = offset + (i + 1) * per;
            List<Object> part = new ArrayList<>(seq.subList(Math.min(start, seq.size()), Math.min(end, seq.size())));
            if (fill != null && i >= extra) {
                part.add(fill);
            }
            out.add(part);
        }
        return out;
    }

    private static List<Object> dictsort(Object v, boolean caseSensitive, String by, boolean reverse) {
        Map<String, Object> m = Operands.map(v, "dictsort");
        int pos;
        if (by.equals("key")) {
            pos = 0;
        } else if (by.equals("value")) {
            pos = 1;
        } else {
            throw new FilterError("You can only sort by either \"key\" or \"value\"");
        }
        List<Object[]> keyed = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            List<Object> pair = new PyTuple();
            pair.add(e.getKey());
            pair.add(e.getValue());
            keyed.add(new Object[]{Keys.fold(pair.get(pos), caseSensitive), pair});
        }
        Comparator<Object[]> cmp = (x, y) -> PyValues.compare(x[0], y[0]);
        keyed.sort(reverse ? cmp.reversed() : cmp);
        List<Object> out = new ArrayList<>();
        keyed.forEach(k -> out.add(k[1]));
        return out;
    }

    /** Jinja2's groupby: [grouper, items] pairs, sorted by the grouper. */
    private static List<Object> groupby(Object v, Object attribute, Object dflt, boolean caseSensitive) {
        List<Object> sorted = sort(v, false, caseSensitive, attribute);
        List<Object> keys = new ArrayList<>();
        List<List<Object>> members = new ArrayList<>();
        for (Object item : sorted) {
            Object raw = Attributes.get(item, attribute);
            if (raw instanceof Undefined && dflt != null) {
                raw = dflt;
            }
            Object k = Keys.fold(raw, caseSensitive);
            if (!keys.isEmpty() && PyValues.equal(keys.get(keys.size() - 1), k)) {
                members.get(members.size() - 1).add(item);
            } else {
                keys.add(k);
                List<Object> group = new ArrayList<>();
                group.add(item);
                members.add(group);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object grouper = keys.get(i);
            if (!caseSensitive) {
                grouper = Attributes.get(members.get(i).get(0), attribute);
                if (grouper instanceof Undefined && dflt != null) {
                    grouper = dflt;
                }
            }
            out.add(PyTuple.named(List.of("grouper", "list"), grouper, members.get(i)));
        }
        return out;
    }
}
