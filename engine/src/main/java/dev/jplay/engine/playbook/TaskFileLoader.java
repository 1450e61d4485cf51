package dev.jplay.engine.playbook;

import dev.jplay.engine.error.SourceLocation;

import java.nio.file.Path;
import java.util.List;

/**
 * What the executor needs of the loader while a play runs: reading the task file a dynamic include
 * names (validated as at load), and where a task's templates are looked up.
 */
public interface TaskFileLoader {

    /** The tasks of {@code file}, with {@code inherited} keywords applied; an InputError when it is missing or invalid. */
    List<TaskNode> loadTaskFile(Path file, TaskKeywords inherited, RoleContext role, SourceLocation from);

    /** Where templates are looked up for a task written in {@code base}, coming from {@code role}. */
    List<Path> templateSearchPath(Path base, RoleContext role);
}
