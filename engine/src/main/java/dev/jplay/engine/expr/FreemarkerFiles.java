package dev.jplay.engine.expr;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FreeMarker template files ({@code .ftl}): jplay's own unit files, Containerfiles and configs. One
 * FreeMarker configuration (and its parsed-template cache) per distinct search path. Thread-safe.
 */
final class FreemarkerFiles {
    private final Map<List<Path>, Configuration> configs = new ConcurrentHashMap<>();

    String render(List<Path> searchPath, String name, VarScope scope) {
        Template t = load(searchPath, name);
        StringWriter out = new StringWriter();
        try {
            Configuration cfg = configs.get(List.copyOf(searchPath));
            t.process(new ScopeModel(scope, (DefaultObjectWrapper) cfg.getObjectWrapper()), out);
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

    Template load(List<Path> searchPath, String name) {
        Configuration cfg = configs.computeIfAbsent(List.copyOf(searchPath), FreemarkerFiles::configurationFor);
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

    private static Configuration configurationFor(List<Path> searchPath) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        DefaultObjectWrapperBuilder wb = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wb.setUseAdaptersForContainers(true);
        wb.setExposeFields(false);
        c.setObjectWrapper(wb.build());
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setLocale(Locale.ROOT);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setAPIBuiltinEnabled(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
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

    /** Exposes a {@link VarScope} to FreeMarker, rendering each variable when it is first read. */
    static final class ScopeModel implements freemarker.template.TemplateHashModelEx {
        private final VarScope scope;
        private final DefaultObjectWrapper wrapper;

        ScopeModel(VarScope scope, DefaultObjectWrapper wrapper) {
            this.scope = scope;
            this.wrapper = wrapper;
        }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            if (!scope.has(key)) {
                return null;
            }
            return wrapper.wrap(scope.resolve(key));
        }

        @Override
        public boolean isEmpty() {
            return scope.names().isEmpty();
        }

        @Override
        public int size() {
            return scope.names().size();
        }

        @Override
        public freemarker.template.TemplateCollectionModel keys() throws TemplateModelException {
            return (freemarker.template.TemplateCollectionModel) wrapper.wrap(new ArrayList<>(scope.names()));
        }

        @Override
        public freemarker.template.TemplateCollectionModel values() throws TemplateModelException {
            List<Object> vals = new ArrayList<>();
            for (String k : scope.names()) {
                vals.add(scope.resolve(k));
            }
            return (freemarker.template.TemplateCollectionModel) wrapper.wrap(vals);
        }
    }
}
