package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;

import java.util.List;

/** Jinja2 refuses an unknown filter or test when it compiles a template; so does jplay, at load time. */
final class NameCheck {
    private final Jinja jinja;
    private final String src;

    NameCheck(Jinja jinja, String src) {
        this.jinja = jinja;
        this.src = src;
    }

    void statements(List<Stmt> body) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Text t) {
            } else if (s instanceof Stmt.Output o) {
                node(o.expr());
            } else if (s instanceof Stmt.If i) {
                i.tests().forEach(this::node);
                i.bodies().forEach(this::statements);
                statements(i.otherwise());
            } else if (s instanceof Stmt.For f) {
                node(f.iter());
                if (f.filter() != null) {
                    node(f.filter());
                }
                statements(f.body());
                statements(f.otherwise());
            } else if (s instanceof Stmt.Set st) {
                node(st.value());
            } else if (s instanceof Stmt.SetBlock sb) {
                statements(sb.body());
                if (sb.filter() != null) {
                    node(sb.filter());
                }
            } else if (s instanceof Stmt.Macro m) {
                m.defaults().forEach(this::node);
                statements(m.body());
            } else if (s instanceof Stmt.CallBlock cb) {
                node(cb.call());
                statements(cb.body());
            } else if (s instanceof Stmt.Include inc) {
                node(inc.template());
            } else if (s instanceof Stmt.FilterBlock fb) {
                node(fb.filter());
                statements(fb.body());
            } else if (s instanceof Stmt.With w) {
                w.values().forEach(this::node);
                statements(w.body());
            } else if (s instanceof Stmt.Extends e) {
                node(e.template());
            } else if (s instanceof Stmt.Block b) {
                statements(b.body());
            } else if (s instanceof Stmt.Import im) {
                node(im.template());
            } else if (s instanceof Stmt.FromImport fi) {
                node(fi.template());
            }
        }
    }

    void node(Node n) {
        if (n == null) {
            return;
        }
        if (n instanceof Node.Const c) {
        } else if (n instanceof Node.Name nm) {
        } else if (n instanceof Node.ListLit l) {
            l.items().forEach(this::node);
        } else if (n instanceof Node.TupleLit t) {
            t.items().forEach(this::node);
        } else if (n instanceof Node.DictLit d) {
            d.keys().forEach(this::node);
            d.values().forEach(this::node);
        } else if (n instanceof Node.GetAttr ga) {
            node(ga.target());
        } else if (n instanceof Node.GetItem gi) {
            node(gi.target());
            node(gi.key());
        } else if (n instanceof Node.Slice s) {
            node(s.start());
            node(s.stop());
            node(s.step());
        } else if (n instanceof Node.Call c) {
            node(c.callee());
            args(c.args());
        } else if (n instanceof Node.FilterCall fc) {
            if (jinja.filter(fc.name()) == null) {
                throw new ExpressionError(src, fc.pos(), "no filter named '" + fc.name() + "'");
            }
            node(fc.input());
            args(fc.args());
        } else if (n instanceof Node.TestCall tc) {
            if (jinja.test(tc.name()) == null) {
                throw new ExpressionError(src, tc.pos(), "no test named '" + tc.name() + "'");
            }
            node(tc.input());
            args(tc.args());
        } else if (n instanceof Node.Unary u) {
            node(u.operand());
        } else if (n instanceof Node.Binary b) {
            node(b.left());
            node(b.right());
        } else if (n instanceof Node.Compare c) {
            node(c.first());
            c.rest().forEach(this::node);
        } else if (n instanceof Node.Cond c) {
            node(c.test());
            node(c.then());
            node(c.otherwise());
        }
    }

    private void args(Node.Args a) {
        a.positional().forEach(this::node);
        a.named().forEach(this::node);
    }
}
