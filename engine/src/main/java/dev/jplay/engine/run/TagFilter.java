package dev.jplay.engine.run;

import java.util.Set;

/**
 * Ansible's tag selection: with no --tags every task runs except those tagged {@code never};
 * {@code always} runs unless skipped explicitly; {@code tagged}/{@code untagged} select by having tags.
 */
public record TagFilter(Set<String> only, Set<String> skip) {

    public boolean selects(Set<String> taskTags) {
        if (taskTags.stream().anyMatch(skip::contains)) {
            return false;
        }
        if (skip.contains("tagged") && !taskTags.isEmpty() || skip.contains("untagged") && taskTags.isEmpty()) {
            return false;
        }
        if (only.isEmpty() || only.contains("all")) {
            return !taskTags.contains("never") || taskTags.stream().anyMatch(only::contains);
        }
        if (taskTags.contains("always")) {
            return true;
        }
        if (only.contains("tagged") && !taskTags.isEmpty() || only.contains("untagged") && taskTags.isEmpty()) {
            return true;
        }
        return taskTags.stream().anyMatch(only::contains);
    }
}
