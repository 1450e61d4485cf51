package dev.jplay.engine.connection;

/**
 * One open channel to one host. Every module talks to its host only through {@link #exec}: a POSIX
 * shell script, optional stdin, run once. Implementations keep one connection per host for the
 * whole run and must be safe to call from one thread at a time per host.
 */
public interface Connection extends AutoCloseable {

    /** Runs a script with sh on the host. A non-zero exit is a result, not an exception. */
    ExecResult exec(ExecRequest request) throws ConnectionException;

    /** A short description for messages, e.g. {@code ssh root@198.18.77.11:22} or {@code local}. */
    String describe();

    @Override
    void close();
}
