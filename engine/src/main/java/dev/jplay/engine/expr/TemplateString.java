package dev.jplay.engine.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A playbook string split into literal text and {@code {{ expr }}} parts. Quotes inside an
 * expression are respected, so {@code {{ "}}" }} is one expression.
 */
public final class TemplateString {

    /** A piece of the string: literal text, or an expression with its offset in the string. */
    public sealed interface Part permits Literal, Expr {
    }

    public record Literal(String text) implements Part {
    }

    public record Expr(String expression, int offset) implements Part {
    }

    private TemplateString() {
    }

    public static boolean hasExpressions(Object value) {
        return value instanceof String s && s.contains("{{");
    }

    /** Splits the string; an unclosed {@code {{} is an {@link ExpressionError}. */
    public static List<Part> parse(String s) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Literal(s.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(s.substring(i, open)));
            }
            int close = findClose(s, open + 2);
            if (close < 0) {
                // a '}}' that is there but inside an unclosed quote: say so, not just "not closed"
                boolean quoted = s.indexOf("}}", open + 2) >= 0;
                throw new ExpressionError(s, open, "'{{' is not closed by '}}'"
                        + (quoted ? " (a quote inside the expression is not closed, so its '}}' counts as text)" : ""));
            }
            parts.add(new Expr(s.substring(open + 2, close).trim(), open + 2));
            i = close + 2;
        }
        return parts;
    }

    private static int findClose(String s, int from) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** The expression when the whole string is exactly one {@code {{ expr }}} (its value keeps its type), else null. */
    public static String singleExpression(String s) {
        String t = s.strip();
        if (!t.startsWith("{{") || !t.endsWith("}}")) {
            return null;
        }
        List<Part> parts = parse(t);
        return parts.size() == 1 && parts.get(0) instanceof Expr e ? e.expression() : null;
    }
}
