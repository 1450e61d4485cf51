package dev.jplay.engine.expr.jinja;

import java.util.List;

/** A statement of a template body; {@code pos} is the offset of its tag, for errors. */
sealed interface Stmt {
    int pos();

    record Text(String text, int pos) implements Stmt {
    }

    record Output(Node expr, int pos) implements Stmt {
    }

    record If(List<Node> tests, List<List<Stmt>> bodies, List<Stmt> otherwise, int pos) implements Stmt {
    }

    record For(Node target, Node iter, Node filter, List<Stmt> body, List<Stmt> otherwise, boolean recursive, int pos) implements Stmt {
    }

    record Set(Node target, Node value, int pos) implements Stmt {
    }

    record SetBlock(Node target, List<Stmt> body, Node.FilterCall filter, int pos) implements Stmt {
    }

    record Macro(String name, List<String> params, List<Node> defaults, List<Stmt> body, int pos) implements Stmt {
    }

    record CallBlock(Node.Call call, List<String> params, List<Node> defaults, List<Stmt> body, int pos) implements Stmt {
    }

    record Include(Node template, boolean ignoreMissing, boolean withContext, int pos) implements Stmt {
    }

    /** {@code {% filter f %}...{% endfilter %}}: the body's output is the filter chain's input (a Name "__body__" in it). */
    record FilterBlock(Node filter, List<Stmt> body, int pos) implements Stmt {
    }

    record With(List<Node> targets, List<Node> values, List<Stmt> body, int pos) implements Stmt {
    }

    /** {@code {% extends 'base.j2' %}}: the rest of this template only defines blocks for the parent. */
    record Extends(Node template, int pos) implements Stmt {
    }

    record Block(String name, List<Stmt> body, boolean scoped, boolean required, int pos) implements Stmt {
    }

    /** {@code {% import 'x' as m %}}: the template's top-level macros and variables as one value. */
    record Import(Node template, String alias, boolean withContext, int pos) implements Stmt {
    }

    /** {@code {% from 'x' import a, b as c %}}. */
    record FromImport(Node template, List<String> names, List<String> aliases, boolean withContext, int pos) implements Stmt {
    }
}
