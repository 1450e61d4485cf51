package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ShellSession;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A persistent {@code /bin/sh} on one session channel. sshd starts the login shell as a session
 * leader, and {@code exec} keeps its PID, so the shell leads the process group of everything it runs.
 */
final class SshShellProcess implements ShellSession.ShellProcess {

    private static final long EXIT_STATUS_WAIT_S = 5;

    private final Session session;
    private final Session.Command command;
    private final LongConsumer groupKiller;
    private final ExecutorService io;

    private SshShellProcess(Session session, Session.Command command, LongConsumer groupKiller, ExecutorService io) {
        this.session = session;
        this.command = command;
        this.groupKiller = groupKiller;
        this.io = io;
    }

    /** Opens a channel running {@code exec /bin/sh}; {@code groupKiller} kills a process group over another channel. */
    static SshShellProcess start(SSHClient client, LongConsumer groupKiller, ExecutorService io) throws IOException {
        Session session = client.startSession();
        try {
            return new SshShellProcess(session, session.exec("exec /bin/sh"), groupKiller, io);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public OutputStream stdin() {
        return command.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return command.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return command.getErrorStream();
    }

    @Override
    public OptionalInt exitCode() {
        try {
            command.join(EXIT_STATUS_WAIT_S, TimeUnit.SECONDS);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return RemoteCommand.exitStatus(command);
    }

    @Override
    public void destroy(long pid) {
        if (pid > 1) {
            try {
                groupKiller.accept(pid);
            } catch (RuntimeException e) {
                // the connection is gone, and with it the shell's session
            }
        }
        // closing waits for sshd's confirmation, which comes only once nothing holds the pipes
        io.submit(() -> {
            try {
                command.getOutputStream().close();
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // the channel or the connection is gone already
            }
        });
    }
}
