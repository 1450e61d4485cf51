package dev.jplay.engine.run;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.ModuleResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one step on several hosts in parallel (at most --forks, and at most {@code throttle} at once),
 * and reports the results in host order, each as soon as those before it are reported.
 */
final class TaskFanOut {
    private final ExecutorService pool;
    private final OutcomeSink sink;

    TaskFanOut(ExecutorService pool, OutcomeSink sink) {
        this.pool = pool;
        this.sink = sink;
    }

    /**
     * @param task     the module task the results belong to, or null for an engine step
     * @param throttle at most this many hosts at once; 0 for no limit
     */
    List<TaskOutcome> run(List<HostState> hosts, TaskNode.Task task, int throttle, Function<HostState, TaskOutcome> step) {
        Semaphore gate = throttle > 0 ? new Semaphore(throttle) : null;
        List<Future<TaskOutcome>> futures = new ArrayList<>();
        for (HostState h : hosts) {
            futures.add(pool.submit(() -> {
                if (gate == null) {
                    return step.apply(h);
                }
                gate.acquireUninterruptibly();
                try {
                    return step.apply(h);
                } finally {
                    gate.release();
                }
            }));
        }
        return report(hosts, futures, task);
    }

    private List<TaskOutcome> report(List<HostState> hosts, List<Future<TaskOutcome>> futures, TaskNode.Task task) {
        List<TaskOutcome> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            TaskOutcome o;
            try {
                o = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                return out;
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof InputError ie) {
                    throw ie;
                }
                o = new TaskOutcome(hosts.get(i).name, task == null ? "?" : task.displayName(), null, TaskStatus.FAILED,
                        ModuleResult.failed("internal error: " + c), List.of(), Duration.ZERO, false,
                        task != null && Boolean.TRUE.equals(task.keywords().noLog()), 1, task == null ? "" : task.module());
            }
            sink.accept(o, task);
            out.add(o);
        }
        return out;
    }
}
