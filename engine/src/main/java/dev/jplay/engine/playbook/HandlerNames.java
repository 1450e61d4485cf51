package dev.jplay.engine.playbook;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a handler answers to when a task notifies: its name, its name as shown ({@code role : name}),
 * and its listen topics. The loader checks every notify against these; the executor runs by them.
 */
public final class HandlerNames {
    private HandlerNames() {
    }

    public static Set<String> of(TaskNode.Task handler) {
        Set<String> names = new LinkedHashSet<>(handler.keywords().listen());
        if (handler.name() != null) {
            names.add(handler.name());
            names.add(handler.displayName());
        }
        return names;
    }
}
