package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.lib.CallArgs;
import dev.jplay.engine.expr.lib.CallContext;
import dev.jplay.engine.expr.lib.Filter;
import dev.jplay.engine.expr.lib.FilterError;
import dev.jplay.engine.expr.lib.Lookup;
import dev.jplay.engine.expr.lib.ValueTest;
import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.PyValues.TypeError;
import dev.jplay.engine.expr.value.PyValues.UndefinedError;
import dev.jplay.engine.expr.value.Undefined;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one parsed template (or expression) against one set of variables: Jinja2's evaluation rules
 * over the Python value model, with Ansible's strict-but-chainable undefined. Errors carry the
 * offset of the node that failed. One interpreter serves one render on one thread.
 */
final class Interpreter implements CallContext {
    private final Jinja jinja;
    private final RenderContext ctx;
    private final String src;
    /** The template this interpreter runs, when it is a file (errors in code called from elsewhere name it). */
    private final JinjaTemplate template;
    /** The blocks of this render's template chain ({@code extends}), most derived first. */
    private Layout layout = new Layout();
    /** The template's top-level frame: what a block that is not {@code scoped} sees. */
    private Frame root;
    /** Set once {@code {% extends %}} ran: this template's own output is dropped, its parent renders. */
    private boolean extending;
    /** For a with_* loop, the folder its task's kind looks in first (files, templates, vars). */
    private String lookupSubdir = "files";

    /** Variables assigned in a template or block: a chain of scopes, innermost first. */
    static final class Frame {
        final Map<String, Object> vars = new HashMap<>();
        final Frame parent;

        Frame(Frame parent) {
            this.parent = parent;
        }
    }

    /** {@code namespace()}: the one value a loop body may change for the code after the loop. */
    static final class Namespace extends LinkedHashMap<String, Object> {
    }

    /** An imported template: its top-level macros and variables, read as attributes. */
    static final class TemplateModule extends LinkedHashMap<String, Object> {
    }

