package dev.jplay.app.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples a process list ({@code ps -eo args}) again and again on its own thread while a run goes on,
 * and keeps every line seen, so a test can check what was on any command line at any moment.
 */
final class ProcessListWatcher implements AutoCloseable {
    private final Callable<String> ps;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Exception failure;
    private volatile int samples;

    /** @param ps gives the process list once; called until {@link #close()} */
    ProcessListWatcher(String name, Callable<String> ps, long pauseMillis) {
        this.ps = ps;
        this.thread = new Thread(() -> {
            while (running.get()) {
                try {
                    lines.addAll(ps.call().lines().toList());
                    samples++;
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failure = e;
                    return;
                }
            }
        }, "ps-watcher-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The process list of this machine. */
    static String localPs() throws Exception {
        Process p = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }

    List<String> lines() {
        if (failure != null) {
            throw new IllegalStateException("the process list could not be read", failure);
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    int samples() {
        return samples;
    }

    boolean saw(String text) {
        return lines().stream().anyMatch(l -> l.contains(text));
    }
}
