package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.lib.Filter;
import dev.jplay.engine.expr.lib.Library;
import dev.jplay.engine.expr.lib.ValueTest;
import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.Undefined;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jplay's Jinja2: compiles playbook strings, template files and bare expressions, and renders them
 * with Ansible's rules (strict undefined, trim_blocks, trailing newlines kept, the non-native
 * result conversion). Compiled strings and expressions are cached. Thread-safe.
 */
public final class Jinja {
    static final String OVERRIDE = "#jinja2:";
    /** Ansible's STRING_TYPE_FILTERS: their result, when it is the whole template, stays a string. */
    private static final java.util.Set<String> STRING_FILTERS = java.util.Set.of("string", "to_json", "to_nice_json", "to_yaml",
            "to_nice_yaml", "ppretty", "json");
    private static final int CACHE_LIMIT = 20_000;

    private final Library library;
    private final Map<String, JinjaTemplate> strings = new ConcurrentHashMap<>();
    private final Map<String, JinjaTemplate> expressions = new ConcurrentHashMap<>();

    public Jinja(Library library) {
        this.library = library;
    }

    public Library library() {
        return library;
    }

    Filter filter(String name) {
        Filter f = library.filter(name);
        return f != null ? f : LanguageBuiltins.filter(name);
    }

    ValueTest test(String name) {
        ValueTest t = library.test(name);
        return t != null ? t : LanguageBuiltins.test(name);
    }

    /** Ansible's is_possibly_template: the string holds a start delimiter. */
    public static boolean isPossiblyTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /** A string from a playbook, vars file or inventory: backslashes in {{ }} string literals are literal, as in Ansible. */
    public JinjaTemplate compileString(String s) {
        JinjaTemplate t = strings.get(s);
        if (t == null) {
            t = compile(s, "<string>", true);
            if (strings.size() < CACHE_LIMIT) {
                strings.put(s, t);
            }
        }
        return t;
    }

    /** A template file's text; errors carry offsets into the text after its #jinja2: line. */
    public JinjaTemplate compileTemplate(String text, String name) {
        return compile(text, name, false);
    }

    /** A bare expression, as {@code when:} holds: one output of the expression. */
    public JinjaTemplate compileExpression(String expr) {
        JinjaTemplate t = expressions.get(expr);
        if (t != null) {
            return t;
        }
        if (expr.isBlank()) {
            throw new ExpressionError(expr, 0, "empty expression");
        }
        Node n = new Parser(expr, new Lexer(expr, Syntax.ANSIBLE, false).tokenizeExpression()).bareExpression();
        new NameCheck(this, expr).node(n);
        t = new JinjaTemplate("<expression>", expr, List.of(new Stmt.Output(n, 0)), Syntax.ANSIBLE, 0);
        if (expressions.size() < CACHE_LIMIT) {
            expressions.put(expr, t);
        }
        return t;
    }

