package dev.jplay.engine.expr;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.expr.jinja.IncludedTemplateError;
import dev.jplay.engine.expr.jinja.Includes;
import dev.jplay.engine.expr.jinja.JinjaTemplate;
import dev.jplay.engine.expr.jinja.RenderContext;
import dev.jplay.engine.expr.jinja.Variables;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Template files found on a search path (the role's {@code templates/}, the playbook's, the project's):
 * {@code .ftl} files are FreeMarker (jplay's own unit files and configs), every other name is Jinja2
 * rendered as Ansible's template module does, with its template_* variables. Parsed Jinja2 files are
 * cached by path and modification time. Thread-safe.
 */
public final class TemplateFiles {
    private static final DateTimeFormatter PY_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final Expressions expressions;
    private final FreemarkerFiles freemarker = new FreemarkerFiles();
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(FileTime modified, JinjaTemplate template) {
    }

    public TemplateFiles(Expressions expressions) {
        this.expressions = expressions;
    }

    public static boolean isFreemarker(String name) {
        return name.endsWith(".ftl");
    }

    /** Renders {@code name} with the scope's variables; errors name the template file and its line. */
    public String render(List<Path> searchPath, String name, VarScope scope) {
        return render(searchPath, name, scope, null);
    }

    /** As {@link #render(List, String, VarScope)}, with the destination for Ansible's template_destpath. */
    public String render(List<Path> searchPath, String name, VarScope scope, String dest) {
        if (isFreemarker(name)) {
            return freemarker.render(searchPath, name, scope);
        }
        Path file = find(searchPath, name).orElseThrow(() -> notFound(searchPath, name));
        JinjaTemplate t = parse(file, name);
        VarScope withVars = scope.with(templateVars(name, file, dest));
        List<Path> includePath = includePath(searchPath, file);
        RenderContext ctx = new RenderContext(new Variables() {
            @Override
            public boolean has(String n) {
                return withVars.has(n);
            }

            @Override
            public Object get(String n) {
                return withVars.resolve(n);
            }
        }, includes(includePath), searchPath);
        try {
            return expressions.jinja().renderText(t, ctx);
        } catch (IncludedTemplateError e) {
            JinjaTemplate inner = e.template();
            throw new InputError(new SourceLocation(Path.of(inner.name()), inner.line(e.offset()), inner.column(e.offset())),
                    "template " + name, e.getMessage());
        } catch (ExpressionError e) {
            throw new InputError(location(file, t, e.offset()), "template " + name, e.getMessage());
        }
    }

    /** Parses the template (for validation before the run); throws {@link InputError} if missing or malformed. */
    public void load(List<Path> searchPath, String name) {
        if (isFreemarker(name)) {
            freemarker.load(searchPath, name);
            return;
        }
        parse(find(searchPath, name).orElseThrow(() -> notFound(searchPath, name)), name);
    }

    /**
     * Where {@code include}, {@code import} and {@code extends} look, in Ansible's template action's order:
     * each folder of the search path with its {@code templates/} first (the role's, the playbook's), then the
     * template's own folder.
     */
    static List<Path> includePath(List<Path> searchPath, Path file) {
        java.util.LinkedHashSet<Path> out = new java.util.LinkedHashSet<>();
        for (Path d : searchPath) {
            if (d.getFileName() != null && d.getFileName().toString().equals("templates") && d.getParent() != null) {
                out.add(d);
                out.add(d.getParent());
            } else {
                out.add(d.resolve("templates"));
                out.add(d);
            }
        }
        Path own = file.toAbsolutePath().getParent();
        out.add(own.resolve("templates"));
        out.add(own);
        return new ArrayList<>(out);
    }

    private Includes includes(List<Path> searchPath) {
        return n -> find(searchPath, n).map(f -> parse(f, n)).orElse(null);
    }

    private JinjaTemplate parse(Path file, String name) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Parsed p = parsed.get(file);
            if (p != null && p.modified().equals(modified)) {
                return p.template();
            }
            String text = Files.readString(file);
            JinjaTemplate t;
            try {
                t = expressions.jinja().compileTemplate(text, file.toString());
            } catch (ExpressionError e) {
                JinjaTemplate shape = new JinjaTemplate(file.toString(), text.startsWith("#jinja2:") ? text.substring(text.indexOf('\n') + 1) : text,
                        List.of(), null, text.startsWith("#jinja2:") ? 1 : 0);
                throw new InputError(location(file, shape, e.offset()), "template " + name, "template syntax error: " + e.getMessage());
            }
            parsed.put(file, new Parsed(modified, t));
            return t;
        } catch (IOException e) {
            throw new InputError(SourceLocation.of(file), "template " + name, "cannot read template: " + e.getMessage());
        }
    }

    private static SourceLocation location(Path file, JinjaTemplate t, int offset) {
        return offset < 0 ? SourceLocation.of(file) : new SourceLocation(file, t.line(offset), t.column(offset));
    }

    private static Optional<Path> find(List<Path> searchPath, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        return searchPath.stream().map(d -> d.resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    private static InputError notFound(List<Path> searchPath, String name) {
        return new InputError(null, "template " + name, "template not found; looked in: "
                + String.join(", ", searchPath.stream().map(Path::toString).toList()));
    }

    /** Ansible's generate_ansible_template_vars. */
    private static Map<String, Object> templateVars(String name, Path file, String dest) {
        Map<String, Object> m = new LinkedHashMap<>();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String uid;
        LocalDateTime mtime;
        try {
            uid = Files.getOwner(file).getName();
            mtime = LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneId.systemDefault());
        } catch (IOException | UnsupportedOperationException e) {
            uid = "";
            mtime = LocalDateTime.now();
        }
        Path full = file.toAbsolutePath();
        m.put("template_host", host);
        m.put("template_path", full.toString());
        m.put("template_mtime", PY_DATETIME.format(mtime));
        m.put("template_uid", uid);
        m.put("template_run_date", PY_DATETIME.format(LocalDateTime.now()));
        m.put("template_destpath", dest);
        m.put("template_fullpath", full.toString());
        m.put("ansible_managed", "Ansible managed");
        return m;
    }
}
