package dev.jplay.engine.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands with sh on this machine: the local single-host bootstrap and {@code ansible_connection=local}. */
public final class LocalConnection implements Connection {

    @Override
    public ExecResult exec(ExecRequest request) throws ConnectionException {
        WrappedCommand cmd = WrappedCommand.of(request);
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
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new ExecResult(124, out.join(), ("command timed out after " + request.timeout().toSeconds() + " s\n").getBytes());
            }
            return new ExecResult(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, r -> {
            Thread t = new Thread(r, "local-output");
            t.setDaemon(true);
            t.start();
        });
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {
    }
}
