package dev.jplay.engine.run;

import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;

import java.util.List;

/**
 * Receives the events of a run in order. The console output and the JSON report are two
 * listeners of the same stream. Calls come from one thread at a time, in a stable order per task.
 */
public interface RunListener {

    default void playbookStarted(Playbook playbook, boolean checkMode) {
    }

    default void playStarted(Play play, List<String> hosts) {
    }

    /** @param kind "TASK", "RUNNING HANDLER" */
    default void taskStarted(String kind, String title) {
    }

    /** The same, with where the task is written ({@code -vv} shows it as Ansible's "task path"). */
    default void taskStarted(String kind, String title, dev.jplay.engine.error.SourceLocation where) {
        taskStarted(kind, title);
    }

    default void hostResult(TaskOutcome outcome) {
    }

    /**
     * include_tasks brought in a file for these hosts.
     *
     * @param item the loop item's label, or null without a loop
     */
    default void included(String file, List<String> hosts, String item) {
    }

    /**
     * {@code -vvv}: a line about a task's connection or a command it runs on a host, as Ansible prints
     * them ({@code ESTABLISH LOCAL CONNECTION FOR USER: root}, {@code EXEC /bin/sh -c '...'}), already
     * masked; never sent for a no_log task.
     */
    default void connectionTrace(String host, String line) {
    }

    default void warning(String message) {
    }

    /** Failures ended the play for every host (any_errors_fatal, max_fail_percentage); the playbook stops. */
    default void noHostsLeft() {
    }

    default void playbookFinished(RunStats stats) {
    }
}
