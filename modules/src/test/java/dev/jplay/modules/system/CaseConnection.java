package dev.jplay.modules.system;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The host of a data-driven case: like the engine's ScriptedConnection (regex rules, first match
 * wins, every request recorded, an unmatched command fails loudly), plus rules that answer only
 * once, so a case can show a state that changes between two identical probes (a user manager that
 * is absent, then started).
 */
final class CaseConnection implements Connection {

    private static final class Rule {
        final Pattern pattern;
        final ExecResult result;
        boolean once;
        boolean used;

        Rule(Pattern pattern, ExecResult result, boolean once) {
            this.pattern = pattern;
            this.result = result;
            this.once = once;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<ExecRequest> executed = new ArrayList<>();

    CaseConnection on(String regex, int rc, String stdout, String stderr, boolean once) {
        rules.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), ExecResult.of(rc, stdout, stderr), once));
        return this;
    }

    @Override
    public synchronized ExecResult exec(ExecRequest request) {
        executed.add(request);
        for (Rule r : rules) {
            if ((r.once && r.used) || !r.pattern.matcher(request.script()).find()) {
                continue;
            }
            r.used = true;
            return r.result;
        }
        throw new AssertionError("unexpected command (no rule matches): " + request.script());
    }

    synchronized List<ExecRequest> requests() {
        return List.copyOf(executed);
    }

    @Override
    public String describe() {
        return "case";
    }

    @Override
    public void close() {
    }
}
