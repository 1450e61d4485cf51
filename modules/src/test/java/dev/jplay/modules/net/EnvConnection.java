package dev.jplay.modules.net;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The local connection with extra environment (e.g. a PATH without bash), counting round trips. */
final class EnvConnection implements Connection {
    private final LocalConnection local = new LocalConnection();
    private final Map<String, String> env;
    final AtomicInteger execs = new AtomicInteger();

    EnvConnection(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public ExecResult exec(ExecRequest request) throws ConnectionException {
        execs.incrementAndGet();
        Map<String, String> merged = new LinkedHashMap<>(env);
        merged.putAll(request.env());
        return local.exec(request.withEnv(merged));
    }

    @Override
    public String describe() {
        return "local with " + env.keySet();
    }

    @Override
    public void close() {
    }
}
