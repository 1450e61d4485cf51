package dev.jplay.engine.expr.lib;

/** A filter, test or lookup refusing its input; the message says what was expected. */
public final class FilterError extends RuntimeException {
    public FilterError(String message) {
        super(message);
    }
}
