package dev.jplay.engine.expr;

import java.util.Map;

/**
 * A {@code with_<name>:} loop: Ansible runs the lookup of that name over the keyword's terms
 * ({@code with_items} is the items lookup, which flattens one level; {@code first_available_file} is
 * first_found). The terms are rendered when the task runs.
 */
public record LoopLookup(String lookup, Object terms, String subdir) {
    public LoopLookup(String lookup, Object terms) {
        this(lookup, terms, "files");
    }

    /**
     * The folder relative file names are looked for in, as Ansible's task executor tells the lookup:
     * {@code templates} for a template task, {@code vars} for include_vars, else {@code files}.
     */
    public static String subdirFor(String action) {
        if (action == null) {
            return "files";
        }
        return action.contains("template") ? "templates" : action.contains("var") ? "vars" : "files";
    }

    private static final Map<String, String> OLD_NAMES = Map.of("first_available_file", "first_found", "with_flattened", "flattened");

    /** The lookup a loop keyword stands for ({@code with_dict} -> dict), or null when the key is not a with_* loop. */
    public static String lookupFor(String key) {
        if (OLD_NAMES.containsKey(key)) {
            return OLD_NAMES.get(key);
        }
        return key.startsWith("with_") && key.length() > 5 ? key.substring(5) : null;
    }
}
