package dev.jplay.engine.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A long-lived {@code /bin/sh} on a host that runs commands one after another. A command then costs
 * no new channel, login shell or {@code sh} start-up on the host, only the processes the script itself
 * starts: the difference between a jplay task and one bare exec over SSH.
 *
 * <p>Each command is sent as {@code ( eval '<command line>' ) </dev/null}: the subshell keeps the
 * script's variables, {@code cd}, traps and {@code exit} from touching the next command, and a
 * syntax error stays inside eval. After it the shell prints, on stdout and on stderr, a newline, a
 * marker and the exit code. The marker holds 128 random bits chosen per session and never appears on
 * a command line, so a script cannot print it by accident. A command without stdin runs with
 * {@code </dev/null}; one with stdin (up to {@link #MAX_STDIN}) reads it from
 * {@code base64 -d <<'END'}, a here-document that follows the command line. Connections send commands
 * with more stdin, a timeout or a become password through their one-shot path instead.
 *
 * <p>If the shell ends during a command (the script killed it, the host's OOM killer), the command's
 * result is the shell's exit, as it would be for {@code sh -c}; the session is then dead and its
 * {@link ShellSlot} starts a new one for the next command.
 */
public final class ShellSession implements AutoCloseable {

    /** A started {@code /bin/sh}, whatever carries it (a local process, an SSH channel). */
    public interface ShellProcess {
        OutputStream stdin();

        InputStream stdout();

        InputStream stderr();

        /** The shell's exit code once its streams ended (128+n for signal n); empty when the transport does not say. */
        OptionalInt exitCode();

        /**
         * Frees the transport, after killing the shell and everything it started when {@code pid > 0}
         * ({@code pid} leads their process group). With {@code pid <= 0} closing stdin is enough: the shell is idle.
         */
        void destroy(long pid);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HAS_BASE64 = "base64-decodes";
    /**
     * The most stdin a command may bring through the shell. Its base64 (about 44 KB) stays under a pipe's
     * 64 KB, so no shell writes the here-document to a temp file: file contents may be secrets.
     */
    public static final int MAX_STDIN = 32 * 1024;

    private final ShellProcess process;
    private final ExecutorService io;
    private final String marker;
    private final long pid;
    private final boolean base64;
    private volatile boolean dead;

    private ShellSession(ShellProcess process, ExecutorService io, String marker, long pid, boolean base64) {
        this.process = process;
        this.io = io;
        this.marker = marker;
        this.pid = pid;
        this.base64 = base64;
    }

    /**
     * Greets a freshly started shell: it answers with its PID on both streams, and on stdout whether
     * {@code base64} is there; reading up to the markers also skips whatever the login shell's rc files
     * printed first.
     *
     * @throws IOException when the shell does not answer within {@code timeout} (a forced command in
     *                     authorized_keys, a login shell that is not a shell)
     */
    public static ShellSession start(ShellProcess process, ExecutorService io, Duration timeout)
            throws IOException, InterruptedException {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String marker = "__JPLAY_" + HexFormat.of().formatHex(random) + "__";
        try {
            Framed hello = send(process, io, marker, "__jp_rc=$$; command -v base64 >/dev/null 2>&1 && printf " + HAS_BASE64, "",
                    timeout.toNanos());
            if (hello.ended()) {
                throw new IOException("the shell on the host ended before answering");
            }
            boolean base64 = new String(hello.stdout(), StandardCharsets.ISO_8859_1).endsWith(HAS_BASE64);
            return new ShellSession(process, io, marker, hello.code(), base64);
        } catch (TimeoutException e) {
            process.destroy(-1);
            throw new IOException("the shell on the host did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException | InterruptedException e) {
            process.destroy(-1);
            throw e;
        }
    }

    /** False once the shell ended or failed; a dead session runs nothing more. */
    public boolean alive() {
        return !dead;
    }

    /** Whether this shell can give a command stdin ({@code base64} is there to decode it). */
    public boolean takesStdin() {
        return base64;
    }

    /**
     * Runs one command line with {@code sh} semantics and the given stdin: at most {@link #MAX_STDIN}
     * bytes, sent as a base64 here-document through {@code base64 -d} (only if {@link #takesStdin()}).
     *
     * @throws IOException when the transport fails, or the shell ended without telling how
     */
    public ExecResult run(String commandLine, byte[] stdin) throws IOException, InterruptedException {
        if (dead) {
            throw new IOException("the shell session has ended");
        }
        if (stdin.length > MAX_STDIN || stdin.length > 0 && !base64) {
            throw new IllegalArgumentException("this shell cannot take " + stdin.length + " bytes of stdin");
        }
        String eval = "( eval " + ShellQuote.quote(commandLine) + " )";
        String command;
        String hereDocument = "";
        if (stdin.length == 0) {
            command = eval + " </dev/null; __jp_rc=$?";
        } else {
            String end = "__JPLAY_STDIN_" + marker;
            command = "base64 -d <<'" + end + "' | " + eval + "; __jp_rc=$?";
            hereDocument = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(stdin) + "\n" + end + "\n";
        }
        try {
            Framed f = send(process, io, marker, command, hereDocument, Long.MAX_VALUE);
            return f.ended() ? ended(f) : new ExecResult((int) f.code(), f.stdout(), f.stderr());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no deadline was set", e);
        } catch (InterruptedException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** What a command got when the shell ended under it: the shell's own exit, as for {@code sh -c}. */
    private ExecResult ended(Framed f) throws IOException {
        dead = true;
        OptionalInt code = process.exitCode();
        process.destroy(pid);
        if (code.isEmpty()) {
            throw new IOException("the shell on the host ended without an exit status");
        }
        return new ExecResult(code.getAsInt(), f.stdout(), f.stderr());
    }

    /**
     * One answer: the code after the markers and what came before them on each stream; or, when the
     * shell ended first ({@code ended}), what the streams carried until then.
     */
    private record Framed(boolean ended, long code, byte[] stdout, byte[] stderr) {
    }

    /** Writes one command and its marker lines, and reads both streams up to their markers. */
    private static Framed send(ShellProcess process, ExecutorService io, String marker, String command, String hereDocument,
                               long timeoutNanos) throws IOException, InterruptedException, TimeoutException {
        // a here-document's body starts after the line that opens it: the line ends after the marker lines
        String line = command + "; printf '\\n%s %s\\n' " + marker + " \"$__jp_rc\"; printf '\\n%s %s\\n' " + marker
                + " \"$__jp_rc\" >&2\n" + hereDocument;
        MarkedStream out = new MarkedStream(process.stdout(), marker);
        MarkedStream err = new MarkedStream(process.stderr(), marker);
        Future<MarkedStream.Segment> errDone = io.submit(err::next);
        Future<MarkedStream.Segment> outDone = io.submit(out::next);
        try {
            OutputStream in = process.stdin();
            in.write(line.getBytes(StandardCharsets.UTF_8));
            in.flush();
            long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            MarkedStream.Segment o = await(outDone, deadline);
            MarkedStream.Segment e = await(errDone, deadline);
            return new Framed(o.code() < 0 || e.code() < 0, o.code(), o.bytes(), e.bytes());
        } finally {
            outDone.cancel(true);
            errDone.cancel(true);
        }
    }

    private static MarkedStream.Segment await(Future<MarkedStream.Segment> f, long deadline)
            throws IOException, InterruptedException, TimeoutException {
        try {
            return deadline == Long.MAX_VALUE ? f.get() : f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(c);
        }
    }

    /** Ends the shell and what it runs. */
    @Override
    public void close() {
        if (!dead) {
            dead = true;
            process.destroy(pid);
        }
    }

    /** Ends an idle shell by closing its input: it exits at end of file, and nothing of it is left to kill. */
    public void release() {
        if (!dead) {
            dead = true;
            process.destroy(-1);
        }
    }
}
