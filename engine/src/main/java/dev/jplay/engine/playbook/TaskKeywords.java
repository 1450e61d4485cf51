package dev.jplay.engine.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords of a task (or block, or play) other than its module. Null means "not set here".
 * Blocks and plays pass theirs down: {@link #inheritFrom} merges an enclosing level into a task's,
 * so each task carries its effective keywords and the executor looks in one place.
 */
public record TaskKeywords(
        List<String> when, Object loop, LoopControl loopControl, String register, List<String> notifies, List<String> listen,
        Set<String> tags, Boolean become, String becomeUser, String becomeMethod, List<String> failedWhen,
        List<String> changedWhen, Object ignoreErrors, Boolean ignoreUnreachable, List<String> until, Object retries,
        Object delay, Boolean noLog, Boolean checkMode, Boolean diff, Map<String, Object> environment, Boolean runOnce,
        Map<String, Object> vars, String delegateTo, Object timeout, Object throttle, Boolean anyErrorsFatal, String connection) {

    /** {@code loop_control}: the loop variable's name, the label shown per item, and an index variable. */
    public record LoopControl(String loopVar, String label, String indexVar, Object pause) {
        public static final LoopControl DEFAULT = new LoopControl("item", null, null, null);
    }

    public static final TaskKeywords EMPTY = new TaskKeywords(List.of(), null, null, null, List.of(), List.of(), Set.of(), null,
            null, null, List.of(), List.of(), null, null, List.of(), null, null, null, null, null, Map.of(), null, Map.of(), null,
            null, null, null, null);

    /** Keywords without {@code connection} (the connection then comes from the host's variables or -c). */
    public TaskKeywords(List<String> when, Object loop, LoopControl loopControl, String register, List<String> notifies,
                        List<String> listen, Set<String> tags, Boolean become, String becomeUser, String becomeMethod,
                        List<String> failedWhen, List<String> changedWhen, Object ignoreErrors, Boolean ignoreUnreachable,
                        List<String> until, Object retries, Object delay, Boolean noLog, Boolean checkMode, Boolean diff,
                        Map<String, Object> environment, Boolean runOnce, Map<String, Object> vars, String delegateTo, Object timeout,
                        Object throttle, Boolean anyErrorsFatal) {
        this(when, loop, loopControl, register, notifies, listen, tags, become, becomeUser, becomeMethod, failedWhen, changedWhen,
                ignoreErrors, ignoreUnreachable, until, retries, delay, noLog, checkMode, diff, environment, runOnce, vars, delegateTo,
                timeout, throttle, anyErrorsFatal, null);
    }

    public TaskKeywords {
        when = when == null ? List.of() : List.copyOf(when);
        notifies = notifies == null ? List.of() : List.copyOf(notifies);
        listen = listen == null ? List.of() : List.copyOf(listen);
        tags = tags == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        failedWhen = failedWhen == null ? List.of() : List.copyOf(failedWhen);
        changedWhen = changedWhen == null ? List.of() : List.copyOf(changedWhen);
        until = until == null ? List.of() : List.copyOf(until);
        environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * This task's keywords with an enclosing block's or play's applied: conditions add up, tags and
     * vars and environment merge (the inner level wins on a clash), other inheritable keywords are
     * taken from outside only where this level leaves them unset.
     */
    public TaskKeywords inheritFrom(TaskKeywords outer) {
        List<String> w = new ArrayList<>(outer.when);
        w.addAll(when);
        Set<String> t = new LinkedHashSet<>(outer.tags);
        t.addAll(tags);
        Map<String, Object> v = new LinkedHashMap<>(outer.vars);
        v.putAll(vars);
        Map<String, Object> env = new LinkedHashMap<>(outer.environment);
        env.putAll(environment);
        return new TaskKeywords(w, loop, loopControl, register, notifies, listen, t,
                become != null ? become : outer.become,
                becomeUser != null ? becomeUser : outer.becomeUser,
                becomeMethod != null ? becomeMethod : outer.becomeMethod,
                failedWhen, changedWhen,
                ignoreErrors != null ? ignoreErrors : outer.ignoreErrors,
                ignoreUnreachable != null ? ignoreUnreachable : outer.ignoreUnreachable,
                until, retries, delay,
                noLog != null ? noLog : outer.noLog,
                checkMode != null ? checkMode : outer.checkMode,
                diff != null ? diff : outer.diff,
                env,
                runOnce != null ? runOnce : outer.runOnce,
                v,
                delegateTo != null ? delegateTo : outer.delegateTo,
                timeout != null ? timeout : outer.timeout,
                throttle != null ? throttle : outer.throttle,
                anyErrorsFatal != null ? anyErrorsFatal : outer.anyErrorsFatal,
                connection != null ? connection : outer.connection);
    }

    public TaskKeywords withTags(Set<String> more) {
        Set<String> t = new LinkedHashSet<>(tags);
        t.addAll(more);
        return new TaskKeywords(when, loop, loopControl, register, notifies, listen, t, become, becomeUser, becomeMethod, failedWhen,
                changedWhen, ignoreErrors, ignoreUnreachable, until, retries, delay, noLog, checkMode, diff, environment, runOnce,
                vars, delegateTo, timeout, throttle, anyErrorsFatal, connection);
    }
}
