package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;

/** Ansible's set-like filters on lists (union, intersect, difference, symmetric_difference) and the subset tests. */
final class SetFilters {
    private SetFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("union", (v, a, c) -> {
            List<Object> all = Operands.iterate(v, "union");
            all.addAll(Operands.iterate(a.required(0, "b", "union"), "union"));
            return CollectionFilters.unique(all, true, null);
        });
        b.filter("intersect", (v, a, c) -> intersect(v, a.required(0, "b", "intersect")));
        b.filter("difference", (v, a, c) -> {
            List<Object> other = Operands.iterate(a.required(0, "b", "difference"), "difference");
            List<Object> out = new ArrayList<>();
            for (Object x : Operands.iterate(v, "difference")) {
                if (!in(x, other)) {
                    out.add(x);
                }
            }
            return CollectionFilters.unique(out, true, null);
        });
        b.filter("symmetric_difference", (v, a, c) -> {
            Object other = a.required(0, "b", "symmetric_difference");
            List<Object> both = intersect(v, other);
            List<Object> all = Operands.iterate(v, "symmetric_difference");
            all.addAll(Operands.iterate(other, "symmetric_difference"));
            List<Object> out = new ArrayList<>();
            for (Object x : CollectionFilters.unique(all, true, null)) {
                if (!in(x, both)) {
                    out.add(x);
                }
            }
            return out;
        });
    }

    private static List<Object> intersect(Object a, Object b) {
        List<Object> other = Operands.iterate(b, "intersect");
        List<Object> out = new ArrayList<>();
        for (Object x : Operands.iterate(a, "intersect")) {
            if (in(x, other)) {
                out.add(x);
            }
        }
        return CollectionFilters.unique(out, true, null);
    }

    static boolean in(Object x, List<Object> items) {
        return items.stream().anyMatch(y -> PyValues.equal(x, y));
    }

    /** set(a) <= set(b). */
    static boolean subset(Object a, Object b, String who) {
        List<Object> big = Operands.iterate(b, who);
        return Operands.iterate(a, who).stream().allMatch(x -> in(x, big));
    }
}