    /** {@code loop} inside a for loop; callable in a {@code recursive} loop. */
    static final class Loop extends LinkedHashMap<String, Object> implements JCallable {
        private transient JCallable recurse;

        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs) {
            if (recurse == null) {
                throw new TypeError("the loop is not recursive: write 'recursive' after the loop's list to call loop()");
            }
            return recurse.call(args, kwargs);
        }
    }

    private record Macro(Stmt.Macro def, Frame closure, Interpreter owner) {
    }

    private record BlockRef(Stmt.Block def, Interpreter owner) {
    }

    private static final class Layout {
        final Map<String, List<BlockRef>> blocks = new HashMap<>();
    }

    private static final Variables NO_VARIABLES = new Variables() {
        @Override
        public boolean has(String name) {
            return false;
        }

        @Override
        public Object get(String name) {
            return null;
        }
    };

    Interpreter(Jinja jinja, RenderContext ctx, String src) {
        this.jinja = jinja;
        this.ctx = ctx;
        this.src = src;
        this.template = null;
    }

    Interpreter(Jinja jinja, RenderContext ctx, JinjaTemplate template) {
        this.jinja = jinja;
        this.ctx = ctx;
        this.src = template.source();
        this.template = template;
    }

    /** Renders the whole template: its blocks join the layout, and if it extends another, that one renders with them. */
    void renderTemplate(Frame top, StringBuilder out) {
        root = top;
        collectBlocks(template == null ? List.of() : template.body());
        JinjaTemplate parent = null;
        StringBuilder dropped = new StringBuilder();
        for (Stmt s : template.body()) {
            if (s instanceof Stmt.Extends e) {
                if (parent != null) {
                    throw new ExpressionError(src, e.pos(), "extended multiple times");
                }
                parent = load(eval(e.template(), top), e.pos());
                extending = true;
                continue;
            }
            exec(s, top, extending ? dropped : out);
        }
        if (parent != null) {
            Interpreter p = new Interpreter(jinja, ctx, parent);
            p.layout = layout;
            enter(p, () -> p.renderTemplate(top, out));
        }
    }

    private void collectBlocks(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Block b) {
                List<BlockRef> refs = layout.blocks.computeIfAbsent(b.name(), k -> new ArrayList<>());
                if (refs.stream().anyMatch(r -> r.owner() == this)) {
                    throw new ExpressionError(src, b.pos(), "block '" + b.name() + "' defined twice");
                }
                refs.add(new BlockRef(b, this));
                collectBlocks(b.body());
            } else if (s instanceof Stmt.If i) {
                i.bodies().forEach(this::collectBlocks);
                collectBlocks(i.otherwise());
            } else if (s instanceof Stmt.For fo) {
                collectBlocks(fo.body());
            } else if (s instanceof Stmt.With w) {
                collectBlocks(w.body());
            }
        }
    }

    /** Runs code of another template; an error in it names that template's file and line. */
    private void enter(Interpreter other, Runnable code) {
        if (other == this || other.template == null) {
            code.run();
            return;
        }
        try {
            code.run();
        } catch (ExpressionError e) {
            throw new IncludedTemplateError(other.template, e);
        }
    }

    private JinjaTemplate load(Object nameValue, int pos) {
        List<Object> names = nameValue instanceof List<?> l ? new ArrayList<>(l) : List.of(nameValue);
        for (Object n : names) {
            JinjaTemplate t = ctx.includes() == null ? null : ctx.includes().load(text(n, pos));
            if (t != null) {
                return t;
            }
        }
        throw new ExpressionError(src, pos, "template not found: " + String.join(", ", names.stream().map(PyValues::str).toList()));
    }

    private void block(Stmt.Block b, Frame f, StringBuilder out) {
        if (extending) {
            return;
        }
        List<BlockRef> refs = layout.blocks.get(b.name());
        if (refs == null) {
            refs = List.of(new BlockRef(b, this));
        }
        renderBlock(refs, 0, b.scoped() ? f : null, out);
    }

    /** {@code scope}: the caller's frame when the block is declared {@code scoped} where it is rendered, else null. */
    private void renderBlock(List<BlockRef> refs, int k, Frame scope, StringBuilder out) {
        BlockRef r = refs.get(k);
        if (r.def().required()) {
            throw new ExpressionError(src, r.def().pos(), "Required block '" + r.def().name() + "' not found");
        }
        Frame bf = new Frame(scope != null ? scope : r.owner().root);
        bf.vars.put("super", (JCallable) (args, kw) -> {
            if (k + 1 >= refs.size()) {
                throw new TypeError("there is no parent block called '" + r.def().name() + "'.");
            }
            StringBuilder inner = new StringBuilder();
            renderBlock(refs, k + 1, scope, inner);
            return inner.toString();
        });
        enter(r.owner(), () -> r.owner().render(r.def().body(), bf, out));
    }

    /** {@code {% import %}}: runs the template (its output dropped) and keeps what its top level defines. */
    private TemplateModule importTemplate(Node name, boolean withContext, Frame f, int pos) {
        JinjaTemplate t = load(eval(name, f), pos);
        RenderContext sub = withContext ? ctx : new RenderContext(NO_VARIABLES, ctx.includes(), ctx.searchPath());
        Interpreter in = new Interpreter(jinja, sub, t);
        Frame top = new Frame(null);
        enter(in, () -> in.renderTemplate(top, new StringBuilder()));
        TemplateModule m = new TemplateModule();
        top.vars.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                m.put(k, v);
            }
        });
        return m;
    }

    // ---- statements

    void render(List<Stmt> body, Frame f, StringBuilder out) {
        for (Stmt s : body) {
            exec(s, f, out);
        }
    }

    private void exec(Stmt s, Frame f, StringBuilder out) {
        if (s instanceof Stmt.Text t) {
            out.append(t.text());
        } else if (s instanceof Stmt.Output o) {
            out.append(text(eval(o.expr(), f), o.expr().pos()));
        } else if (s instanceof Stmt.If i) {
            for (int k = 0; k < i.tests().size(); k++) {
                if (truthy(eval(i.tests().get(k), f), i.tests().get(k).pos())) {
                    render(i.bodies().get(k), f, out);
                    return;
                }
            }
            render(i.otherwise(), f, out);
        } else if (s instanceof Stmt.For fo) {
            forLoop(fo, f, out);
        } else if (s instanceof Stmt.Set st) {
            assign(st.target(), eval(st.value(), f), f);
        } else if (s instanceof Stmt.SetBlock sb) {
            StringBuilder inner = new StringBuilder();
            render(sb.body(), new Frame(f), inner);
            Object v = inner.toString();
            if (sb.filter() != null) {
                Frame bf = new Frame(f);
                bf.vars.put("__body__", v);
                v = eval(sb.filter(), bf);
            }
            assign(sb.target(), v, f);
        } else if (s instanceof Stmt.Macro m) {
            f.vars.put(m.name(), new Macro(m, f, this));
        } else if (s instanceof Stmt.CallBlock cb) {
            Stmt.Macro callerDef = new Stmt.Macro("caller", cb.params(), cb.defaults(), cb.body(), cb.pos());
            Object callee = eval(cb.call().callee(), f);
            List<Object> args = new ArrayList<>();
            Map<String, Object> kw = new LinkedHashMap<>();
            evalArgs(cb.call().args(), f, args, kw);
            kw.put("caller", new Macro(callerDef, f, this));
            out.append(text(call(callee, args, kw, cb.pos()), cb.pos()));
        } else if (s instanceof Stmt.Include inc) {
            include(inc, f, out);
        } else if (s instanceof Stmt.FilterBlock fb) {
            StringBuilder inner = new StringBuilder();
            render(fb.body(), new Frame(f), inner);
            Frame bf = new Frame(f);
            bf.vars.put("__body__", inner.toString());
            out.append(text(eval(fb.filter(), bf), fb.pos()));
        } else if (s instanceof Stmt.With w) {
            Frame inner = new Frame(f);
            for (int k = 0; k < w.targets().size(); k++) {
                assign(w.targets().get(k), eval(w.values().get(k), f), inner);
            }
            render(w.body(), inner, out);
        } else if (s instanceof Stmt.Block b) {
            block(b, f, out);
        } else if (s instanceof Stmt.Extends e) {
            throw new ExpressionError(src, e.pos(), "'extends' may only be used at the top level of a template");
        } else if (s instanceof Stmt.Import im) {
            f.vars.put(im.alias(), importTemplate(im.template(), im.withContext(), f, im.pos()));
        } else if (s instanceof Stmt.FromImport fi) {
            TemplateModule m = importTemplate(fi.template(), fi.withContext(), f, fi.pos());
            for (int k = 0; k < fi.names().size(); k++) {
                String n = fi.names().get(k);
                f.vars.put(fi.aliases().get(k), m.containsKey(n) ? m.get(n)
                        : new Undefined(n, "the template " + PyValues.repr(text(eval(fi.template(), f), fi.pos())) + " (imported on line "
                        + line(fi.pos()) + ") does not export the requested name " + PyValues.repr(n)));
            }
        }
    }

    private int line(int offset) {
        return template != null ? template.line(offset) : (int) src.substring(0, Math.min(offset, src.length())).chars().filter(c -> c == '\n').count() + 1;
    }

    private void forLoop(Stmt.For fo, Frame f, StringBuilder out) {
        forLoop(fo, f, out, iterate(eval(fo.iter(), f), fo.iter().pos()), 1);
    }

    private void forLoop(Stmt.For fo, Frame f, StringBuilder out, List<Object> items, long depth) {
        if (fo.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Frame probe = new Frame(f);
                assign(fo.target(), item, probe);
                if (truthy(eval(fo.filter(), probe), fo.filter().pos())) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            render(fo.otherwise(), f, out);
            return;
        }
        int n = items.size();
        Object[] lastChanged = {new Object()};
        for (int k = 0; k < n; k++) {
            Frame inner = new Frame(f);
            Loop loop = new Loop();
            final int index = k;
            loop.put("index", (long) k + 1);
            loop.put("index0", (long) k);
            loop.put("revindex", (long) (n - k));
            loop.put("revindex0", (long) (n - k - 1));
            loop.put("first", k == 0);
            loop.put("last", k == n - 1);
            loop.put("length", (long) n);
            loop.put("depth", depth);
            loop.put("depth0", depth - 1);
            loop.put("previtem", k > 0 ? items.get(k - 1) : new Undefined("loop.previtem", "there is no previous item"));
            loop.put("nextitem", k < n - 1 ? items.get(k + 1) : new Undefined("loop.nextitem", "there is no next item"));
            loop.put("cycle", (JCallable) (args, kw) -> {
                if (args.isEmpty()) {
                    throw new TypeError("no items for cycling given");
                }
                return args.get(index % args.size());
            });
            loop.put("changed", (JCallable) (args, kw) -> {
                boolean changed = !PyValues.equal(lastChanged[0], args);
                lastChanged[0] = args;
                return changed;
            });
            if (fo.recursive()) {
                loop.recurse = (args, kw) -> {
                    if (args.size() != 1) {
                        throw new TypeError("loop() takes the items to loop over, e.g. loop(item.children)");
                    }
                    StringBuilder sub = new StringBuilder();
                    forLoop(fo, f, sub, iterate(args.get(0), fo.pos()), depth + 1);
                    return sub.toString();
                };
            }
            inner.vars.put("loop", loop);
            assign(fo.target(), items.get(k), inner);
            render(fo.body(), inner, out);
        }
    }

    private void include(Stmt.Include inc, Frame f, StringBuilder out) {
        Object nameValue = eval(inc.template(), f);
        List<Object> names = nameValue instanceof List<?> l ? new ArrayList<>(l) : List.of(nameValue);
        for (Object n : names) {
            String name = text(n, inc.pos());
            JinjaTemplate t;
            try {
                t = ctx.includes() == null ? null : ctx.includes().load(name);
            } catch (ExpressionError e) {
                throw e;
            }
            if (t == null) {
                continue;
            }
            RenderContext subCtx = inc.withContext() ? ctx : new RenderContext(NO_VARIABLES, ctx.includes(), ctx.searchPath());
            Interpreter sub = new Interpreter(jinja, subCtx, t);
            Frame top = inc.withContext() ? locals(f) : new Frame(null);
            enter(sub, () -> sub.renderTemplate(top, out));
            return;
        }
        if (!inc.ignoreMissing()) {
            throw new ExpressionError(src, inc.pos(), "template not found: " + String.join(", ", names.stream().map(PyValues::str).toList()));
        }
    }

    /** What an included template sees of the includer's own variables: all but {@code loop}, as in Jinja2. */
    private static Frame locals(Frame f) {
        List<Frame> chain = new ArrayList<>();
        for (Frame fr = f; fr != null; fr = fr.parent) {
            chain.add(0, fr);
        }
        Frame out = new Frame(null);
        chain.forEach(fr -> out.vars.putAll(fr.vars));
        out.vars.remove("loop");
        return out;
    }

    private void assign(Node target, Object value, Frame f) {
        if (target instanceof Node.Name n) {
            f.vars.put(n.name(), value);
        } else if (target instanceof Node.TupleLit t) {
            List<Object> values = iterate(value, t.pos());
            if (values.size() != t.items().size()) {
                throw new ExpressionError(src, t.pos(), (values.size() > t.items().size() ? "too many values to unpack" : "not enough values to unpack")
                        + " (expected " + t.items().size() + ", got " + values.size() + ")");
            }
            for (int k = 0; k < values.size(); k++) {
                assign(t.items().get(k), values.get(k), f);
            }
        } else if (target instanceof Node.GetAttr ga) {
            Object ns = eval(ga.target(), f);
            if (!(ns instanceof Namespace space)) {
                throw new ExpressionError(src, ga.pos(), "cannot assign attribute on non-namespace object");
            }
            space.put(ga.attr(), value);
        } else {
            throw new ExpressionError(src, target.pos(), "cannot assign to this expression");
        }
    }

    // ---- expressions

    Object eval(Node n, Frame f) {
        try {
            return evalNode(n, f);
        } catch (TypeError | FilterError e) {
            throw new ExpressionError(src, n.pos(), e.getMessage());
        } catch (UndefinedError e) {
            throw undefinedError(e.undefined(), n.pos());
        } catch (StackOverflowError e) {
            throw new ExpressionError(src, n.pos(), "the expression nests too deeply (recursion?)");
        }
    }

    ExpressionError undefinedError(Undefined u, int pos) {
        return new ExpressionError(src, pos, u.message(), u.name());
    }

    private Object evalNode(Node n, Frame f) {
        if (n instanceof Node.Const c) {
            return c.value();
        } else if (n instanceof Node.Name nm) {
            return resolve(nm.name(), f);
        } else if (n instanceof Node.ListLit l) {
            List<Object> out = new ArrayList<>(l.items().size());
            for (Node item : l.items()) {
                out.add(eval(item, f));
            }
            return out;
        } else if (n instanceof Node.TupleLit t) {
            List<Object> out = new PyTuple();
            for (Node item : t.items()) {
                out.add(eval(item, f));
            }
            return out;
        } else if (n instanceof Node.DictLit d) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int k = 0; k < d.keys().size(); k++) {
                Object key = eval(d.keys().get(k), f);
                Operators.undefinedCheck(key);
                out.put(key, eval(d.values().get(k), f));
            }
            return out;
        } else if (n instanceof Node.GetAttr ga) {
            return getattr(eval(ga.target(), f), ga.attr(), ga);
        } else if (n instanceof Node.GetItem gi) {
            Object target = eval(gi.target(), f);
            if (gi.key() instanceof Node.Slice s) {
                return slice(target, s, f);
            }
            return getitem(target, eval(gi.key(), f), gi);
        } else if (n instanceof Node.Slice s) {
            throw new ExpressionError(src, s.pos(), "a slice is only valid inside []");
        } else if (n instanceof Node.Call c) {
            Object callee = eval(c.callee(), f);
            List<Object> args = new ArrayList<>();
            Map<String, Object> kw = new LinkedHashMap<>();
            evalArgs(c.args(), f, args, kw);
            return call(callee, args, kw, c.pos());
        } else if (n instanceof Node.FilterCall fc) {
            return filter(fc, f);
        } else if (n instanceof Node.TestCall tc) {
            List<Object> args = new ArrayList<>();
            Map<String, Object> kw = new LinkedHashMap<>();
            Object input = eval(tc.input(), f);
            evalArgs(tc.args(), f, args, kw);
            boolean r = runTest(tc.name(), input, new CallArgs(args, kw));
            return tc.negated() != r;
        } else if (n instanceof Node.Unary u) {
            if (u.op().equals("not")) {
                return !truthy(eval(u.operand(), f), u.pos());
            }
            if (u.op().equals("-")) {
                return Operators.negate(eval(u.operand(), f));
            }
            Object v = eval(u.operand(), f);
            Operators.undefinedCheck(v);
            if (!Operators.isNumber(v)) {
                throw new TypeError("bad operand type for unary +: '" + PyValues.typeName(v) + "'");
            }
            return v instanceof Boolean bo ? (bo ? 1L : 0L) : v;
        } else if (n instanceof Node.Binary b) {
            if (b.op().equals("and")) {
                Object left = eval(b.left(), f);
                return truthy(left, b.pos()) ? eval(b.right(), f) : left;
            }
            if (b.op().equals("or")) {
                Object left = eval(b.left(), f);
                return truthy(left, b.pos()) ? left : eval(b.right(), f);
            }
            return Operators.binary(b.op(), eval(b.left(), f), eval(b.right(), f));
        } else if (n instanceof Node.Compare c) {
            Object left = eval(c.first(), f);
            for (int k = 0; k < c.ops().size(); k++) {
                Object right = eval(c.rest().get(k), f);
                if (!Operators.compare(c.ops().get(k), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        } else if (n instanceof Node.Cond c) {
            if (truthy(eval(c.test(), f), c.pos())) {
                return eval(c.then(), f);
            }
            // without an else, Jinja2's inline if gives a lenient undefined: it prints as nothing (Ansible renders '')
            return c.otherwise() == null ? "" : eval(c.otherwise(), f);
        }
        throw new IllegalStateException("unknown node " + n);
    }

    private void evalArgs(Node.Args a, Frame f, List<Object> args, Map<String, Object> kw) {
        for (Node p : a.positional()) {
            args.add(eval(p, f));
        }
        for (int k = 0; k < a.names().size(); k++) {
            kw.put(a.names().get(k), eval(a.named().get(k), f));
        }
    }

    private Object resolve(String name, Frame f) {
        for (Frame fr = f; fr != null; fr = fr.parent) {
            if (fr.vars.containsKey(name)) {
                return fr.vars.get(name);
            }
        }
        if (ctx.variables().has(name)) {
            return ctx.variables().get(name);
        }
        Object g = global(name);
        return g != null ? g : Undefined.variable(name);
    }

    private Object global(String name) {
        return switch (name) {
            case "range" -> (JCallable) (args, kw) -> range(args);
            case "dict" -> (JCallable) (args, kw) -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                if (!args.isEmpty()) {
                    Object src0 = args.get(0);
                    if (src0 instanceof Map<?, ?> m) {
                        out.putAll(m);
                    } else {
                        for (Object pair : iterate(src0, -1)) {
                            List<Object> p = iterate(pair, -1);
                            if (p.size() != 2) {
                                throw new TypeError("dictionary update sequence element has length " + p.size() + "; 2 is required");
                            }
                            out.put(p.get(0), p.get(1));
                        }
                    }
                }
                out.putAll(kw);
                return out;
            };
            case "namespace" -> (JCallable) (args, kw) -> {
                Namespace ns = new Namespace();
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> ns.put(String.valueOf(k), v));
                }
                ns.putAll(kw);
                return ns;
            };
            case "lookup" -> (JCallable) (args, kw) -> lookup(args, kw, false);
            case "query", "q" -> (JCallable) (args, kw) -> lookup(args, kw, true);
            default -> null;
        };
    }

    private static List<Object> range(List<Object> args) {
        long start = 0;
        long stop;
        long step = 1;
        for (Object a : args) {
            if (!Operators.isInt(a)) {
                throw new TypeError("'" + PyValues.typeName(a) + "' object cannot be interpreted as an integer");
            }
        }
        if (args.size() == 1) {
            stop = Operators.num(args.get(0)).longValue();
        } else if (args.size() == 2 || args.size() == 3) {
            start = Operators.num(args.get(0)).longValue();
            stop = Operators.num(args.get(1)).longValue();
            if (args.size() == 3) {
                step = Operators.num(args.get(2)).longValue();
            }
        } else {
            throw new TypeError("range expected 1 to 3 arguments, got " + args.size());
        }
        if (step == 0) {
            throw new TypeError("range() arg 3 must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long v = start; step > 0 ? v < stop : v > stop; v += step) {
            if (out.size() >= 1_000_000) {
                throw new TypeError("range too big (more than 1000000 items)");
            }
            out.add(v);
        }
        return out;
    }

    Object query(List<Object> args) {
        return lookup(args, new LinkedHashMap<>(), true);
    }

    private Object lookup(List<Object> args, Map<String, Object> kw, boolean asList) {
        if (args.isEmpty() || !(args.get(0) instanceof String name)) {
            throw new TypeError((asList ? "query" : "lookup") + "() needs the lookup's name first, e.g. lookup('env', 'HOME')");
        }
        Lookup l = jinja.library().lookup(name);
        if (l == null) {
            throw new FilterError("lookup plugin (" + name + ") not found");
        }
        Map<String, Object> named = new LinkedHashMap<>(kw);
        boolean wantList = asList || PyValues.truthy(named.remove("wantlist"));
        String errors = named.containsKey("errors") ? PyValues.str(named.remove("errors")) : "strict";
        List<Object> terms = new ArrayList<>(args.subList(1, args.size()));
        for (Object t : terms) {
            Operators.undefinedCheck(t);
        }
        List<Object> ran;
        try {
            ran = l.run(terms, new CallArgs(List.of(), named), this);
        } catch (FilterError | TypeError e) {
            if (errors.equals("ignore") || errors.equals("warn")) {
                return wantList ? new ArrayList<>() : null;
            }
            throw new FilterError("An unhandled exception occurred while running the lookup plugin '" + name + "'. Error was: " + e.getMessage());
        }
        if (wantList) {
            return ran;
        }
        if (ran.stream().allMatch(x -> x instanceof String)) {
            return String.join(",", ran.stream().map(x -> (String) x).toList());
        }
        return ran.size() == 1 ? ran.get(0) : ran;
    }

    private Object call(Object callee, List<Object> args, Map<String, Object> kw, int pos) {
        if (callee instanceof Undefined u) {
            throw undefinedError(u, pos);
        }
        if (callee instanceof JCallable c) {
            return c.call(args, kw);
        }
        if (callee instanceof Macro m) {
            Object[] result = new Object[1];
            enter(m.owner(), () -> result[0] = m.owner().callMacro(m, args, kw));
            return result[0];
        }
        throw new TypeError("'" + PyValues.typeName(callee) + "' object is not callable");
    }

    private Object callMacro(Macro m, List<Object> args, Map<String, Object> kw) {
        Stmt.Macro def = m.def();
        Frame f = new Frame(m.closure());
        List<String> params = def.params();
        int firstDefault = params.size() - def.defaults().size();
        Map<String, Object> extra = new LinkedHashMap<>(kw);
        for (int k = 0; k < params.size(); k++) {
            String p = params.get(k);
            if (k < args.size()) {
                if (extra.containsKey(p)) {
                    throw new TypeError("macro '" + def.name() + "' got multiple values for argument '" + p + "'");
                }
                f.vars.put(p, args.get(k));
            } else if (extra.containsKey(p)) {
                f.vars.put(p, extra.remove(p));
            } else if (k >= firstDefault) {
                f.vars.put(p, eval(def.defaults().get(k - firstDefault), f));
            } else {
                f.vars.put(p, new Undefined(p, "parameter '" + p + "' was not provided"));
            }
        }
        Object caller = extra.remove("caller");
        if (caller != null) {
            f.vars.put("caller", caller);
        }
        f.vars.put("varargs", args.size() > params.size() ? new ArrayList<>(args.subList(params.size(), args.size())) : new ArrayList<>());
        f.vars.put("kwargs", new LinkedHashMap<>(extra));
        StringBuilder out = new StringBuilder();
        render(def.body(), f, out);
        return out.toString();
    }

    private Object filter(Node.FilterCall fc, Frame f) {
        Object input = eval(fc.input(), f);
        List<Object> args = new ArrayList<>();
        Map<String, Object> kw = new LinkedHashMap<>();
        evalArgs(fc.args(), f, args, kw);
        return callFilter(fc.name(), input, new CallArgs(args, kw));
    }

    @Override
    public Object callFilter(String name, Object value, CallArgs args) {
        Filter filter = jinja.filter(name);
        if (filter == null) {
            throw new FilterError("no filter named '" + name + "'");
        }
        if (value instanceof Undefined u && !filter.acceptsUndefined()) {
            throw new UndefinedError(u);
        }
        return filter.apply(value, args, this);
    }

    private boolean runTest(String name, Object value, CallArgs args) {
        return callTest(name, value, args);
    }

    @Override
    public boolean callTest(String name, Object value, CallArgs args) {
        ValueTest t = jinja.test(name);
        if (t == null) {
            throw new FilterError("no test named '" + name + "'");
        }
        return t.test(value, args, this);
    }

    @Override
    public Object variable(String name) {
        return resolve(name, null);
    }

    @Override
    public String renderTemplate(String text, String sourceName) {
        JinjaTemplate t = jinja.compileTemplate(text, sourceName);
        return jinja.renderText(t, ctx);
    }

    /**
     * The controller folders lookups search (each with its files/, templates/ or vars/ first): the
     * render's own, else Ansible's ansible_search_path: the role's folder, then the playbook's.
     */
    @Override
    public List<Path> searchPath() {
        if (!ctx.searchPath().isEmpty()) {
            return ctx.searchPath();
        }
        List<Path> out = new ArrayList<>();
        for (String v : List.of("role_path", "playbook_dir")) {
            if (ctx.variables().has(v) && ctx.variables().get(v) instanceof String dir && !dir.isEmpty()) {
                out.add(Path.of(dir));
            }
        }
        return out;
    }

    @Override
    public String lookupSubdir() {
        return lookupSubdir;
    }

    void lookupSubdir(String subdir) {
        this.lookupSubdir = subdir;
    }

    // ---- value access

    private Object getattr(Object target, String attr, Node where) {
        if (target instanceof Undefined) {
            return target;
        }
        if (target instanceof PyTuple t && t.field(attr, t) != t) {
            return t.field(attr, t);
        }
        JCallable method = target instanceof Namespace || target instanceof TemplateModule || target instanceof Loop ? null
                : Methods.find(target, attr);
        if (method != null) {
            return method;
        }
        if (target instanceof Map<?, ?> m) {
            Object v = m.get(attr);
            if (v != null || m.containsKey(attr)) {
                return v;
            }
        }
        return new Undefined(describe(where), objectRepr(target) + " has no attribute '" + attr + "'");
    }

    private Object getitem(Object target, Object key, Node where) {
        if (target instanceof Undefined) {
            return target;
        }
        Operators.undefinedCheck(key);
        if (target instanceof Map<?, ?> m) {
            Object v = m.get(key);
            if (v != null || m.containsKey(key)) {
                return v;
            }
            if (key instanceof String s) {
                JCallable method = Methods.find(target, s);
                if (method != null) {
                    return method;
                }
            }
        } else if ((target instanceof List<?> || target instanceof String) && Operators.isInt(key)) {
            int size = target instanceof List<?> l ? l.size() : ((String) target).length();
            long i = Operators.num(key).longValue();
            if (i < 0) {
                i += size;
            }
            if (i >= 0 && i < size) {
                return target instanceof List<?> l ? l.get((int) i) : String.valueOf(((String) target).charAt((int) i));
            }
        } else if (key instanceof String s) {
            JCallable method = Methods.find(target, s);
            if (method != null) {
                return method;
            }
        }
        // Jinja2's wording: "'dict object' has no attribute 'x'", "list object has no element 10"
        String hint = key instanceof String s ? objectRepr(target) + " has no attribute '" + s + "'"
                : objectRepr(target).replace("'", "") + " has no element " + PyValues.repr(key);
        return new Undefined(describe(where), hint);
    }

    private Object slice(Object target, Node.Slice s, Frame f) {
        Operators.undefinedCheck(target);
        Object a = s.start() == null ? null : eval(s.start(), f);
        Object b = s.stop() == null ? null : eval(s.stop(), f);
        Object c = s.step() == null ? null : eval(s.step(), f);
        int size;
        if (target instanceof List<?> l) {
            size = l.size();
        } else if (target instanceof String str) {
            size = str.length();
        } else {
            throw new TypeError("'" + PyValues.typeName(target) + "' object is not subscriptable");
        }
        long step = c == null ? 1 : Operators.num(c).longValue();
        if (step == 0) {
            throw new TypeError("slice step cannot be zero");
        }
        long start = bound(a, size, step > 0 ? 0 : size - 1, step);
        long stop = bound(b, size, step > 0 ? size : -1, step);
        List<Object> items = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (target instanceof List<?> l) {
                items.add(l.get((int) i));
            } else {
                sb.append(((String) target).charAt((int) i));
            }
        }
        return target instanceof String ? sb.toString() : items;
    }

    private static long bound(Object v, int size, long fallback, long step) {
        if (v == null) {
            return fallback;
        }
        if (!Operators.isInt(v)) {
            throw new TypeError("slice indices must be integers or None");
        }
        long i = Operators.num(v).longValue();
        if (i < 0) {
            i += size;
            if (i < 0) {
                i = step > 0 ? 0 : -1;
            }
        } else if (i >= size) {
            i = step > 0 ? size : size - 1;
        }
        return i;
    }

    /** The expression as written, for Undefined's name: {@code a.b.c}. */
    private String describe(Node n) {
        if (n instanceof Node.Name nm) {
            return nm.name();
        } else if (n instanceof Node.GetAttr ga) {
            return describe(ga.target()) + "." + ga.attr();
        } else if (n instanceof Node.GetItem gi) {
            return describe(gi.target()) + "[" + (gi.key() instanceof Node.Const c ? PyValues.repr(c.value()) : "...") + "]";
        } else {
            return "expression";
        }
    }

    /** Jinja2's object_type_repr: 'dict object', 'list object', None. */
    private static String objectRepr(Object v) {
        if (v == null) {
            return "'None'";
        }
        return "'" + PyValues.typeName(v) + " object'";
    }

    // ---- conversions

    String text(Object v, int pos) {
        if (v instanceof Undefined u) {
            throw undefinedError(u, pos);
        }
        if (v == null) {
            return ""; // Ansible's finalize: None prints as nothing
        }
        if (v instanceof Macro || v instanceof JCallable) {
            return "<function>";
        }
        try {
            return PyValues.str(v);
        } catch (UndefinedError e) {
            throw undefinedError(e.undefined(), pos);
        }
    }

    boolean truthy(Object v, int pos) {
        if (v instanceof Undefined u) {
            throw undefinedError(u, pos);
        }
        return PyValues.truthy(v);
    }

    static List<Object> iterate(Object v) {
        return iterate(v, -1);
    }

    @SuppressWarnings("unchecked")
    static List<Object> iterate(Object v, int pos) {
        if (v instanceof Undefined u) {
            throw new UndefinedError(u);
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof java.util.Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof String s) {
            List<Object> out = new ArrayList<>(s.length());
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        throw new TypeError("'" + PyValues.typeName(v) + "' object is not iterable");
    }

    static List<Object> pair(Object a, Object b) {
        return Arrays.asList(a, b);
    }
}
