package dev.jplay.engine.run;

import dev.jplay.engine.playbook.TaskNode;

import java.util.Map;

/** Where each host's result goes: the listeners, the recap, the host's status, and its notified handlers. */
final class OutcomeSink {
    private final RunListener listener;
    private final RunStats stats;
    private final Map<String, HostState> states;

    OutcomeSink(RunListener listener, RunStats stats, Map<String, HostState> states) {
        this.listener = listener;
        this.stats = stats;
        this.states = states;
    }

    /** Reports one result; {@code task} is null for steps that are not a module task (an include's line). */
    void accept(TaskOutcome o, TaskNode.Task task) {
        listener.hostResult(o);
        stats.record(o);
        HostState h = states.get(o.host());
        if (o.status() == TaskStatus.UNREACHABLE && !(task != null && Boolean.TRUE.equals(task.keywords().ignoreUnreachable()))) {
            h.status = HostState.Status.UNREACHABLE;
        } else if (o.status() == TaskStatus.FAILED && !o.ignored()) {
            h.status = HostState.Status.FAILED;
            if (task != null && o.result() != null) {
                h.lastFailure = new HostState.Failure(task, o.result());
            }
        }
        if (task != null && o.changed() && !task.keywords().notifies().isEmpty()) {
            synchronized (h) {
                h.notified.addAll(task.keywords().notifies());
            }
        }
    }
}
