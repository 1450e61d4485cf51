package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.Keyword;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.TaskKeywords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where templated keywords are rendered and coerced to their declared {@link Keyword}
 * types: a task's on each host (and loop item), a play's once before anything runs. A bad value is a
 * {@link KeywordError} naming the keyword (the task fails with its place), or for a play an
 * {@link InputError} (nothing runs).
 */
final class KeywordResolver {
    private final Expressions expressions;
    private final RunOptions options;

    KeywordResolver(Expressions expressions, RunOptions options) {
        this.expressions = expressions;
        this.options = options;
    }

    /** Everything a module run needs from the task's keywords, on this host. */
    TaskSettings task(TaskKeywords kw, VarScope scope) {
        boolean check = kw.checkMode() != null ? kw.checkMode() : options.check();
        boolean diff = kw.diff() != null ? kw.diff() : options.diff();
        return new TaskSettings(become(kw, scope), environment(kw, scope), timeout(kw, scope), check, diff, ignoreErrors(kw, scope));
    }

    /**
     * The become of a task or of fact gathering: its keywords, else the host's ansible_become* (or
     * jplay_become*) vars, else the command line's, else off.
     */
    Become become(TaskKeywords kw, VarScope scope) {
        RunOptions.BecomeDefaults cli = options.become();
        Object hostBecome = firstVar(scope, "jplay_become", "ansible_become");
        boolean on = kw.become() != null ? kw.become()
                : hostBecome != null ? KeywordValues.bool(Keyword.BECOME, hostBecome, true) : cli.become();
        if (!on) {
            return Become.NONE;
        }
        Object hostUser = firstVar(scope, "jplay_become_user", "ansible_become_user");
        String user = kw.becomeUser() != null ? KeywordValues.text(Keyword.BECOME_USER, render(Keyword.BECOME_USER, kw.becomeUser(), scope))
                : hostUser != null ? KeywordValues.text(Keyword.BECOME_USER, hostUser) : cli.user() != null ? cli.user() : "root";
        Object hostMethod = firstVar(scope, "jplay_become_method", "ansible_become_method");
        String method = kw.becomeMethod() != null ? kw.becomeMethod()
                : hostMethod != null ? KeywordValues.text(Keyword.BECOME_METHOD, hostMethod) : cli.method() != null ? cli.method() : "sudo";
        Become.BecomeMethod m = switch (method) {
            case "sudo" -> Become.BecomeMethod.SUDO;
            case "su" -> Become.BecomeMethod.SU;
            default -> throw new KeywordError(Keyword.BECOME_METHOD, "jplay becomes another user with sudo or su, not '" + method + "'");
        };
        Object pw = firstVar(scope, "jplay_become_password", "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");
        String password = pw != null ? Expressions.toText(pw) : cli.password();
        return new Become(true, user, m, password);
    }

    String delegateTo(TaskKeywords kw, VarScope scope) {
        return kw.delegateTo() == null ? null : KeywordValues.text(Keyword.DELEGATE_TO, render(Keyword.DELEGATE_TO, kw.delegateTo(), scope));
    }

    /** {@code until}'s retries and delay (Ansible's defaults: 3 retries, 5 seconds apart). */
    record Retry(int retries, Duration delay) {
        static final Retry NONE = new Retry(0, Duration.ZERO);
    }

    Retry retry(TaskKeywords kw, VarScope scope) {
        if (kw.until().isEmpty()) {
            return Retry.NONE;
        }
        int retries = kw.retries() == null ? 3 : nonNegative(Keyword.RETRIES, render(Keyword.RETRIES, kw.retries(), scope));
        int delay = kw.delay() == null ? 5 : nonNegative(Keyword.DELAY, render(Keyword.DELAY, kw.delay(), scope));
        return new Retry(retries, Duration.ofSeconds(delay));
    }

    /** How many hosts may run the task at once; 0 for no limit beyond --forks. */
    int throttle(TaskKeywords kw, VarScope scope) {
        return kw.throttle() == null ? 0 : nonNegative(Keyword.THROTTLE, render(Keyword.THROTTLE, kw.throttle(), scope));
    }

