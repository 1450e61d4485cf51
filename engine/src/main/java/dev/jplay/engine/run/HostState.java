package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the run knows about one host: its facts, registered results, connection, and whether it goes on. */
final class HostState {

    enum Status { ACTIVE, FAILED, UNREACHABLE, ENDED }

    final String name;
    /** Gathered facts ({@code ansible_facts}); also injected as top-level {@code ansible_*} variables. */
    final Map<String, Object> facts = new LinkedHashMap<>();
    /** set_fact and register results: above play vars in precedence. */
    final Map<String, Object> runtimeVars = new LinkedHashMap<>();
    /** Handlers notified on this host and not yet run, by handler name or listen topic. */
    final Set<String> notified = new LinkedHashSet<>();
    volatile Status status = Status.ACTIVE;
    Connection connection;
    String unreachableReason;

    HostState(String name) {
        this.name = name;
    }

    boolean active() {
        return status == Status.ACTIVE;
    }
}
