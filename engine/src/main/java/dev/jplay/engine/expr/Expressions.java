package dev.jplay.engine.expr;

import dev.jplay.engine.json.JsonWriter;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code {{ expr }}} in playbook strings, evaluated in FreeMarker's expression language.
 * Parsed expressions are cached, so a task run on many hosts parses once. Thread-safe.
 */
public final class Expressions {
    private static final String PREFIX = "<#assign __jp_v = (";
    private static final String SUFFIX = ")>";

    private final Configuration cfg;
    private final DefaultObjectWrapper wrapper;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    public Expressions() {
        cfg = newConfiguration();
        wrapper = (DefaultObjectWrapper) cfg.getObjectWrapper();
    }

    /** The FreeMarker settings shared by expressions and template files. */
    public static Configuration newConfiguration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        DefaultObjectWrapperBuilder wb = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wb.setUseAdaptersForContainers(true);
        wb.setExposeFields(false);
        c.setObjectWrapper(wb.build());
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setLocale(Locale.ROOT);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setAPIBuiltinEnabled(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        return c;
    }

    public static boolean containsExpression(Object value) {
        if (value instanceof String s) {
            return s.contains("{{");
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

    /** Checks a bare expression's syntax; throws {@link ExpressionError} with the offset of the problem. */
    public void checkExpression(String expr) {
        compile(expr);
    }

    /** Checks every {@code {{ }}} in a string. */
    public void checkTemplated(String s) {
        for (TemplateString.Part p : TemplateString.parse(s)) {
            if (p instanceof TemplateString.Expr e) {
                try {
                    compile(e.expression());
                } catch (ExpressionError err) {
                    throw new ExpressionError(s, e.offset() + Math.max(err.offset(), 0), err.getMessage());
                }
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

    private Template compile(String expr) {
        Template t = cache.get(expr);
        if (t != null) {
            return t;
        }
        if (expr.isBlank()) {
            throw new ExpressionError(expr, 0, "empty expression");
        }
        String jinja = JinjaHints.jinjaFilter(expr);
        if (jinja != null) {
            throw new ExpressionError(expr, expr.indexOf('|'), "'" + expr + "' is Jinja2, but jplay's expressions are FreeMarker's: " + jinja);
        }
        try {
            t = new Template("expr", new StringReader(PREFIX + expr + SUFFIX), cfg);
        } catch (ParseException e) {
            int col = e.getColumnNumber() - PREFIX.length() - 1;
            String msg = e.getEditorMessage() != null ? e.getEditorMessage() : e.getMessage();
            throw new ExpressionError(expr, Math.max(0, Math.min(col, expr.length())),
                    "invalid expression '" + expr + "': " + ParseErrorText.describe(expr, msg, col) + JinjaHints.hintFor(expr));
        } catch (IOException e) {
            throw new ExpressionError(expr, -1, e.getMessage());
        }
        cache.put(expr, t);
        return t;
    }

    /** Evaluates a bare expression to a plain Java value (String, Integer/Long/Double, Boolean, List, Map, or null). */
    public Object evaluate(String expr, VarScope scope) {
        Template t = compile(expr.strip());
        try {
            Environment env = t.createProcessingEnvironment(new ScopeModel(scope, wrapper), Writer.nullWriter());
            env.process();
            TemplateModel v = env.getMainNamespace().get("__jp_v");
            return normalize(v == null ? null : DeepUnwrap.unwrap(v));
        } catch (InvalidReferenceException e) {
            String blamed = stripParens(e.getBlamedExpressionString());
            throw new ExpressionError(expr, -1, (blamed == null ? "undefined value" : "'" + blamed + "' is undefined")
                    + " in '" + expr + "' (give a default with " + (blamed == null ? "x" : blamed) + "!'value', or test it with "
                    + (blamed == null ? "x" : blamed) + "??)" + JinjaHints.hintFor(expr), blamed);
        } catch (ExpressionError e) {
            throw e;
        } catch (TemplateException e) {
            if (e.getCause() instanceof ExpressionError inner) {
                throw inner;
            }
            throw new ExpressionError(expr, -1, "cannot evaluate '" + expr + "': " + firstLine(e.getMessageWithoutStackTop())
                    + JinjaHints.hintFor(expr));
        } catch (IOException e) {
            throw new ExpressionError(expr, -1, e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ExpressionError inner) {
                throw inner;
            }
            throw e;
        }
    }

    /** Renders expressions in a value: a string that is exactly one {@code {{ expr }}} keeps the value's type. */
    public Object render(Object value, VarScope scope) {
        if (value instanceof String s) {
            if (!s.contains("{{")) {
                return s;
            }
            String single = TemplateString.singleExpression(s);
            if (single != null) {
                return evaluate(single, scope);
            }
            StringBuilder sb = new StringBuilder();
            for (TemplateString.Part p : TemplateString.parse(s)) {
                if (p instanceof TemplateString.Literal l) {
                    sb.append(l.text());
                } else {
                    sb.append(toText(evaluate(((TemplateString.Expr) p).expression(), scope)));
                }
            }
            return sb.toString();
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

    /** Evaluates a condition ({@code when}, {@code failed_when}...) with Ansible-like truthiness. */
    public boolean test(String expr, VarScope scope) {
        String e = expr.strip();
        String single = TemplateString.singleExpression(e);
        return Truthiness.isTrue(evaluate(single != null ? single : e, scope));
    }

    /** How a value reads inside a larger string: lists and maps as JSON. */
    public static String toText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return JsonWriter.write(v);
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    static Object normalize(Object v) {
        if (v instanceof BigDecimal bd) {
            try {
                long l = bd.longValueExact();
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
            } catch (ArithmeticException e) {
                return bd.doubleValue();
            }
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 32 ? (Object) bi.intValue() : bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        return v;
    }

    private static String stripParens(String s) {
        String t = s == null ? null : s.strip();
        while (t != null && t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    DefaultObjectWrapper wrapper() {
        return wrapper;
    }

    Configuration configuration() {
        return cfg;
    }

    /** Exposes a {@link VarScope} to FreeMarker, rendering each variable when it is first read. */
    static final class ScopeModel implements freemarker.template.TemplateHashModelEx {
        private final VarScope scope;
        private final DefaultObjectWrapper wrapper;

        ScopeModel(VarScope scope, DefaultObjectWrapper wrapper) {
            this.scope = scope;
            this.wrapper = wrapper;
        }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            if (!scope.has(key)) {
                return null;
            }
            return wrapper.wrap(scope.resolve(key));
        }

        @Override
        public boolean isEmpty() {
            return scope.names().isEmpty();
        }

        @Override
        public int size() {
            return scope.names().size();
        }

        @Override
        public freemarker.template.TemplateCollectionModel keys() throws TemplateModelException {
            return (freemarker.template.TemplateCollectionModel) wrapper.wrap(new ArrayList<>(scope.names()));
        }

        @Override
        public freemarker.template.TemplateCollectionModel values() throws TemplateModelException {
            List<Object> vals = new ArrayList<>();
            for (String k : scope.names()) {
                vals.add(scope.resolve(k));
            }
            return (freemarker.template.TemplateCollectionModel) wrapper.wrap(vals);
        }
    }
}
