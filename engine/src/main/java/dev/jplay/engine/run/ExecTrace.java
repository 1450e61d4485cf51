package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ShellQuote;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The {@code -vvv} lines of one task on one host, as Ansible prints them: {@code ESTABLISH ...} before
 * the task's first command (once per task, loop items included, and not at all for a task that runs
 * nothing on the host, such as debug), then {@code EXEC /bin/sh -c '...'} per command, masked.
 * The host is shown by its address ({@code ansible_host}), as Ansible's {@code <HOST>} is.
 */
final class ExecTrace {
    static final ExecTrace OFF = new ExecTrace(null, null);

    private final RunListener listener;
    private final String address;
    private boolean established;

    ExecTrace(RunListener listener, String address) {
        this.listener = listener;
        this.address = address;
    }

    /** What one attempt of the task reports each command to. */
    Consumer<ExecRequest> attempt(Connection conn, SecretMask mask) {
        if (listener == null) {
            return r -> {
            };
        }
        boolean local = conn.describe().equals("local");
        return r -> {
            if (!established) {
                established = true;
                listener.connectionTrace(address, local ? "ESTABLISH LOCAL CONNECTION FOR USER: " + System.getProperty("user.name")
                        : "ESTABLISH CONNECTION: " + conn.describe());
            }
            String become = r.become().enabled() ? "(become " + r.become().method().name().toLowerCase(Locale.ROOT)
                    + " " + r.become().user() + ") " : "";
            listener.connectionTrace(address, (local ? "EXEC " : "SSH: EXEC ") + become + "/bin/sh -c " + ShellQuote.quote(mask.mask(r.script())));
        };
    }
}
