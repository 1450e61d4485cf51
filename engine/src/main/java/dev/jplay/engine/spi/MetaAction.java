package dev.jplay.engine.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The actions of Ansible's {@code meta} task that jplay carries out: one declaration shared by the
 * loader (which refuses any other at load), the executor (which acts on them) and the meta module
 * (whose documented choices they are).
 */
public enum MetaAction {
    FLUSH_HANDLERS("flush_handlers", "runs the handlers notified so far, now"),
    END_PLAY("end_play", "ends the play for all its hosts"),
    END_HOST("end_host", "ends the play for the current host"),
    NOOP("noop", "does nothing"),
    CLEAR_FACTS("clear_facts", "forgets the host's gathered facts"),
    CLEAR_HOST_ERRORS("clear_host_errors", "lets the play's failed hosts go on with the next task"),
    RESET_CONNECTION("reset_connection", "closes the host's connection, so the next task opens a new one (new groups, new login)");

    private final String key;
    private final String description;

    MetaAction(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The action as written: {@code meta: flush_handlers}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<MetaAction> of(String key) {
        String k = key == null ? "" : key.strip();
        return Arrays.stream(values()).filter(a -> a.key.equals(k)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(MetaAction::key).toList();
    }
}
