package dev.jplay.engine.expr.value;

/**
 * Jinja2's undefined value as Ansible uses it (strict): it may be tested ({@code is defined}),
 * defaulted ({@code | default}) or passed along, but rendering it or operating on it is an error
 * that names what was undefined. {@code hint} says why, e.g. "'dict object' has no attribute 'port'".
 */
public record Undefined(String name, String hint) {

    public static Undefined variable(String name) {
        return new Undefined(name, "'" + name + "' is undefined");
    }

    public static Undefined attribute(String expression, Object owner, String attribute) {
        return new Undefined(expression, "'" + PyValues.typeName(owner) + " object' has no attribute '" + attribute + "'");
    }

    /** The error text for using it. */
    public String message() {
        return hint;
    }
}
