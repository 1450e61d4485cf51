package dev.jplay.engine.expr.jinja;

import java.util.List;

/**
 * A parsed template: a file, a playbook string, or a bare expression (a body of one output).
 * {@code headerLines} counts the {@code #jinja2:} line removed before parsing, for line numbers.
 */
public record JinjaTemplate(String name, String source, List<Stmt> body, Syntax syntax, int headerLines) {

    /** The 1-based line of an offset in the source, as the file numbers it. */
    public int line(int offset) {
        int line = 1 + headerLines;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of an offset. */
    public int column(int offset) {
        int nl = source.lastIndexOf('\n', Math.max(0, Math.min(offset, source.length()) - 1));
        return offset - nl;
    }

    /** The template is exactly one {@code {{ expression }}}. */
    boolean singleOutput() {
        return body.size() == 1 && body.get(0) instanceof Stmt.Output;
    }
}
