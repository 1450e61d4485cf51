package dev.jplay.engine.expr.jinja;

/** Finds the templates {@code {% include %}} names: null when there is none by that name. */
@FunctionalInterface
public interface Includes {
    JinjaTemplate load(String name);
}