    private JinjaTemplate compile(String data, String name, boolean playbookString) {
        Syntax syntax = Syntax.ANSIBLE;
        int header = 0;
        if (data.startsWith(OVERRIDE)) {
            int eol = data.indexOf('\n');
            String line = data.substring(OVERRIDE.length(), eol < 0 ? data.length() : eol);
            data = eol < 0 ? "" : data.substring(eol + 1);
            header = 1;
            for (String pair : line.split(",")) {
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    throw new ExpressionError(line, 0, "failed to parse jinja2 override '" + pair.strip()
                            + "'. Did you use something different from colon as key-value separator?");
                }
                String key = pair.substring(0, colon).strip();
                Object value = LiteralEval.eval(pair.substring(colon + 1).strip())
                        .orElseThrow(() -> new ExpressionError(line, 0, "jinja2 override " + key + ": the value is not a Python literal"));
                try {
                    syntax = syntax.with(key, value);
                } catch (IllegalArgumentException e) {
                    throw new ExpressionError(line, 0, e.getMessage());
                }
            }
        }
        List<Stmt> body = new Parser(data, new Lexer(data, syntax, playbookString).tokenize()).template();
        new NameCheck(this, data).statements(body);
        return new JinjaTemplate(name, data, body, syntax, header);
    }

    /** Renders to text, keeping the source's trailing newlines (Jinja2 drops one, Ansible puts them back). */
    public String renderText(JinjaTemplate t, RenderContext ctx) {
        Interpreter in = new Interpreter(this, ctx, t);
        StringBuilder out = new StringBuilder();
        in.renderTemplate(new Interpreter.Frame(null), out);
        int want = trailingNewlines(t.source());
        int have = trailingNewlines(out);
        for (int k = have; k < want; k++) {
            out.append(t.syntax().newline());
        }
        return out.toString();
    }

    /**
     * Ansible's non-native rendering of a playbook string: the text, turned back into a list, dict or
     * bool when it reads as one ({@code "{{ [1, 2] }}"} is a list, {@code "{{ l | length }}"} the string "3").
     */
    public Object renderValue(JinjaTemplate t, RenderContext ctx) {
        if (t.singleOutput()) {
            Stmt.Output o = (Stmt.Output) t.body().get(0);
            Interpreter in = new Interpreter(this, ctx, t.source());
            Object v = in.eval(o.expr(), new Interpreter.Frame(null));
            if (v instanceof Boolean || v instanceof List<?> && !(v instanceof PyTuple) || v instanceof Map<?, ?>) {
                PyValues.str(v); // an Undefined inside is an error, as rendering it would be
                return v;
            }
            String text = in.text(v, o.expr().pos());
            text = text + "\n".repeat(Math.max(0, trailingNewlines(t.source()) - trailingNewlines(text)));
            if (o.expr() instanceof Node.FilterCall fc && STRING_FILTERS.contains(shortName(fc.name()))) {
                return text;
            }
            return convert(text);
        }
        return convert(renderText(t, ctx));
    }

    /** A bare expression's value, Undefined included (for tests such as {@code is defined} made by the caller). */
    public Object evaluate(JinjaTemplate expr, RenderContext ctx) {
        Stmt.Output o = (Stmt.Output) expr.body().get(0);
        return new Interpreter(this, ctx, expr.source()).eval(o.expr(), new Interpreter.Frame(null));
    }

    /** {@code query(name, *terms)}: a lookup's items, for the with_* loops. */
    public List<Object> query(String lookup, List<Object> terms, String subdir, RenderContext ctx) {
        Interpreter in = new Interpreter(this, ctx, "with_" + lookup);
        in.lookupSubdir(subdir);
        List<Object> args = new java.util.ArrayList<>();
        args.add(lookup);
        args.addAll(terms);
        try {
            @SuppressWarnings("unchecked")
            List<Object> out = (List<Object>) in.query(args);
            return out;
        } catch (dev.jplay.engine.expr.lib.FilterError | PyValues.TypeError e) {
            throw new ExpressionError("with_" + lookup, -1, e.getMessage());
        } catch (PyValues.UndefinedError e) {
            throw new ExpressionError("with_" + lookup, -1, e.undefined().message(), e.undefined().name());
        }
    }

    /** Python's truth of a value; an Undefined is an error naming it. */
    public static boolean truthy(Object v, String source) {
        if (v instanceof Undefined u) {
            throw new ExpressionError(source, -1, u.message(), u.name());
        }
        return PyValues.truthy(v);
    }

    private static String shortName(String filter) {
        return filter.substring(filter.lastIndexOf('.') + 1);
    }

    static Object convert(String out) {
        if (out.startsWith("{") || out.startsWith("[") || out.equals("True") || out.equals("False")) {
            return LiteralEval.eval(out).orElse(out);
        }
        return out;
    }

    private static int trailingNewlines(CharSequence s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\n'; i--) {
            n++;
        }
        return n;
    }
}
