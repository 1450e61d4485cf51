package dev.jplay.engine.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The persistent shell of one connection: started on first use, started again after it ended, and
 * passed over while another command is in it (the caller then runs its command the one-shot way). A
 * shell that cannot be started (a forced command in authorized_keys, a login shell that is not a shell)
 * is not tried again for this connection.
 */
public final class ShellSlot implements AutoCloseable {

    /** Starts a {@code /bin/sh} reading commands from its stdin. */
    @FunctionalInterface
    public interface Starter {
        ShellSession.ShellProcess start() throws IOException;
    }

    /**
     * Whether a request can go through the shell: no deadline of its own (a timeout kills the command's
     * whole process group, which in the shell would be the shell), no password on stdin, and stdin small
     * enough for a here-document ({@link ShellSession#MAX_STDIN}).
     */
    public static boolean suits(ExecRequest request, WrappedCommand cmd) {
        boolean password = request.become().enabled() && request.become().hasPassword();
        return request.timeout().isZero() && !password && cmd.stdin().length <= ShellSession.MAX_STDIN;
    }

    private final Starter starter;
    private final ExecutorService io;
    private final Duration startTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ShellSession session;
    private boolean unavailable;
    private volatile boolean closed;

    public ShellSlot(Starter starter, ExecutorService io, Duration startTimeout) {
        this.starter = starter;
        this.io = io;
        this.startTimeout = startTimeout;
    }

    /**
     * Runs a request in the shell if it {@link #suits} it and the shell is free.
     *
     * @param lost the message for a transport that failed during the command
     * @return empty when the request must run another way
     */
    public Optional<ExecResult> tryRun(ExecRequest request, WrappedCommand cmd, Function<IOException, String> lost)
            throws ConnectionException {
        if (!suits(request, cmd)) {
            return Optional.empty();
        }
        try {
            return run(cmd.commandLine(), cmd.stdin());
        } catch (IOException e) {
            throw new ConnectionException(lost.apply(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted", e);
        }
    }

    /**
     * Runs the command line in the shell.
     *
     * @return empty when the shell is busy or cannot be used: run the command another way
     * @throws IOException when the transport failed during the command
     */
    public Optional<ExecResult> run(String commandLine, byte[] stdin) throws IOException, InterruptedException {
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            if (closed || unavailable) {
                return Optional.empty();
            }
            if (session == null || !session.alive()) {
                try {
                    session = ShellSession.start(starter.start(), io, startTimeout);
                    if (closed) {
                        session.close();
                        return Optional.empty();
                    }
                } catch (IOException e) {
                    unavailable = true;   // the one-shot way reports what is wrong with the host, if anything
                    return Optional.empty();
                }
            }
            if (stdin.length > 0 && !session.takesStdin()) {
                return Optional.empty();
            }
            return Optional.of(session.run(commandLine, stdin));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the shell: an idle one by closing its input (it exits on end of file, no round trip), one
     * running a command by killing it (the command's caller then gets an IOException).
     */
    @Override
    public void close() {
        closed = true;
        ShellSession s = session;
        if (s == null) {
            return;
        }
        if (lock.tryLock()) {
            try {
                s.release();
            } finally {
                lock.unlock();
            }
        } else {
            s.close();
        }
    }
}
