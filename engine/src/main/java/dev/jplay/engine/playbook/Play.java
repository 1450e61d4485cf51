package dev.jplay.engine.playbook;

import dev.jplay.engine.error.SourceLocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play. Roles are already expanded: their tasks lead {@code tasks}, their handlers join
 * {@code handlers}. The play's become/environment/tags etc. are already applied to its tasks;
 * {@code keywords} keeps them for facts gathering.
 *
 * @param serial             batch sizes (numbers or "30%"), empty for all hosts at once
 * @param maxFailPercentage  null when not set
 */
public record Play(String name, String hosts, Map<String, Object> vars, List<String> varsFiles, boolean gatherFacts,
                   List<TaskNode> preTasks, List<TaskNode> tasks, List<TaskNode> postTasks, List<TaskNode> handlers,
                   List<RoleContext> roles, TaskKeywords keywords, List<Object> serial, boolean anyErrorsFatal,
                   Object maxFailPercentage, boolean forceHandlers, SourceLocation location, Path baseDir) {

    public String displayName() {
        return name != null && !name.isBlank() ? name : hosts;
    }
}
