package dev.jplay.engine.expr;

/**
 * An expression that does not parse or cannot be evaluated. Carries the expression text, the
 * offset in it where the problem is (or -1), and the undefined variable's name when that is the cause.
 */
public class ExpressionError extends RuntimeException {
    private final String source;
    private final int offset;
    private final String undefinedVariable;

    public ExpressionError(String source, int offset, String message) {
        this(source, offset, message, null);
    }

    public ExpressionError(String source, int offset, String message, String undefinedVariable) {
        super(message);
        this.source = source;
        this.offset = offset;
        this.undefinedVariable = undefinedVariable;
    }

    public String source() {
        return source;
    }

    public int offset() {
        return offset;
    }

    /** The variable that was undefined, or null when the error is something else. */
    public String undefinedVariable() {
        return undefinedVariable;
    }
}
