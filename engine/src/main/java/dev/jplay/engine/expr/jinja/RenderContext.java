package dev.jplay.engine.expr.jinja;

import java.nio.file.Path;
import java.util.List;

/** What one render sees: the variables, the templates it may include, the controller search path for lookups. */
public record RenderContext(Variables variables, Includes includes, List<Path> searchPath) {
    public RenderContext {
        searchPath = List.copyOf(searchPath);
    }
}
