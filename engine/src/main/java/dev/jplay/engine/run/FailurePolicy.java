package dev.jplay.engine.run;

import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.TaskNode;

import java.util.List;

/** any_errors_fatal and max_fail_percentage: when failures end the play for every host (and, as in Ansible, the playbook). */
final class FailurePolicy {
    private final Play play;
    private final PlaySettings settings;
    private final RunListener listener;
    private boolean ended;

    FailurePolicy(Play play, PlaySettings settings, RunListener listener) {
        this.play = play;
        this.settings = settings;
        this.listener = listener;
    }

    /** After a task ran on {@code hosts}: ends the play when its failures say so. */
    void afterTask(TaskNode.Task task, List<TaskOutcome> outcomes, List<HostState> hosts) {
        boolean anyFailed = outcomes.stream().anyMatch(o -> o.status() == TaskStatus.FAILED && !o.ignored());
        boolean fatal = task != null && Boolean.TRUE.equals(task.keywords().anyErrorsFatal()) || play.anyErrorsFatal();
        if (anyFailed && fatal) {
            end(hosts);
        }
        checkMaxFail(hosts);
    }

    private void checkMaxFail(List<HostState> hosts) {
        if (settings.maxFailPercentage() == null) {
            return;
        }
        double max = settings.maxFailPercentage();
        long failed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED || h.status == HostState.Status.UNREACHABLE).count();
        if (!hosts.isEmpty() && failed * 100.0 / hosts.size() > max) {
            listener.warning("max_fail_percentage " + max + "% exceeded (" + failed + " of " + hosts.size() + " hosts failed)");
            end(hosts);
        }
    }

    private void end(List<HostState> hosts) {
        if (!ended) {
            listener.noHostsLeft();
        }
        ended = true;
        hosts.stream().filter(HostState::active).forEach(h -> h.status = HostState.Status.ENDED);
    }

    /** Failures ended the play: the playbook stops after it. */
    boolean ended() {
        return ended;
    }
}
