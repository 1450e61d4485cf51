package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One connection per host for the whole run, opened on first use and reused by every task.
 * A host that could not be reached stays unreachable for the run (its error is remembered).
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
            Map<String, Object> v = vars.apply(host);
            try {
                c = opener.open(host, v);
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
        Connection c = open.remove(host);
        failed.put(host, e);
        if (c != null) {
            c.close();
        }
    }

    /** Closes the host's connection (meta: reset_connection); the next task opens a new one. */
    void reset(String host) {
        Connection c = open.remove(host);
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        open.values().forEach(Connection::close);
        open.clear();
    }
}
