package dev.jplay.engine.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs commands with sh on this machine: the local single-host bootstrap and {@code ansible_connection=local}.
 * Commands go to one persistent {@code /bin/sh} ({@link ShellSlot}), which spares a process start from
 * Java per command; commands with a timeout, a become password or more stdin than
 * {@link ShellSession#MAX_STDIN}, or that come while the shell is busy, get a {@code /bin/sh -c} of their own.
 */
public final class LocalConnection implements Connection {

    private static final Duration SHELL_START_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger IO_THREADS = new AtomicInteger();
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-io-" + IO_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Ends the shells of connections nobody closed (tests make many) once they are unreachable. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final ShellSlot shell = new ShellSlot(LocalShellProcess::start, IO, SHELL_START_TIMEOUT);

    public LocalConnection() {
        CLEANER.register(this, shell::close);
    }

    @Override
    public ExecResult exec(ExecRequest request) throws ConnectionException {
        WrappedCommand cmd = WrappedCommand.of(request);
        Optional<ExecResult> inShell = shell.tryRun(request, cmd, e -> "local shell failed: " + e.getMessage());
        if (inShell.isPresent()) {
            return inShell.get();
        }
        return runOnce(request, cmd);
    }

    private static ExecResult runOnce(ExecRequest request, WrappedCommand cmd) throws ConnectionException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd.commandLine());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ConnectionException("cannot start /bin/sh: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(cmd.stdin());
        } catch (IOException ignored) {
            // the command exited without reading all of its input; its exit code tells the rest
        }
        try {
            if (request.timeout().isZero()) {
                p.waitFor();
            } else if (!p.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p);
                p.waitFor();
                return new ExecResult(124, out.join(), ("command timed out after " + request.timeout().toSeconds() + " s\n").getBytes());
            }
            return new ExecResult(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted", e);
        }
    }

    /** A child of the JVM shares the JVM's process group: kill what it started one by one, then itself. */
    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, IO);
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {
        shell.close();
    }

    /** A {@code /bin/sh} child of this JVM reading commands from its stdin. */
    private record LocalShellProcess(Process process) implements ShellSession.ShellProcess {

        static LocalShellProcess start() throws IOException {
            return new LocalShellProcess(new ProcessBuilder("/bin/sh").start());
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public OptionalInt exitCode() {
            try {
                return process.waitFor(5, TimeUnit.SECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalInt.empty();
            }
        }

        @Override
        public void destroy(long pid) {
            if (pid > 0) {
                killTree(process);
            }
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the shell is gone already
            }
        }
    }
}
