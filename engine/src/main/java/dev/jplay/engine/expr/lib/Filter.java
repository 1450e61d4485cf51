package dev.jplay.engine.expr.lib;

/**
 * A Jinja2 filter: {@code value | name(args)}. Implementations are pure functions of their inputs and
 * the {@link CallContext}; they raise {@link FilterError} (or PyValues.TypeError) with a message only:
 * the evaluator adds the expression, the task and the place.
 */
@FunctionalInterface
public interface Filter {
    Object apply(Object value, CallArgs args, CallContext ctx);

    /** True for filters that take an Undefined input (default, mandatory); for the rest the evaluator refuses it first. */
    default boolean acceptsUndefined() {
        return false;
    }
}
