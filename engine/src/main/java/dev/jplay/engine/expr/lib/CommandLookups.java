package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pipe and lines lookups: a command on the controller, run as Ansible runs it ({@code /bin/sh -c term}
 * in the playbook's folder). The term is the playbook author's command; values from hosts never get here
 * as a term unless the author templates them in, as in Ansible.
 */
final class CommandLookups {
    private CommandLookups() {
    }

    static void register(Library.Builder b) {
        b.lookup("pipe", (terms, a, ctx) -> {
            List<Object> out = new ArrayList<>();
            for (Object t : terms) {
                out.add(PyText.strip(run(PyValues.str(t), "pipe", ctx), null, false, true));
            }
            return out;
        });
        b.lookup("lines", (terms, a, ctx) -> {
            List<Object> out = new ArrayList<>();
            for (Object t : terms) {
                out.addAll(PyText.splitlines(run(PyValues.str(t), "lines", ctx)));
            }
            return out;
        });
    }

    private static String run(String command, String lookup, CallContext ctx) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(ControllerFiles.baseDir(ctx).toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            int rc = p.waitFor();
            err.join();
            if (rc != 0) {
                throw new FilterError("lookup_plugin." + lookup + "(" + command + ") returned " + rc);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterError("lookup_plugin." + lookup + "(" + command + ") could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FilterError("lookup_plugin." + lookup + "(" + command + ") was interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
