package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.run.TaskContext;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a module for real over any connection, like ModuleTestKit, plus what the real-run tests here
 * need: a task environment (e.g. PATH with a stand-in tool first) and a record of every request
 * (to count round trips and check that no secret was on a command line).
 */
final class RealRun {
    private static final Expressions EXPRESSIONS = new Expressions();
    private static final TemplateFiles TEMPLATES = new TemplateFiles(EXPRESSIONS);

    private final Recording connection;
    private Become become = Become.NONE;
    private Map<String, String> env = Map.of();
    private boolean check;
    private boolean diff;

    RealRun(Connection connection) {
        this.connection = new Recording(connection);
    }

    RealRun become(Become b) {
        become = b;
        return this;
    }

    RealRun env(Map<String, String> e) {
        env = e;
        return this;
    }

    RealRun check(boolean c) {
        check = c;
        return this;
    }

    RealRun diff(boolean d) {
        diff = d;
        return this;
    }

    /** Runs the module once; a ModuleFailure becomes a failed result, as in the engine. */
    ModuleResult run(Module module, Map<String, Object> args) {
        connection.requests.clear();
        VarScope scope = new VarScope(new LinkedHashMap<>(), EXPRESSIONS);
        Path base = Path.of(".");
        TaskContext ctx = new TaskContext(ArgsBinder.bind(module.spec(), args), "local", connection, become, env, null, check, diff,
                scope, TEMPLATES, new TaskContext.SearchPath(List.of(base), List.of(base), base));
        try {
            return module.run(ctx);
        } catch (ModuleFailure f) {
            return ModuleResult.ok().failed().msg(f.getMessage()).values(f.values()).build();
        }
    }

    /** The requests of the last run. */
    List<ExecRequest> requests() {
        return List.copyOf(connection.requests);
    }

    List<String> scripts() {
        return requests().stream().map(ExecRequest::script).toList();
    }

    private static final class Recording implements Connection {
        private final Connection delegate;
        private final List<ExecRequest> requests = new ArrayList<>();

        Recording(Connection delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized ExecResult exec(ExecRequest request) throws ConnectionException {
            requests.add(request);
            return delegate.exec(request);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
