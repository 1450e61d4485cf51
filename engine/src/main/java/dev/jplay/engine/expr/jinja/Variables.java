package dev.jplay.engine.expr.jinja;

/** Where a template's names come from (a task's VarScope); values are already rendered when returned. */
public interface Variables {
    boolean has(String name);

    Object get(String name);
}
