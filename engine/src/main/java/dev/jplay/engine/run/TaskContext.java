package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.host.ShellHostFiles;
import dev.jplay.engine.spi.HostFiles;
import dev.jplay.engine.spi.HostUnreachable;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The {@link ModuleContext} of one task on one host. */
public final class TaskContext implements ModuleContext {

    /**
     * Where a task finds its controller-side files.
     *
     * @param templates folders searched for templates, first match wins
     * @param files     folders searched for {@code copy src=}
     */
    public record SearchPath(List<Path> templates, List<Path> files, Path playbookDir) {
    }

    private final ModuleArgs args;
    private final String host;
    private final Connection connection;
    private final Become become;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final boolean check;
    private final boolean diff;
    private final VarScope scope;
    private final TemplateFiles templateFiles;
    private final SearchPath searchPath;
    private final HostFiles files;
    private final Consumer<ExecRequest> trace;

    public TaskContext(ModuleArgs args, String host, Connection connection, Become become, Map<String, String> environment,
                       Duration timeout, boolean check, boolean diff, VarScope scope, TemplateFiles templateFiles, SearchPath searchPath) {
        this(args, host, connection, become, environment, timeout, check, diff, scope, templateFiles, searchPath, r -> {
        });
    }

    /** @param trace told of each command just before it goes to the connection ({@code -vvv}) */
    public TaskContext(ModuleArgs args, String host, Connection connection, Become become, Map<String, String> environment,
                       Duration timeout, boolean check, boolean diff, VarScope scope, TemplateFiles templateFiles, SearchPath searchPath,
                       Consumer<ExecRequest> trace) {
        this.trace = trace;
        this.args = args;
        this.host = host;
        this.connection = connection;
        this.become = become == null ? Become.NONE : become;
        this.environment = environment == null ? Map.of() : environment;
        this.timeout = timeout == null ? Duration.ZERO : timeout;
        this.check = check;
        this.diff = diff;
        this.scope = scope;
        this.templateFiles = templateFiles;
        this.searchPath = searchPath;
        this.files = new ShellHostFiles(this::exec);
    }

    @Override
    public ModuleArgs args() {
        return args;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean checkMode() {
        return check;
    }

    @Override
    public boolean diffMode() {
        return diff;
    }

    @Override
    public ExecResult exec(String script) {
        return exec(script, new byte[0]);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) {
        return exec(new ExecRequest(script, stdin, become, null, null));
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        ExecRequest r = request.withEnv(mergedEnv(request.env()));
        if (r.timeout().isZero() && !timeout.isZero()) {
            r = r.withTimeout(timeout);
        }
        trace.accept(r);
        try {
            return connection.exec(r);
        } catch (ConnectionException e) {
            throw new HostUnreachable(e.getMessage(), e);
        }
    }

    private Map<String, String> mergedEnv(Map<String, String> own) {
        if (own.isEmpty()) {
            return environment;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>(environment);
        m.putAll(own);
        return m;
    }

    @Override
    public Become become() {
        return become;
    }

    @Override
    public HostFiles files() {
        return files;
    }

    @Override
    public Map<String, Object> vars() {
        return scope.renderedView();
    }

    @Override
    public Object evaluate(String expression) throws ModuleFailure {
        try {
            return scope.expressions().evaluate(expression, scope);
        } catch (ExpressionError e) {
            throw new ModuleFailure(e.getMessage());
        }
    }

    @Override
    public String renderTemplate(String name) throws ModuleFailure {
        try {
            return templateFiles.render(searchPath.templates(), name, scope);
        } catch (InputError e) {
            throw new ModuleFailure(e.describe());
        }
    }

    @Override
    public Path findFile(String name) throws ModuleFailure {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            if (Files.exists(p)) {
                return p;
            }
            throw new ModuleFailure("file not found on the controller: " + name);
        }
        for (Path dir : searchPath.files()) {
            Path c = dir.resolve(name);
            if (Files.exists(c)) {
                return c;
            }
        }
        throw new ModuleFailure("file '" + name + "' not found; looked in: "
                + String.join(", ", searchPath.files().stream().map(Path::toString).toList()));
    }

    @Override
    public Path playbookDir() {
        return searchPath.playbookDir();
    }

    /** The scope the task was rendered in (the executor reads it back for register/loops). */
    public VarScope scope() {
        return scope;
    }
}
