package dev.jplay.engine.expr.jinja;

import java.util.List;

/** An expression of the Jinja2 language; {@code pos} is the offset in the source, for errors. */
sealed interface Node {
    int pos();

    record Const(Object value, int pos) implements Node {
    }

    record Name(String name, int pos) implements Node {
    }

    record ListLit(List<Node> items, int pos) implements Node {
    }

    /** A tuple literal: a list in the value model, but also an assignment target. */
    record TupleLit(List<Node> items, int pos) implements Node {
    }

    record DictLit(List<Node> keys, List<Node> values, int pos) implements Node {
    }

    record GetAttr(Node target, String attr, int pos) implements Node {
    }

    record GetItem(Node target, Node key, int pos) implements Node {
    }

    record Slice(Node start, Node stop, Node step, int pos) implements Node {
    }

    record Call(Node callee, Args args, int pos) implements Node {
    }

    record FilterCall(Node input, String name, Args args, int pos) implements Node {
    }

    record TestCall(Node input, String name, Args args, boolean negated, int pos) implements Node {
    }

    record Unary(String op, Node operand, int pos) implements Node {
    }

    record Binary(String op, Node left, Node right, int pos) implements Node {
    }

    /** {@code a < b <= c}: each operator compares its neighbours. */
    record Compare(Node first, List<String> ops, List<Node> rest, int pos) implements Node {
    }

    record Cond(Node test, Node then, Node otherwise, int pos) implements Node {
    }

    /** Call arguments: positional, then keyword, as written. */
    record Args(List<Node> positional, List<String> names, List<Node> named) {
        static final Args NONE = new Args(List.of(), List.of(), List.of());
    }
}
