package dev.jplay.engine.testkit;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A connection whose host is a script: each command is matched against rules (regex, first match
 * wins) that say what it prints. Records every command, so a test can assert which commands a
 * module ran. For data-driven module tests: "given what the probes print, expect these commands".
 * A command that matches no rule fails the test loudly.
 */
public final class ScriptedConnection implements Connection {

    /** When a command matches {@code pattern} (find, DOTALL), answer with this result. */
    public record Rule(Pattern pattern, ExecResult result) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<ExecRequest> executed = new ArrayList<>();

    public ScriptedConnection on(String regex, int rc, String stdout) {
        return on(regex, rc, stdout, "");
    }

    public ScriptedConnection on(String regex, int rc, String stdout, String stderr) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), ExecResult.of(rc, stdout, stderr)));
        return this;
    }

    @Override
    public synchronized ExecResult exec(ExecRequest request) {
        executed.add(request);
        for (Rule r : rules) {
            if (r.pattern().matcher(request.script()).find()) {
                return r.result();
            }
        }
        throw new AssertionError("unexpected command (no rule matches): " + request.script());
    }

    /** The scripts run so far, in order. */
    public synchronized List<String> scripts() {
        return executed.stream().map(ExecRequest::script).toList();
    }

    public synchronized List<ExecRequest> requests() {
        return List.copyOf(executed);
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public void close() {
    }
}