    private Map<String, String> environment(TaskKeywords kw, VarScope scope) {
        if (kw.environment().isEmpty()) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        kw.environment().forEach((k, v) -> {
            String name = k.contains("{{") ? KeywordValues.text(Keyword.ENVIRONMENT, render(Keyword.ENVIRONMENT, k, scope)) : k;
            String problem = dev.jplay.engine.connection.EnvironmentName.problem(name);
            if (problem != null) {
                throw new KeywordError(Keyword.ENVIRONMENT, problem);
            }
            env.put(name, KeywordValues.text(Keyword.ENVIRONMENT, render(Keyword.ENVIRONMENT, v, scope)));
        });
        return env;
    }

    private Duration timeout(TaskKeywords kw, VarScope scope) {
        if (kw.timeout() == null) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(nonNegative(Keyword.TIMEOUT, render(Keyword.TIMEOUT, kw.timeout(), scope)));
    }

    boolean ignoreErrors(TaskKeywords kw, VarScope scope) {
        Object v = kw.ignoreErrors();
        if (v instanceof String s) {
            return KeywordValues.bool(Keyword.IGNORE_ERRORS, render(Keyword.IGNORE_ERRORS, s, scope), true);
        }
        return Boolean.TRUE.equals(v);
    }

    /**
     * serial and max_fail_percentage, rendered with the play's vars and -e (as the hosts pattern is):
     * a bad value is an invalid playbook, found before the first host is touched.
     */
    static PlaySettings play(Play play, Expressions expressions, Map<String, Object> extraVars) {
        VarScope scope = new VarScope(new LinkedHashMap<>(play.vars()), expressions).with(extraVars);
        try {
            List<PlaySettings.BatchSize> serial = new ArrayList<>();
            for (Object s : play.serial()) {
                Object v = renderIn(expressions, Keyword.SERIAL, s, scope);
                for (Object one : v instanceof List<?> l ? l : List.of(v)) {
                    serial.add(batchSize(one));
                }
            }
            Double maxFail = play.maxFailPercentage() == null ? null
                    : KeywordValues.percent(Keyword.MAX_FAIL_PERCENTAGE, renderIn(expressions, Keyword.MAX_FAIL_PERCENTAGE,
                    play.maxFailPercentage(), scope));
            return new PlaySettings(serial, maxFail);
        } catch (KeywordError e) {
            throw new InputError(play.location(), "play '" + play.displayName() + "'", e.getMessage()
                    + "; a play's " + e.keyword().key() + " can use its vars and -e vars only");
        }
    }

    private static PlaySettings.BatchSize batchSize(Object v) {
        if (v instanceof String s && s.strip().endsWith("%")) {
            return new PlaySettings.Share(KeywordValues.percent(Keyword.SERIAL, s));
        }
        int n = KeywordValues.integer(Keyword.SERIAL, v);
        if (n < 0) {
            throw new KeywordError(Keyword.SERIAL, "a batch size cannot be negative, got " + n);
        }
        return new PlaySettings.Count(n);
    }

    private static int nonNegative(Keyword k, Object v) {
        int n = KeywordValues.integer(k, v);
        if (n < 0) {
            throw new KeywordError(k, "expected a number of at least 0, got " + n);
        }
        return n;
    }

    private Object render(Keyword k, Object raw, VarScope scope) {
        return renderIn(expressions, k, raw, scope);
    }

    private static Object renderIn(Expressions expressions, Keyword k, Object raw, VarScope scope) {
        if (!Expressions.containsExpression(raw)) {
            return dev.jplay.engine.expr.DataValue.plain(raw);
        }
        try {
            return scope.render(raw);
        } catch (ExpressionError e) {
            throw new KeywordError(k, e.getMessage());
        }
    }

    private static Object firstVar(VarScope scope, String... names) {
        for (String n : names) {
            if (scope.has(n)) {
                Object v = scope.resolve(n);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }
}
