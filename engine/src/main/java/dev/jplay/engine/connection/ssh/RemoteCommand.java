package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ExecResult;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command on its own session channel: exec, stdin written then EOF, stdout and stderr drained
 * concurrently (a command that fills one pipe while we wait on the other would otherwise stall),
 * then the exit status. On timeout the process is sent SIGKILL, the channel closed, and exit 124
 * returned with what the command printed so far, as {@code LocalConnection} does.
 */
final class RemoteCommand {

    /** How long to wait for output already in flight after killing a timed-out command. */
    private static final long DRAIN_AFTER_KILL_MS = 2000;

    private RemoteCommand() {
    }

    /**
     * @throws IOException when the connection or the channel fails: the caller reports the host unreachable
     */
    static ExecResult run(SSHClient client, String commandLine, byte[] stdin, Duration timeout, ExecutorService io)
            throws IOException, InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Session session = client.startSession();
        try {
            Session.Command cmd = session.exec(commandLine);
            Future<byte[]> out = io.submit(() -> readAll(cmd.getInputStream()));
            Future<byte[]> err = io.submit(() -> readAll(cmd.getErrorStream()));
            Future<?> in = stdin.length == 0 ? closeNow(cmd.getOutputStream()) : io.submit(() -> write(cmd.getOutputStream(), stdin));
            try {
                byte[] o = await(out, deadline);
                byte[] e = await(err, deadline);
                in.cancel(true);   // the command ended without reading all its input: its exit code tells the rest
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                cmd.join(Math.min(left, TimeUnit.DAYS.toNanos(365)), TimeUnit.NANOSECONDS);
                return new ExecResult(exitCode(cmd), o, withSignalNote(cmd, e));
            } catch (TimeoutException t) {
                kill(cmd, session);
                byte[] partial = partial(out);
                String note = "command timed out after " + seconds(timeout) + " s\n";
                return new ExecResult(124, partial, note.getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException ie) {
                kill(cmd, session);
                throw ie;
            }
        } finally {
            closeQuietly(session);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static Void write(OutputStream os, byte[] data) throws IOException {
        try (os) {
            os.write(data);
            os.flush();
        }
        return null;
    }

    private static Future<?> closeNow(OutputStream os) throws IOException {
        os.close();   // sends EOF
        return CompletableFuture.completedFuture(null);
    }

    private static byte[] await(Future<byte[]> f, long deadline) throws IOException, InterruptedException, TimeoutException {
        try {
            if (deadline == Long.MAX_VALUE) {
                return f.get();
            }
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c);
        }
    }

    private static int exitCode(Session.Command cmd) throws IOException {
        Integer status = cmd.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal sig = cmd.getExitSignal();
        if (sig != null) {
            return 128 + signalNumber(sig);
        }
        throw new IOException("the server closed the channel without an exit status");
    }

    private static byte[] withSignalNote(Session.Command cmd, byte[] err) {
        Signal sig = cmd.getExitSignal();
        if (cmd.getExitStatus() != null || sig == null) {
            return err;
        }
        byte[] note = ("killed by signal " + sig.name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[err.length + note.length];
        System.arraycopy(err, 0, all, 0, err.length);
        System.arraycopy(note, 0, all, err.length, note.length);
        return all;
    }

    /** Linux numbers, as a local shell would report {@code 128+n}. */
    static int signalNumber(Signal s) {
        return switch (s) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            case UNKNOWN -> 127;
        };
    }

    private static void kill(Session.Command cmd, Session session) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // the server may not support signals; closing the channel still ends our side
        }
        closeQuietly(session);
    }

    private static byte[] partial(Future<byte[]> out) {
        try {
            return out.get(DRAIN_AFTER_KILL_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        } catch (ExecutionException | TimeoutException e) {
            out.cancel(true);
            return new byte[0];
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // already closed, or the connection is gone (reported by whoever noticed it first)
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }
}
