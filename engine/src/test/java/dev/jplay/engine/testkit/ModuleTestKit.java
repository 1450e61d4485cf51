package dev.jplay.engine.testkit;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.run.TaskContext;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one module once, the way the engine does (options bound against the spec, defaults and
 * types applied), over any connection: a {@link ScriptedConnection} for data-driven cases, or a
 * real {@link dev.jplay.engine.connection.LocalConnection} against a temp folder.
 */
public final class ModuleTestKit {
    private static final Expressions EXPRESSIONS = new Expressions();
    private static final TemplateFiles TEMPLATES = new TemplateFiles(EXPRESSIONS);

    private final Module module;
    private Connection connection;
    private boolean check;
    private boolean diff;
    private Become become = Become.NONE;
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private Path baseDir = Path.of(".");

    private ModuleTestKit(Module module) {
        this.module = module;
    }

    public static ModuleTestKit of(Module module) {
        return new ModuleTestKit(module);
    }

    public ModuleTestKit on(Connection c) {
        connection = c;
        return this;
    }

    public ModuleTestKit check(boolean c) {
        check = c;
        return this;
    }

    public ModuleTestKit diff(boolean d) {
        diff = d;
        return this;
    }

    public ModuleTestKit become(Become b) {
        become = b;
        return this;
    }

    public ModuleTestKit var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    /** The playbook folder: templates/ and files/ below it are searched. */
    public ModuleTestKit baseDir(Path dir) {
        baseDir = dir;
        return this;
    }

    /** Runs the module; a {@link ModuleFailure} becomes a failed result, as in the engine. */
    public ModuleResult run(Map<String, Object> args) {
        VarScope scope = new VarScope(new LinkedHashMap<>(vars), EXPRESSIONS);
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = (Map<String, Object>) EXPRESSIONS.render(args, scope);
        TaskContext ctx = new TaskContext(ArgsBinder.bind(module.spec(), rendered), "testhost", connection, become, Map.of(),
                null, check, diff, scope, TEMPLATES,
                new TaskContext.SearchPath(List.of(baseDir.resolve("templates"), baseDir), List.of(baseDir.resolve("files"), baseDir),
                        baseDir));
        try {
            return module.run(ctx);
        } catch (ModuleFailure f) {
            return ModuleResult.ok().failed().msg(f.getMessage()).values(f.values()).build();
        }
    }
}
