package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.ModuleResult;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the run knows about one host: its facts, registered results, connection, and whether it goes on. */
final class HostState {

    enum Status { ACTIVE, FAILED, UNREACHABLE, ENDED }

    final String name;
    /** Gathered facts ({@code ansible_facts}); also injected as top-level {@code ansible_*} variables, as data. */
    final Map<String, Object> facts = new LinkedHashMap<>();
    /** set_fact and register results: above play vars in precedence. Data: they reach scopes as DataValues, never rendered. */
    final Map<String, Object> runtimeVars = new LinkedHashMap<>();
    /** Handlers notified on this host and not yet run, by handler name or listen topic. */
    final Set<String> notified = new LinkedHashSet<>();
    /** The last task that failed on this host and its result: what a rescue sees as ansible_failed_task/_result. */
    volatile Failure lastFailure;
    volatile Status status = Status.ACTIVE;
    Connection connection;
    String unreachableReason;

    HostState(String name) {
        this.name = name;
    }

    record Failure(TaskNode.Task task, ModuleResult result) {
    }

    boolean active() {
        return status == Status.ACTIVE;
    }
}
