package dev.jplay.engine.cli;

/**
 * jplay's exit codes. Unlike ansible-playbook, a parse error and an unreachable host never share a code.
 */
public final class ExitCodes {
    /** Every task on every host went well (also: no hosts matched). */
    public static final int OK = 0;
    /** An error outside the run: a file missing, I/O. */
    public static final int ERROR = 1;
    /** A task failed on some host. Wins over UNREACHABLE when both happen. */
    public static final int TASK_FAILED = 2;
    /** The playbook, inventory, vars or an expression is invalid; nothing ran. */
    public static final int INVALID_INPUT = 3;
    /** A host was unreachable (and no task failed). */
    public static final int UNREACHABLE = 4;
    /** Bad command line. */
    public static final int USAGE = 5;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 99;
    /** A bug in jplay. */
    public static final int INTERNAL = 250;

    private ExitCodes() {
    }
}
