package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.value.PyTuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code ast.literal_eval} as Ansible applies it to a rendered string that looks like a list,
 * a dict or a bool (with JSON's true/false/null accepted, as Ansible's Json2Python does): only
 * literals, no names, no calls.
 */
final class LiteralEval {
    private LiteralEval() {
    }

    /** The value, or empty when the text is not a literal (then it stays a string). Never called on 'None'. */
    static Optional<Object> eval(String text) {
        Node n;
        try {
            n = new Parser(text, new Lexer(text, Syntax.ANSIBLE, false).tokenizeExpression()).bareExpression();
        } catch (ExpressionError e) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(value(n));
        } catch (NotLiteral e) {
            return Optional.empty();
        }
    }

    private static final class NotLiteral extends RuntimeException {
        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private static Object value(Node n) {
        if (n instanceof Node.Const c) {
            return c.value();
        }
        if (n instanceof Node.Name nm && nm.name().equals("null")) {
            return null;
        }
        if (n instanceof Node.ListLit l) {
            return list(l.items());
        }
        if (n instanceof Node.TupleLit t) {
            return new PyTuple(list(t.items()));
        }
        if (n instanceof Node.DictLit d) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int k = 0; k < d.keys().size(); k++) {
                Object key = value(d.keys().get(k));
                if (key instanceof List<?> || key instanceof Map<?, ?>) {
                    throw new NotLiteral();
                }
                m.put(key, value(d.values().get(k)));
            }
            return m;
        }
        if (n instanceof Node.Unary u && (u.op().equals("-") || u.op().equals("+")) && u.operand() instanceof Node.Const c
                && c.value() instanceof Number) {
            return u.op().equals("-") ? Operators.negate(c.value()) : c.value();
        }
        throw new NotLiteral();
    }

    private static List<Object> list(List<Node> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Node item : items) {
            out.add(value(item));
        }
        return out;
    }
}
