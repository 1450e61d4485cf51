package dev.jplay.engine.error;

/**
 * The playbook, inventory, vars or an expression is invalid: reported with its place and what was
 * expected, before any host is touched. Exit code 3.
 */
public class InputError extends RuntimeException {
    private final SourceLocation location;
    private final String context;

    /**
     * @param location where the bad input is (may be null when no file is involved)
     * @param context  what was being read, e.g. {@code task 'Install nginx'} (may be null)
     */
    public InputError(SourceLocation location, String context, String message) {
        super(message);
        this.location = location;
        this.context = context;
    }

    public InputError(SourceLocation location, String message) {
        this(location, null, message);
    }

    public SourceLocation location() {
        return location;
    }

    public String context() {
        return context;
    }

    /** {@code file:line:col: task 'x': message}, the form editors and CI logs can jump to. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        if (context != null && !context.isEmpty()) {
            sb.append(context).append(": ");
        }
        return sb.append(getMessage()).toString();
    }
}
