package dev.jplay.engine.expr.jinja;

/** One lexical token of a template, with its offset in the source for error positions. */
record Token(Kind kind, String text, Object value, int pos) {

    enum Kind {
        DATA, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isOp(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of the text";
            case VAR_END -> "end of print statement";
            case BLOCK_END -> "end of statement block";
            case DATA -> "template data";
            default -> "'" + text + "'";
        };
    }
}
