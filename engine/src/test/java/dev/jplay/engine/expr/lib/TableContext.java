package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.Undefined;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A CallContext without an evaluator: variables from a map, filters and tests from the library itself,
 * the search path given. Templates are rendered by a function the test gives, so a test sees what a lookup asked.
 */
record TableContext(Library library, Map<String, Object> variables, List<Path> searchPath,
                    java.util.function.BiFunction<String, String, String> renderer) implements CallContext {

    TableContext(Map<String, Object> variables, List<Path> searchPath) {
        this(Library.standard(), variables, searchPath, (text, name) -> {
            throw new UnsupportedOperationException("no template renderer in this test");
        });
    }

    @Override
    public Object variable(String name) {
        return variables.containsKey(name) ? variables.get(name) : Undefined.variable(name);
    }

    @Override
    public Object callFilter(String name, Object value, CallArgs args) {
        Filter f = library.filter(name);
        if (f == null) {
            throw new FilterError("No filter named '" + name + "'.");
        }
        if (value instanceof Undefined u && !f.acceptsUndefined()) {
            throw new dev.jplay.engine.expr.value.PyValues.UndefinedError(u);
        }
        return f.apply(value, args, this);
    }

    @Override
    public boolean callTest(String name, Object value, CallArgs args) {
        ValueTest t = library.test(name);
        if (t == null) {
            throw new FilterError("No test named '" + name + "'.");
        }
        return t.test(value, args, this);
    }

    @Override
    public String renderTemplate(String text, String sourceName) {
        return renderer.apply(text, sourceName);
    }
}
