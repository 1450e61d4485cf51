package dev.jplay.engine.run;

import dev.jplay.engine.playbook.HandlerNames;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.TaskNode;

import java.util.List;
import java.util.Set;

/**
 * The play's handlers and who notified them: a flush runs each notified handler once, in the order
 * the handlers are written, on the hosts that notified it (failed ones too with force_handlers).
 */
final class HandlerQueue {
    private final Play play;
    private final TaskRunner tasks;
    private final RunListener listener;
    private final TaskFanOut fanOut;
    /** --force-handlers: as the play's force_handlers, for every play. */
    private final boolean forceHandlers;

    HandlerQueue(Play play, TaskRunner tasks, RunListener listener, TaskFanOut fanOut, boolean forceHandlers) {
        this.play = play;
        this.tasks = tasks;
        this.listener = listener;
        this.fanOut = fanOut;
        this.forceHandlers = forceHandlers;
    }

    void flush(List<HostState> hosts, VarsAssembler.PlayVars pv) {
        for (TaskNode node : play.handlers()) {
            if (!(node instanceof TaskNode.Task handler)) {
                continue;
            }
            Set<String> names = HandlerNames.of(handler);
            List<HostState> notified = hosts.stream()
                    .filter(h -> h.active() || (play.forceHandlers() || forceHandlers) && h.status == HostState.Status.FAILED)
                    .filter(h -> {
                        synchronized (h) {
                            return h.notified.stream().anyMatch(names::contains);
                        }
                    }).toList();
            if (notified.isEmpty()) {
                continue;
            }
            listener.taskStarted("RUNNING HANDLER", handler.displayName(), handler.location());
            fanOut.run(notified, handler, 0, h -> tasks.run(handler, h, pv));
        }
        for (HostState h : hosts) {
            synchronized (h) {
                h.notified.clear();
            }
        }
    }
}
