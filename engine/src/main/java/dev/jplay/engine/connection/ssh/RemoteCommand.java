package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ExecResult;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command on its own session channel: exec, stdin written then EOF, stdout and stderr drained
 * concurrently (a command that fills one pipe while we wait on the other would otherwise stall),
 * then the exit status.
 *
 * <p>Timeout: sshd starts each command as a session leader ({@code setsid}), so the command's shell
 * PID is also its process group. The command line first prints that PID on stderr ({@link #PID_MARKER},
 * removed from the result). On timeout the channel gets SIGKILL (which reaches only the shell), the
 * {@link GroupKiller} kills the whole process group over a second channel, and exit 124 is returned
 * with what the command printed so far, as {@code LocalConnection} does.
 */
final class RemoteCommand {

    static final String PID_MARKER = "__JPLAY_PID__";
    private static final Pattern PID_LINE = Pattern.compile(PID_MARKER + "(\\d+)\n");
    /** How long to wait for output in flight after killing a timed-out command. */
    private static final long DRAIN_AFTER_KILL_MS = 2000;

    /** Kills a remote process group, as the user (and with the become) the command ran with. */
    @FunctionalInterface
    interface GroupKiller {
        void kill(long pgid);
    }

    private RemoteCommand() {
    }

    /** The line sshd's login shell runs: report its PID, then the script in /bin/sh. */
    static String commandLine(String quotedScript) {
        return "printf '%s\\n' \"" + PID_MARKER + "$$\" >&2; exec /bin/sh -c " + quotedScript;
    }

    /**
     * @throws IOException when the connection or the channel fails: the caller reports the host unreachable
     */
    static ExecResult run(SSHClient client, String commandLine, byte[] stdin, Duration timeout, ExecutorService io,
                          GroupKiller killer) throws IOException, InterruptedException {
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Session session = client.startSession();
        boolean closeAsync = false;
        try {
            Session.Command cmd = session.exec(commandLine);
            Drain out = new Drain(cmd.getInputStream());
            Drain err = new Drain(cmd.getErrorStream());
            Future<?> outDone = io.submit(out);
            Future<?> errDone = io.submit(err);
            Future<?> in = stdin.length == 0 ? closeNow(cmd.getOutputStream()) : io.submit(() -> write(cmd.getOutputStream(), stdin));
            try {
                await(outDone, deadline);
                await(errDone, deadline);
                in.cancel(true);   // the command ended without reading all its input: its exit code tells the rest
                long left = deadline == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(365) : deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                cmd.join(left, TimeUnit.NANOSECONDS);
                return new ExecResult(exitCode(cmd), out.bytes(), withSignalNote(cmd, withoutPidLine(err.bytes())));
            } catch (TimeoutException | InterruptedException stop) {
                closeAsync = true;
                kill(cmd, session, err, killer, io);
                if (stop instanceof InterruptedException ie) {
                    throw ie;
                }
                waitQuietly(outDone, DRAIN_AFTER_KILL_MS);
                String note = "command timed out after " + seconds(timeout) + " s\n";
                return new ExecResult(124, out.bytes(), note.getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            if (!closeAsync) {
                closeQuietly(session);
            }
        }
    }

    /** Reads a stream to its end, keeping what arrived so far available for a timed-out command. */
    private static final class Drain implements java.util.concurrent.Callable<Void> {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
        }

        @Override
        public Void call() throws IOException {
            byte[] chunk = new byte[32 * 1024];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buf) {
                    buf.write(chunk, 0, n);
                }
            }
            return null;
        }

        byte[] bytes() {
            synchronized (buf) {
                return buf.toByteArray();
            }
        }
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

    private static void await(Future<?> f, long deadline) throws IOException, InterruptedException, TimeoutException {
        try {
            if (deadline == Long.MAX_VALUE) {
                f.get();
            } else {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c);
        }
    }

    /** The PID the login shell printed first; -1 if it has not arrived. */
    static long pid(byte[] stderr) {
        Matcher m = PID_LINE.matcher(new String(stderr, StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** stderr without the PID line (usually the first line; rc files of the login shell may print before it). */
    static byte[] withoutPidLine(byte[] stderr) {
        String s = new String(stderr, StandardCharsets.ISO_8859_1);
        Matcher m = PID_LINE.matcher(s);
        if (!m.find()) {
            return stderr;
        }
        byte[] out = new byte[stderr.length - (m.end() - m.start())];
        System.arraycopy(stderr, 0, out, 0, m.start());
        System.arraycopy(stderr, m.end(), out, m.start(), stderr.length - m.end());
        return out;
    }

    private static int exitCode(Session.Command cmd) throws IOException {
        OptionalInt code = exitStatus(cmd);
        if (code.isEmpty()) {
            throw new IOException("the server closed the channel without an exit status");
        }
        return code.getAsInt();
    }

    /** How a channel's command ended, as a shell reports it (128+n for signal n); empty if the server did not say. */
    static OptionalInt exitStatus(Session.Command cmd) {
        Integer status = cmd.getExitStatus();
        if (status != null) {
            return OptionalInt.of(status);
        }
        Signal sig = cmd.getExitSignal();
        return sig != null ? OptionalInt.of(128 + signalNumber(sig)) : OptionalInt.empty();
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

    /**
     * SIGKILL for the shell, then its whole process group, then close the channel without waiting
     * for sshd's confirmation (it comes only when the last process holding the pipes is gone).
     */
    private static void kill(Session.Command cmd, Session session, Drain err, GroupKiller killer, ExecutorService io) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException ignored) {
            // older servers ignore signal requests; the group kill below still works
        }
        long pgid = pid(err.bytes());
        if (pgid > 1) {
            killer.kill(pgid);
        }
        io.submit(() -> closeQuietly(session));
    }

    private static void waitQuietly(Future<?> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // keep what arrived
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
