package dev.jplay.engine.run;

/** How a task ended on one host, as the output and the recap count it. */
public enum TaskStatus {
    OK, CHANGED, SKIPPED, FAILED, UNREACHABLE;

    public boolean isFailure() {
        return this == FAILED || this == UNREACHABLE;
    }
}
