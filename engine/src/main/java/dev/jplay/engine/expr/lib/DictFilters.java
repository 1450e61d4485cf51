package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ansible's dict filters: combine (recursive, list_merge), dict2items, items2dict, extract, subelements. */
final class DictFilters {
    private static final Set<String> LIST_MERGE = Set.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp");

    private DictFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("combine", DictFilters::combine);
        b.filter("dict2items", (v, a, c) -> dict2items(v, PyValues.str(a.get(0, "key_name", "key")), PyValues.str(a.get(1, "value_name", "value"))));
        b.filter("items2dict", (v, a, c) -> items2dict(v, PyValues.str(a.get(0, "key_name", "key")), PyValues.str(a.get(1, "value_name", "value"))));
        b.filter("extract", (v, a, c) -> extract(v, a.required(0, "container", "extract"), a.get(1, "morekeys", null)));
        b.filter("subelements", (v, a, c) -> subelements(v, a.required(0, "subelements", "subelements"),
                PyValues.truthy(a.get(1, "skip_missing", false))));
    }

    private static Object combine(Object v, CallArgs a, CallContext ctx) {
        Object recursiveArg = a.named().getOrDefault("recursive", false);
        String listMerge = PyValues.str(a.named().getOrDefault("list_merge", "replace"));
        for (String k : a.named().keySet()) {
            if (!k.equals("recursive") && !k.equals("list_merge")) {
                throw new FilterError("'recursive' and 'list_merge' are the only valid keyword arguments");
            }
        }
        if (!LIST_MERGE.contains(listMerge)) {
            throw new FilterError("list_merge must be one of replace, keep, append, prepend, append_rp, prepend_rp; got '" + listMerge + "'");
        }
        List<Object> terms = new ArrayList<>();
        terms.add(v);
        terms.addAll(a.positional());
        List<Object> dicts = SequenceFilters.flatten(terms, 1, false);
        for (Object d : dicts) {
            if (d instanceof Undefined u) {
                throw new PyValues.UndefinedError(u);
            }
        }
        if (dicts.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (dicts.size() == 1) {
            return dicts.get(0);
        }
        boolean recursive = PyValues.truthy(recursiveArg);
        Object result = dicts.get(dicts.size() - 1);
        for (int i = dicts.size() - 2; i >= 0; i--) {
            result = merge(dicts.get(i), result, recursive, listMerge);
        }
        return result;
    }

    /** Ansible's merge_hash(x, y): y wins; dicts merged when recursive; lists per list_merge. */
    static Map<String, Object> merge(Object xo, Object yo, boolean recursive, String listMerge) {
        if (!(xo instanceof Map<?, ?>) || !(yo instanceof Map<?, ?>)) {
            throw new FilterError("failed to combine variables, expected dicts but got a '" + PyValues.typeName(xo) + "' and a '"
                    + PyValues.typeName(yo) + "': " + Operands.describe(xo) + ", " + Operands.describe(yo));
        }
        Map<String, Object> x = new LinkedHashMap<>(Operands.map(xo, "combine"));
        Map<String, Object> y = Operands.map(yo, "combine");
        if (x.isEmpty() || PyValues.equal(x, y)) {
            return new LinkedHashMap<>(y);
        }
        for (Map.Entry<String, Object> e : y.entrySet()) {
            String key = e.getKey();
            Object yv = e.getValue();
            if (!x.containsKey(key)) {
                x.put(key, yv);
                continue;
            }
            Object xv = x.get(key);
            if (xv instanceof Map<?, ?> && yv instanceof Map<?, ?>) {
                x.put(key, recursive ? merge(xv, yv, true, listMerge) : yv);
            } else if (xv instanceof List<?> xl && yv instanceof List<?> yl) {
                List<Object> merged = new ArrayList<>();
                switch (listMerge) {
                    case "append" -> {
                        merged.addAll(xl);
                        merged.addAll(yl);
                    }
                    case "prepend" -> {
                        merged.addAll(yl);
                        merged.addAll(xl);
                    }
                    case "append_rp" -> {
                        xl.stream().filter(z -> !SetFilters.in(z, new ArrayList<>(yl))).forEach(merged::add);
                        merged.addAll(yl);
                    }
                    case "prepend_rp" -> {
                        merged.addAll(yl);
                        xl.stream().filter(z -> !SetFilters.in(z, new ArrayList<>(yl))).forEach(merged::add);
                    }
                    case "keep" -> merged.addAll(xl);
                    default -> merged.addAll(yl);
                }
                x.put(key, merged);
            } else {
                x.put(key, yv);
            }
        }
        return x;
    }

    private static List<Object> dict2items(Object v, String keyName, String valueName) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new FilterError("dict2items requires a dictionary, got " + pyClass(v) + " instead.");
        }
        List<Object> out = new ArrayList<>();
        m.forEach((k, x) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, x);
            out.add(item);
        });
        return out;
    }

    private static Map<String, Object> items2dict(Object v, String keyName, String valueName) {
        if (!(v instanceof List<?> l)) {
            throw new FilterError("items2dict requires a list, got " + pyClass(v) + " instead.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : l) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new FilterError("items2dict requires a list of dictionaries, got " + PyValues.repr(v) + " instead.");
            }
            if (!m.containsKey(keyName) || !m.containsKey(valueName)) {
                throw new FilterError("items2dict requires each dictionary in the list to contain the keys '" + keyName + "' and '"
                        + valueName + "', got " + PyValues.repr(v) + " instead.");
            }
            out.put(keyString(m.get(keyName)), m.get(valueName));
        }
        return out;
    }

    /** Dict keys are text in jplay's value model; Python's str() of another key. */
    private static String keyString(Object k) {
        return PyValues.str(k);
    }

    private static Object extract(Object item, Object container, Object morekeys) {
        List<Object> keys = new ArrayList<>();
        keys.add(item);
        if (morekeys instanceof List<?> l) {
            keys.addAll(l);
        } else if (morekeys != null) {
            keys.add(morekeys);
        }
        Object value = container;
        for (Object k : keys) {
            value = getitem(value, k);
            if (value instanceof Undefined) {
                return value;
            }
        }
        return value;
    }

    /** Jinja2's environment.getitem: a dict key, a list index; else Undefined. */
    static Object getitem(Object obj, Object key) {
        if (obj instanceof Map<?, ?> m) {
            Object k = key instanceof CharSequence ? key.toString() : key;
            if (m.containsKey(k)) {
                return m.get(k);
            }
        } else if (obj instanceof List<?> l && Operands.isInt(key)) {
            long i = ((Number) key).longValue();
            if (i < 0) {
                i += l.size();
            }
            if (i >= 0 && i < l.size()) {
                return l.get((int) i);
            }
        }
        return new Undefined(PyValues.str(key), "'" + PyValues.typeName(obj) + " object' has no attribute '" + PyValues.str(key) + "'");
    }

    private static List<Object> subelements(Object obj, Object sub, boolean skipMissing) {
        List<Object> elements;
        if (obj instanceof Map<?, ?> m) {
            elements = new ArrayList<>(m.values());
        } else if (obj instanceof List<?> l) {
            elements = new ArrayList<>(l);
        } else {
            throw new FilterError("obj must be a list of dicts or a nested dict");
        }
        List<Object> path;
        if (sub instanceof List<?> l) {
            path = new ArrayList<>(l);
        } else if (sub instanceof CharSequence s) {
            path = new ArrayList<>(List.of((Object[]) s.toString().split("\\.", -1)));
        } else {
            throw new FilterError("subelements must be a list or a string");
        }
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            Object values = element;
            for (Object key : path) {
                if (!(values instanceof Map<?, ?> vm)) {
                    throw new FilterError("the key " + PyValues.str(key) + " should point to a dictionary, got '" + PyValues.str(values) + "'");
                }
                if (!vm.containsKey(key)) {
                    if (skipMissing) {
                        values = Collections.emptyList();
                        break;
                    }
                    throw new FilterError("could not find " + PyValues.repr(key) + " key in iterated item " + PyValues.repr(values));
                }
                values = vm.get(key);
            }
            if (!(values instanceof List<?> vl)) {
                throw new FilterError("the key " + PyValues.repr(path.get(path.size() - 1)) + " should point to a list, got " + PyValues.repr(values));
            }
            for (Object x : vl) {
                out.add(PyTuple.of(element, x));
            }
        }
        return out;
    }

    /** Python's type(): "<class 'list'>", as Ansible's messages print it. */
    static String pyClass(Object v) {
        return "<class '" + PyValues.typeName(v) + "'>";
    }
}
