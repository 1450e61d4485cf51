package dev.jplay.engine.run;

import dev.jplay.engine.text.Fnmatch;
import java.util.regex.Pattern;

/**
 * A task name pattern as {@code --start-at-task} takes it in Ansible: the name itself, or a shell
 * glob (Python's fnmatch: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}), matched against the
 * task's name and against its name with the role ({@code role : name}).
 */
public record TaskNameGlob(String pattern, Pattern regex) {

    public static TaskNameGlob of(String pattern) {
        return new TaskNameGlob(pattern, Fnmatch.compile(pattern));
    }

    public boolean matches(String name, String displayName) {
        return name != null && (name.equals(pattern) || regex.matcher(name).matches())
                || displayName != null && (displayName.equals(pattern) || regex.matcher(displayName).matches());
    }
}
