package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.spi.HostFiles;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.file.Path;
import java.util.Map;

/**
 * The task's context as another module sees it when a module hands its work on (service to
 * systemd): same host, connection, become and modes, with options bound to the other module's spec.
 */
final class DelegatedContext implements ModuleContext {
    private final ModuleContext task;
    private final ModuleArgs args;

    private DelegatedContext(ModuleContext task, ModuleArgs args) {
        this.task = task;
        this.args = args;
    }

    /** The context for {@code target} with these options (defaults filled in from its spec). */
    static ModuleContext of(ModuleContext task, Module target, Map<String, Object> options) {
        return new DelegatedContext(task, ArgsBinder.bind(target.spec(), options));
    }

    @Override
    public ModuleArgs args() {
        return args;
    }

    @Override
    public String host() {
        return task.host();
    }

    @Override
    public boolean checkMode() {
        return task.checkMode();
    }

    @Override
    public boolean diffMode() {
        return task.diffMode();
    }

    @Override
    public ExecResult exec(String script) {
        return task.exec(script);
    }

    @Override
    public ExecResult exec(String script, byte[] stdin) {
        return task.exec(script, stdin);
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        return task.exec(request);
    }

    @Override
    public Become become() {
        return task.become();
    }

    @Override
    public HostFiles files() {
        return task.files();
    }

    @Override
    public Map<String, Object> vars() {
        return task.vars();
    }

    @Override
    public Object evaluate(String expression) throws ModuleFailure {
        return task.evaluate(expression);
    }

    @Override
    public String renderTemplate(String name) throws ModuleFailure {
        return task.renderTemplate(name);
    }

    @Override
    public Path findFile(String name) throws ModuleFailure {
        return task.findFile(name);
    }

    @Override
    public Path playbookDir() {
        return task.playbookDir();
    }
}
