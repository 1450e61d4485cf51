package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;

/** Ansible's list builders: flatten, zip, zip_longest, product, permutations, combinations. */
final class SequenceFilters {
    private SequenceFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("flatten", (v, a, c) -> flatten(Operands.iterate(v, "flatten"), levels(a.get(0, "levels", null)),
                PyValues.truthy(a.get(1, "skip_nulls", true))));
        b.filter("zip", (v, a, c) -> zip(v, a, false));
        b.filter("zip_longest", (v, a, c) -> zip(v, a, true));
        b.filter("product", (v, a, c) -> {
            List<List<Object>> pools = new ArrayList<>();
            pools.add(Operands.iterate(v, "product"));
            for (Object o : a.positional()) {
                pools.add(Operands.iterate(o, "product"));
            }
            long repeat = Operands.integer(a.named().getOrDefault("repeat", 1L), "product(repeat)");
            List<List<Object>> all = new ArrayList<>();
            for (long r = 0; r < repeat; r++) {
                all.addAll(pools);
            }
            List<Object> out = new ArrayList<>();
            out.add(new ArrayList<>());
            for (List<Object> pool : all) {
                List<Object> next = new ArrayList<>();
                for (Object prefix : out) {
                    for (Object x : pool) {
                        List<Object> t = new PyTuple((List<?>) prefix);
                        t.add(x);
                        next.add(t);
                    }
                }
                out = next;
            }
            return out;
        });
        b.filter("permutations", (v, a, c) -> {
            List<Object> pool = Operands.iterate(v, "permutations");
            Object r = a.get(0, "r", null);
            List<Object> out = new ArrayList<>();
            permute(pool, r == null ? pool.size() : (int) Operands.integer(r, "permutations(r)"), new ArrayList<>(), new boolean[pool.size()], out);
            return out;
        });
        b.filter("combinations", (v, a, c) -> {
            List<Object> pool = Operands.iterate(v, "combinations");
            List<Object> out = new ArrayList<>();
            combine(pool, (int) Operands.integer(a.required(0, "r", "combinations"), "combinations(r)"), 0, new ArrayList<>(), out);
            return out;
        });
    }

    private static Integer levels(Object v) {
        return v == null ? null : (int) Operands.integer(v, "flatten(levels)");
    }

    /** Ansible's flatten: nested lists opened (to levels), None and 'None'/'null' dropped unless skip_nulls=False. */
    static List<Object> flatten(List<Object> items, Integer levels, boolean skipNulls) {
        List<Object> out = new ArrayList<>();
        for (Object e : items) {
            if (skipNulls && (e == null || "None".equals(e) || "null".equals(e))) {
                continue;
            }
            if (e instanceof List<?> l) {
                if (levels == null) {
                    out.addAll(flatten(new ArrayList<>(l), null, skipNulls));
                } else if (levels >= 1) {
                    out.addAll(flatten(new ArrayList<>(l), levels - 1, skipNulls));
                } else {
                    out.add(e);
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Object> zip(Object v, CallArgs a, boolean longest) {
        String who = longest ? "zip_longest" : "zip";
        List<List<Object>> lists = new ArrayList<>();
        lists.add(Operands.iterate(v, who));
        for (Object o : a.positional()) {
            lists.add(Operands.iterate(o, who));
        }
        Object fill = a.named().get("fillvalue");
        int n = longest ? lists.stream().mapToInt(List::size).max().orElse(0) : lists.stream().mapToInt(List::size).min().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> t = new PyTuple();
            for (List<Object> l : lists) {
                t.add(i < l.size() ? l.get(i) : fill);
            }
            out.add(t);
        }
        return out;
    }

    private static void permute(List<Object> pool, int r, List<Object> cur, boolean[] used, List<Object> out) {
        if (cur.size() == r) {
            out.add(new PyTuple(cur));
            return;
        }
        for (int i = 0; i < pool.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                cur.add(pool.get(i));
                permute(pool, r, cur, used, out);
                cur.remove(cur.size() - 1);
                used[i] = false;
            }
        }
    }

    private static void combine(List<Object> pool, int r, int from, List<Object> cur, List<Object> out) {
        if (cur.size() == r) {
            out.add(new PyTuple(cur));
            return;
        }
        for (int i = from; i < pool.size(); i++) {
            cur.add(pool.get(i));
            combine(pool, r, i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }
}
