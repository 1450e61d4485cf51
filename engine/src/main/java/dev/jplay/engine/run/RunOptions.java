package dev.jplay.engine.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run a playbook: the command line's choices.
 *
 * @param limit          an extra host pattern (-l), or null
 * @param tags           run only tasks with these tags (empty: all but 'never')
 * @param startAtTask    skip tasks until the first whose name matches this name or glob ({@link TaskNameGlob}), or null
 * @param become         the -b/--become-user/-K defaults
 * @param projectTemplates jplay's own templates/ folders (searched after the playbook's)
 * @param forceHandlers  --force-handlers: notified handlers run on failed hosts too, as a play's force_handlers
 */
public record RunOptions(boolean check, boolean diff, int forks, String limit, Set<String> tags, Set<String> skipTags,
                         Map<String, Object> extraVars, String startAtTask, BecomeDefaults become, int verbosity,
                         ConnectionOpener connections, List<Path> projectTemplates, boolean forceHandlers) {

    public RunOptions(boolean check, boolean diff, int forks, String limit, Set<String> tags, Set<String> skipTags,
                      Map<String, Object> extraVars, String startAtTask, BecomeDefaults become, int verbosity,
                      ConnectionOpener connections, List<Path> projectTemplates) {
        this(check, diff, forks, limit, tags, skipTags, extraVars, startAtTask, become, verbosity, connections, projectTemplates, false);
    }

    /** Privilege escalation asked for on the command line. */
    public record BecomeDefaults(boolean become, String user, String method, String password) {
        public static final BecomeDefaults NONE = new BecomeDefaults(false, null, null, null);

        @Override
        public String toString() {
            return "BecomeDefaults[" + become + ", " + user + ", " + method + (password != null ? ", password set" : "") + "]";
        }
    }

    public RunOptions {
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        // not Map.copyOf: -e {"a": null} sets a to null, as in Ansible
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
        become = become == null ? BecomeDefaults.NONE : become;
        projectTemplates = List.copyOf(projectTemplates);
        forks = Math.max(1, forks);
    }
}
