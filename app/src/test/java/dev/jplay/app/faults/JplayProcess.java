package dev.jplay.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * jplay as its own process (the test JVM's class path, {@code dev.jplay.engine.cli.Main}), for what
 * cannot happen in-process: SIGKILL, SIGINT, a capped heap. Output goes to files in {@code dir}, so a
 * test can watch it while jplay runs.
 */
public final class JplayProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;
    private final List<String> command;

    private JplayProcess(Process process, Path out, Path err, List<String> command) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.command = command;
    }

    /**
     * Starts jplay in {@code dir} (its working folder, where its out/err files go).
     *
     * @param jvmOptions e.g. {@code -Xmx64m}
     */
    public static JplayProcess start(Path dir, List<String> jvmOptions, List<?> args) {
        return start(dir, List.of(), jvmOptions, args);
    }

    /**
     * Starts jplay with SIGINT at its default disposition, as a foreground command in a terminal has it,
     * whatever this JVM inherited (a background job gets SIGINT ignored, and a JVM that starts with
     * SIGINT ignored never sees Ctrl-C). {@code env} execs java, so {@link #pid()} is jplay's.
     */
    public static JplayProcess startInterruptible(Path dir, List<?> args) {
        return start(dir, List.of("env", "--default-signal=INT"), List.of(), args);
    }

    private static JplayProcess start(Path dir, List<String> prefix, List<String> jvmOptions, List<?> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.jplay.engine.cli.Main");
        for (Object a : args) {
            cmd.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        try {
            Path out = Files.createTempFile(dir, "jplay-", ".out");
            Path err = Files.createTempFile(dir, "jplay-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("NO_COLOR", "1");
            return new JplayProcess(pb.start(), out, err, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the end; fails (and kills jplay) if it takes longer than {@code limit}. Returns the exit code. */
    public int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("jplay did not end within " + limit + "\n" + all());
        }
        return process.exitValue();
    }

    /** Waits until stdout satisfies {@code condition}; false when jplay ended first or the time ran out. */
    public boolean awaitOutput(Predicate<String> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(out())) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.test(out());
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Sends a signal by name (INT, KILL, TERM) to the jplay JVM only, as {@code kill -s NAME PID}. */
    public void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-s", name, String.valueOf(process.pid())).inheritIO().start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new AssertionError("kill -s " + name + " " + process.pid() + " failed");
        }
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    /** Everything, for assertion messages. */
    public String all() {
        return "$ " + String.join(" ", command.subList(command.indexOf("dev.jplay.engine.cli.Main"), command.size()))
                + "\n--- out:\n" + out() + "\n--- err:\n" + err();
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);   // lenient: a test must see whatever was printed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
