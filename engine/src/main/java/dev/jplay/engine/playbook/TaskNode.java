package dev.jplay.engine.playbook;

import dev.jplay.engine.error.SourceLocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A node of a play's task tree: a module task, a block, or a dynamic include. */
public sealed interface TaskNode permits TaskNode.Task, TaskNode.Block, TaskNode.IncludeTasks {

    String name();

    TaskKeywords keywords();

    SourceLocation location();

    /**
     * A module call.
     *
     * @param args     the options as written (values may hold {@code {{ }}}); free-form text is under {@code _raw_params}
     * @param role     the role the task comes from, or null
     * @param baseDir  the folder of the file the task was written in (relative paths resolve here)
     */
    record Task(String name, String module, Map<String, Object> args, TaskKeywords keywords, SourceLocation location,
                RoleContext role, Path baseDir) implements TaskNode {

        /** What the output shows: the name, or {@code module: args} like Ansible. */
        public String displayName() {
            String prefix = role != null ? role.name() + " : " : "";
            return prefix + (name != null && !name.isBlank() ? name : module);
        }
    }

    /** {@code block}/{@code rescue}/{@code always}; keywords are already applied to the children. */
    record Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always, TaskKeywords keywords,
                 SourceLocation location) implements TaskNode {
    }

    /** {@code include_tasks}: the file is read when the task runs (it may be an expression). */
    record IncludeTasks(String name, String file, TaskKeywords keywords, SourceLocation location, RoleContext role, Path baseDir)
            implements TaskNode {
    }
}
