package dev.jplay.engine.connection;

/**
 * The host could not be reached or the connection broke: the host becomes UNREACHABLE.
 * Distinct from a command that ran and failed, which is an {@link ExecResult} with a non-zero code.
 */
public class ConnectionException extends Exception {
    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
