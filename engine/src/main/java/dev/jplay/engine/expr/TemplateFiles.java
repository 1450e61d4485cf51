package dev.jplay.engine.expr;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FreeMarker template files ({@code .ftl}) found on a search path: the role's {@code templates/},
 * the playbook's, the project's. One FreeMarker configuration (and its parsed-template cache) per
 * distinct search path, so a template used on many hosts is parsed once. Thread-safe.
 */
public final class TemplateFiles {
    private final Expressions expressions;
    private final Map<List<Path>, Configuration> configs = new ConcurrentHashMap<>();

    public TemplateFiles(Expressions expressions) {
        this.expressions = expressions;
    }

    /** Renders {@code name} with the scope's variables; errors name the template file and its line. */
    public String render(List<Path> searchPath, String name, VarScope scope) {
        Template t = load(searchPath, name);
        StringWriter out = new StringWriter();
        try {
            t.process(new Expressions.ScopeModel(scope, expressions.wrapper()), out);
        } catch (TemplateException e) {
            if (e.getCause() instanceof ExpressionError inner) {
                throw new InputError(location(searchPath, name, e.getLineNumber(), e.getColumnNumber()), "template " + name,
                        inner.getMessage());
            }
            String blamed = e.getBlamedExpressionString();
            String msg = blamed != null && e instanceof freemarker.core.InvalidReferenceException
                    ? "'" + blamed + "' is undefined (give a default with " + blamed + "!'value' or test it with " + blamed + "??)"
                    : Expressions.firstLine(e.getMessageWithoutStackTop());
            throw new InputError(location(searchPath, name, e.getLineNumber(), e.getColumnNumber()), "template " + name, msg);
        } catch (IOException e) {
            throw new InputError(null, "template " + name, e.getMessage());
        }
        return out.toString();
    }

    /** Parses the template (for validation before the run); throws {@link InputError} if missing or malformed. */
    public Template load(List<Path> searchPath, String name) {
        Configuration cfg = configs.computeIfAbsent(List.copyOf(searchPath), this::configurationFor);
        try {
            return cfg.getTemplate(name);
        } catch (TemplateNotFoundException e) {
            throw new InputError(null, "template " + name, "template not found; looked in: "
                    + String.join(", ", searchPath.stream().map(Path::toString).toList()));
        } catch (ParseException e) {
            throw new InputError(location(searchPath, name, e.getLineNumber(), e.getColumnNumber()), "template " + name,
                    "template syntax error: " + ParseErrorText.describeTemplate(e.getEditorMessage() != null ? e.getEditorMessage() : e.getMessage()));
        } catch (IOException e) {
            throw new InputError(null, "template " + name, "cannot read template: " + e.getMessage());
        }
    }

    private Configuration configurationFor(List<Path> searchPath) {
        Configuration c = Expressions.newConfiguration();
        List<TemplateLoader> loaders = new ArrayList<>();
        for (Path p : searchPath) {
            if (Files.isDirectory(p)) {
                try {
                    loaders.add(new FileTemplateLoader(p.toFile()));
                } catch (IOException e) {
                    // an unreadable folder on the path is skipped; "not found" then lists it
                }
            }
        }
        c.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
        c.setLocalizedLookup(false);
        return c;
    }

    private static SourceLocation location(List<Path> searchPath, String name, Integer line, Integer col) {
        Path file = searchPath.stream().map(p -> p.resolve(name)).filter(Files::isRegularFile).findFirst().orElse(Path.of(name));
        return new SourceLocation(file, line == null ? 0 : line, col == null ? 0 : col);
    }
}
