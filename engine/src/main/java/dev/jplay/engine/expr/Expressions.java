package dev.jplay.engine.expr;

import dev.jplay.engine.expr.jinja.Jinja;
import dev.jplay.engine.expr.jinja.JinjaTemplate;
import dev.jplay.engine.expr.jinja.RenderContext;
import dev.jplay.engine.expr.jinja.Variables;
import dev.jplay.engine.expr.lib.Library;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;
import dev.jplay.engine.json.JsonWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{ }}} in playbook strings and bare conditions, in Jinja2 with Ansible's rules: strings are
 * templates, a rendered string that reads as a list, dict or bool becomes one, a variable that is
 * just {@code {{ name }}} keeps its number or bool, undefined variables are errors naming them.
 * Compiled strings are cached, so a task run on many hosts parses once. Thread-safe.
 */
public final class Expressions {
    /** Ansible's SINGLE_VAR: {@code {{ name }}} alone (Python's $ also matches before a final newline). */
    private static final Pattern SINGLE_VAR = Pattern.compile("^\\{\\{\\s*(\\w*)\\s*}}\\n?$");

    private final Jinja jinja;

    public Expressions() {
        this(Library.standard());
    }

    public Expressions(Library library) {
        this.jinja = new Jinja(library);
    }

    public Jinja jinja() {
        return jinja;
    }

    /** True for a string Ansible would template (it holds {{, {% or {#), or a list/map holding one. */
    public static boolean containsExpression(Object value) {
        if (value instanceof String s) {
            return Jinja.isPossiblyTemplate(s);
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                if (containsExpression(v)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof List<?> l) {
            for (Object v : l) {
                if (containsExpression(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Checks a bare expression's syntax and names; throws {@link ExpressionError} with the offset of the problem. */
    public void checkExpression(String expr) {
        try {
            jinja.compileExpression(expr.strip());
        } catch (ExpressionError e) {
            throw new ExpressionError(e.source(), e.offset(), "invalid expression '" + expr.strip() + "': " + e.getMessage());
        }
    }

    /** Checks a templated string. */
    public void checkTemplated(String s) {
        if (Jinja.isPossiblyTemplate(s)) {
            try {
                jinja.compileString(s);
            } catch (ExpressionError e) {
                throw new ExpressionError(e.source(), e.offset(), "template error in '" + s + "': " + e.getMessage());
            }
        }
    }

    /** Checks expressions inside any value (strings in lists and maps too). */
    public void checkValue(Object value) {
        if (value instanceof String s) {
            checkTemplated(s);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::checkValue);
        } else if (value instanceof List<?> l) {
            l.forEach(this::checkValue);
        }
    }

    /** Evaluates a bare expression to a plain value (String, Long/Integer, Double, Boolean, List, Map, or null); undefined is an error. */
    public Object evaluate(String expr, VarScope scope) {
        Object v = jinja.evaluate(jinja.compileExpression(expr.strip()), context(scope));
        if (v instanceof Undefined u) {
            throw new ExpressionError(expr, -1, u.message(), u.name());
        }
        return v;
    }

    /** Whether a bare expression is defined ({@code expr is defined}), for debug var= and the like. */
    public boolean isDefined(String expr, VarScope scope) {
        try {
            return !(jinja.evaluate(jinja.compileExpression(expr.strip()), context(scope)) instanceof Undefined);
        } catch (ExpressionError e) {
            if (e.undefinedVariable() != null) {
                return false;
            }
            throw e;
        }
    }

    /** Renders a value as Ansible's templar does: strings are templates; lists and maps are rendered item by item. */
    public Object render(Object value, VarScope scope) {
        if (value instanceof String s) {
            if (!Jinja.isPossiblyTemplate(s)) {
                return s;
            }
            Matcher single = SINGLE_VAR.matcher(s);
            if (single.matches() && scope.has(single.group(1))) {
                Object v = scope.raw().get(single.group(1)); // the variable as written, not rendered: "{{ n }}" stays a string
                if (v instanceof DataValue d) {
                    v = d.value(); // a loop item or registered number is still a number
                }
                if (v == null || v instanceof Boolean || v instanceof Number) {
                    return v;
                }
            }
            return jinja.renderValue(jinja.compileString(s), context(scope));
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), render(v, scope)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(render(v, scope)));
            return out;
        }
        return value;
    }

    /**
     * A task's loop: the rendered {@code loop:} value, or for a {@code with_<name>:} form the items of
     * Ansible's lookup of that name over the rendered terms (a string or single value is one term).
     */
    public Object renderLoop(Object loop, VarScope scope) {
        if (!(loop instanceof LoopLookup ll)) {
            return render(loop, scope);
        }
        Object t = render(ll.terms(), scope);
        List<Object> terms = new ArrayList<>();
        if (t instanceof List<?> l) {
            terms.addAll(l);
        } else {
            terms.add(t);
        }
        return jinja.query(ll.lookup(), terms, ll.subdir(), context(scope));
    }

    /** Renders a string to text without turning it into a list, dict or bool (Ansible's convert_data=False). */
    public String renderText(String s, VarScope scope) {
        return Jinja.isPossiblyTemplate(s) ? jinja.renderText(jinja.compileString(s), context(scope)) : s;
    }

    /**
     * A condition ({@code when}, {@code failed_when}, {@code changed_when}, {@code until}, {@code assert that}),
     * as Ansible's Conditional evaluates it: a templated condition is rendered first; a string result is
     * then evaluated as a bare expression, anything else by its truth.
     */
    public boolean test(String expr, VarScope scope) {
        String e = expr.strip();
        if (Jinja.isPossiblyTemplate(e)) {
            Object v = render(e, scope);
            if (!(v instanceof String s) || s.isEmpty()) {
                return PyValues.truthy(v);
            }
            e = s.strip();
        }
        if (e.isEmpty()) {
            return false;
        }
        Object v = jinja.evaluate(jinja.compileExpression(e), context(scope));
        return Jinja.truthy(v, e);
    }

    /** How a value reads in a message or a command line: Python's str() for scalars, JSON for lists and maps. */
    public static String toText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return JsonWriter.write(v);
        }
        return PyValues.str(v);
    }

    private RenderContext context(VarScope scope) {
        return new RenderContext(new ScopeVariables(scope), null, List.<Path>of());
    }

    /** A {@link VarScope} as the names a template sees: each variable rendered when first read. */
    private record ScopeVariables(VarScope scope) implements Variables {
        @Override
        public boolean has(String name) {
            return scope.has(name);
        }

        @Override
        public Object get(String name) {
            return scope.resolve(name);
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
