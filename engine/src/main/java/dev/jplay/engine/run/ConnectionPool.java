package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One connection per host (and connection type, when a play or task chooses one) for the whole run,
 * opened on first use and reused by every task. A host that could not be reached stays unreachable
 * for the run (its error is remembered).
 */
final class ConnectionPool implements AutoCloseable {
    private final ConnectionOpener opener;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, ConnectionException> failed = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ConnectionPool(ConnectionOpener opener) {
        this.opener = opener;
    }

    /** The host's connection; {@code vars} are its (rendered) variables, read only when opening. */
    Connection get(String host, Function<String, Map<String, Object>> vars) throws ConnectionException {
        return get(host, null, vars);
    }

    /**
     * The host's connection of the type a play or task chose ({@link ConnectionChoice}), or of the
     * inventory's when {@code chosen} is null.
     */
    Connection get(String name, String chosen, Function<String, Map<String, Object>> vars) throws ConnectionException {
        String host = key(name, chosen);
        Connection c = open.get(host);
        if (c != null) {
            return c;
        }
        synchronized (locks.computeIfAbsent(host, h -> new Object())) {
            c = open.get(host);
            if (c != null) {
                return c;
            }
            ConnectionException e = failed.get(host);
            if (e != null) {
                throw e;
            }
            Map<String, Object> v = ConnectionChoice.varsFor(vars.apply(name), chosen);
            try {
                c = opener.open(name, v);
            } catch (ConnectionException ex) {
                failed.put(host, ex);
                throw ex;
            }
            open.put(host, c);
            return c;
        }
    }

    /** Forgets a broken connection so the next task reports the host unreachable instead of reusing it. */
    void broken(String host, ConnectionException e) {
        broken(host, null, e);
    }

    void broken(String name, String chosen, ConnectionException e) {
        String host = key(name, chosen);
        Connection c = open.remove(host);
        failed.put(host, e);
        if (c != null) {
            c.close();
        }
    }

    private static String key(String host, String chosen) {
        return chosen == null ? host : host + "\u0000" + chosen;
    }

    /** Closes the host's connections (meta: reset_connection), of every type a play or task chose; the next task opens a new one. */
    void reset(String host) {
        for (String k : List.copyOf(open.keySet())) {
            if (k.equals(host) || k.startsWith(host + "\u0000")) {
                Connection c = open.remove(k);
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    @Override
    public void close() {
        open.values().forEach(Connection::close);
        open.clear();
    }
}
