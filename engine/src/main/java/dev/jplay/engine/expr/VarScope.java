package dev.jplay.engine.expr;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables one task sees on one host, already merged by precedence. Source values (playbook,
 * inventory and vars-file text) may hold {@code {{ }}} expressions (Ansible's lazy variables); they are
 * rendered when first read, once, and a variable that needs itself is reported as recursive instead of
 * overflowing the stack. Values marked {@link DataValue} (what a host returned, what the run computed,
 * {@code !unsafe} text) are data: they are handed out as they are and never rendered, at any depth.
 * Not thread-safe: one scope serves one task on one host.
 */
public final class VarScope {
    private final Map<String, Object> raw;
    private final Expressions expressions;
    private final Map<String, Object> resolved = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();

    public VarScope(Map<String, Object> raw, Expressions expressions) {
        this.raw = raw;
        this.expressions = expressions;
    }

    public boolean has(String name) {
        return raw.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(raw.keySet());
    }

    /** The unrendered values; run-time values are {@link DataValue}s. */
    public Map<String, Object> raw() {
        return Collections.unmodifiableMap(raw);
    }

    public Expressions expressions() {
        return expressions;
    }

    /** The variable's value with its expressions rendered; null when undefined or null. */
    public Object resolve(String name) {
        if (resolved.containsKey(name)) {
            return resolved.get(name);
        }
        Object value = raw.get(name);
        if (value instanceof DataValue d) {
            return d.value();
        }
        if (!DataValue.holdsExpression(value)) {
            return DataValue.plain(value);
        }
        if (resolving.contains(name)) {
            throw new ExpressionError(String.valueOf(value), -1, "variable '" + name + "' is defined in terms of itself: "
                    + chain() + " -> " + name);
        }
        resolving.push(name);
        try {
            Object v = render(value);
            resolved.put(name, v);
            return v;
        } catch (ExpressionError e) {
            if (e.getMessage().startsWith("variable '") || e.getMessage().startsWith("in variable '")) {
                throw e;
            }
            throw new ExpressionError(e.source(), e.offset(), "in variable '" + name + "': " + e.getMessage(), e.undefinedVariable());
        } finally {
            resolving.pop();
        }
    }

    /**
     * Renders the expressions of a source value in this scope (task options, keywords); the data parts
     * of it (a {@code !unsafe} string inside) come out as plain values, unrendered. The result is plain.
     */
    public Object render(Object value) {
        if (value instanceof DataValue d) {
            return d.value();
        }
        if (value instanceof String s) {
            return Expressions.containsExpression(s) ? expressions.render(s, this) : s;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), render(v)));
            return out;
        }
        if (value instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(v -> out.add(render(v)));
            return out;
        }
        return value;
    }

    private String chain() {
        java.util.List<String> names = new java.util.ArrayList<>(resolving);
        Collections.reverse(names);
        return String.join(" -> ", names);
    }

    /** A new scope with these run-time values on top (loop items, a registered result), each kept as data. */
    public VarScope withData(Map<String, ?> overlay) {
        return with(DataValue.all(overlay));
    }

    /** A new scope with these source variables on top (task vars, extra vars); they are rendered when read. */
    public VarScope with(Map<String, Object> overlay) {
        Map<String, Object> m = new LinkedHashMap<>(raw);
        m.putAll(overlay);
        return new VarScope(m, expressions);
    }

    /**
     * A read-only map of the variables, each rendered when it is read; an error in one variable
     * surfaces only when that one is read. {@code hostvars['web1']} is such a view.
     */
    public Map<String, Object> lazyView() {
        return new java.util.AbstractMap<>() {
            @Override
            public Object get(Object key) {
                return key instanceof String k && has(k) ? resolve(k) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return key instanceof String k && has(k);
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                Set<Entry<String, Object>> out = new java.util.LinkedHashSet<>();
                for (String k : raw.keySet()) {
                    out.add(new SimpleImmutableEntry<>(k, resolve(k)));
                }
                return out;
            }
        };
    }

    /** Every variable rendered; for the template module and debug of hostvars. Cost grows with the number of variables. */
    public Map<String, Object> renderedView() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : raw.keySet()) {
            m.put(k, resolve(k));
        }
        return m;
    }
}
