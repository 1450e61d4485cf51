package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lookups behind with_items, with_list, with_dict, with_indexed_items, with_together, with_nested, with_subelements, with_random_choice. */
final class ListLookups {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ListLookups() {
    }

    static void register(Library.Builder b) {
        b.lookup("items", (terms, a, c) -> flatten(terms));
        b.lookup("list", (terms, a, c) -> new ArrayList<>(terms));
        b.lookup("dict", (terms, a, c) -> {
            List<Object> out = new ArrayList<>();
            for (Object t : terms) {
                if (!(t instanceof Map<?, ?> m)) {
                    throw new FilterError("with_dict expects a dict, got " + Operands.describe(t));
                }
                m.forEach((k, v) -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("key", k);
                    item.put("value", v);
                    out.add(item);
                });
            }
            return out;
        });
        b.lookup("indexed_items", (terms, a, c) -> {
            List<Object> items = flatten(terms);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(PyTuple.of((long) i, items.get(i)));
            }
            return out;
        });
        b.lookup("together", (terms, a, c) -> {
            if (terms.isEmpty()) {
                throw new FilterError("with_together requires at least one element in each list");
            }
            List<List<Object>> lists = new ArrayList<>();
            for (Object t : terms) {
                lists.add(Operands.iterate(t, "with_together"));
            }
            int n = lists.stream().mapToInt(List::size).max().orElse(0);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Object> row = new ArrayList<>();
                for (List<Object> l : lists) {
                    row.add(i < l.size() ? l.get(i) : null);
                }
                out.add(flatten(row));
            }
            return out;
        });
        b.lookup("nested", (terms, a, c) -> {
            if (terms.isEmpty()) {
                throw new FilterError("with_nested requires at least one element in the nested list");
            }
            List<Object> result = Operands.iterate(terms.get(0), "with_nested");
            for (Object next : terms.subList(1, terms.size())) {
                List<Object> combined = new ArrayList<>();
                for (Object x : result) {
                    for (Object y : Operands.iterate(next, "with_nested")) {
                        combined.add(flatten(Arrays.asList(x, y)));
                    }
                }
                result = combined;
            }
            List<Object> out = new ArrayList<>();
            for (Object x : result) {
                // LookupBase._flatten of a lone string iterates its characters, as Ansible does
                if (!(x instanceof List<?> || Operands.iterable(x))) {
                    throw new PyValues.TypeError("'" + PyValues.typeName(x) + "' object is not iterable");
                }
                out.add(x instanceof List<?> l ? flatten(l) : Operands.iterate(x, "with_nested"));
            }
            return out;
        });
        b.lookup("subelements", ListLookups::subelements);
        b.lookup("random_choice", (terms, a, c) -> terms.isEmpty() ? new ArrayList<>(terms)
                : new ArrayList<>(Arrays.asList(terms.get(RANDOM.nextInt(terms.size())))));
    }

    /** Ansible's LookupBase._flatten: lists opened one level. */
    static List<Object> flatten(List<?> terms) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            if (t instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Object> subelements(List<Object> terms, CallArgs a, CallContext ctx) {
        String expects = "subelements lookup expects a list of two or three items, ";
        if (terms.size() < 2 || terms.size() > 3) {
            throw new FilterError(expects);
        }
        if (!(terms.get(0) instanceof List<?> || terms.get(0) instanceof Map<?, ?>) || !(terms.get(1) instanceof CharSequence)) {
            throw new FilterError(expects + "first a dict or a list, second a string pointing to the subkey");
        }
        List<String> keys = Arrays.asList(terms.get(1).toString().split("\\.", -1));
        List<Object> elements;
        if (terms.get(0) instanceof Map<?, ?> m) {
            if (m.containsKey("skipped") && !Boolean.FALSE.equals(m.get("skipped"))) {
                return new ArrayList<>();
            }
            elements = new ArrayList<>(m.values());
        } else {
            elements = new ArrayList<>((List<?>) terms.get(0));
        }
        Object flagsArg = terms.size() == 3 ? terms.get(2) : Map.of();
        if (!(flagsArg instanceof Map<?, ?> flags) || !flags.keySet().stream().allMatch("skip_missing"::equals)) {
            throw new FilterError(expects + "the optional third item must be a dict with flags ('skip_missing',)");
        }
        boolean skipMissing = TypeFilters.toBool(flags.get("skip_missing")) == Boolean.TRUE;
        List<Object> out = new ArrayList<>();
        for (Object item : elements) {
            if (!(item instanceof Map<?, ?> im)) {
                throw new FilterError("subelements lookup expects a dictionary, got '" + PyValues.str(item) + "'");
            }
            if (im.containsKey("skipped") && !Boolean.FALSE.equals(im.get("skipped"))) {
                continue;
            }
            // Ansible pops the list out of the item: the pair's first element no longer holds it
            Map<String, Object> copy = deepCopy(Operands.map(im, "subelements"));
            Map<String, Object> sub = copy;
            List<?> sublist = List.of();
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                boolean last = k == keys.size() - 1;
                if (!sub.containsKey(key)) {
                    if (skipMissing) {
                        continue;
                    }
                    throw new FilterError("could not find '" + key + "' key in iterated item '" + PyValues.str(sub) + "'");
                }
                if (!last) {
                    if (!(sub.get(key) instanceof Map<?, ?>)) {
                        if (skipMissing) {
                            continue;
                        }
                        throw new FilterError("the key " + key + " should point to a dictionary, got '" + PyValues.str(sub.get(key)) + "'");
                    }
                    sub = Operands.map(sub.get(key), "subelements");
                } else {
                    if (!(sub.get(key) instanceof List<?> l)) {
                        throw new FilterError("the key " + key + " should point to a list, got '" + PyValues.str(sub.get(key)) + "'");
                    }
                    sublist = l;
                    sub.remove(key);
                }
            }
            for (Object x : sublist) {
                out.add(PyTuple.of(copy, x));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> vm ? deepCopy((Map<String, Object>) vm) : v));
        return out;
    }
}
