package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.EnvironmentName;
import dev.jplay.engine.expr.DataValue;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.Truthiness;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.TaskKeywords;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.registry.OptionCoercion;
import dev.jplay.engine.spi.HostUnreachable;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one module task on one host: evaluates {@code when}, loops, renders and binds the options,
 * runs the module over the host's connection (or the delegate's), retries with {@code until},
 * applies {@code changed_when}/{@code failed_when}/{@code ignore_errors}, and registers the result.
 */
final class TaskRunner {
    private final ModuleRegistry modules;
    private final Expressions expressions;
    private final TemplateFiles templates;
    private final VarsAssembler vars;
    private final RunOptions options;
    private final ConnectionPool connections;
    private final Function<TaskNode.Task, TaskContext.SearchPath> searchPaths;

    TaskRunner(ModuleRegistry modules, Expressions expressions, TemplateFiles templates, VarsAssembler vars, RunOptions options,
               ConnectionPool connections, Function<TaskNode.Task, TaskContext.SearchPath> searchPaths) {
        this.modules = modules;
        this.expressions = expressions;
        this.templates = templates;
        this.vars = vars;
        this.options = options;
        this.connections = connections;
        this.searchPaths = searchPaths;
    }

    /** Thrown inside a task run when the host cannot be reached. */
    private static final class Unreachable extends Exception {
        Unreachable(String msg) {
            super(msg);
        }
    }

    TaskOutcome run(TaskNode.Task task, HostState host, VarsAssembler.PlayVars play) {
        long start = System.nanoTime();
        TaskKeywords kw = task.keywords();
        boolean hidden = Boolean.TRUE.equals(kw.noLog());
        String delegate = null;
        try {
            VarScope scope = vars.scope(host, play, kw, task.role(), Map.of());
            delegate = kw.delegateTo() == null ? null : Expressions.toText(scope.render(kw.delegateTo()));
            TaskOutcome o;
            if (kw.loop() == null) {
                o = single(task, host, scope, delegate, start, hidden);
            } else {
                o = loop(task, host, scope, delegate, start, hidden);
            }
            register(task, host, o);
            return o;
        } catch (ExpressionError e) {
            ModuleResult r = ModuleResult.failed(where(task) + e.getMessage());
            return outcome(task, host, delegate, TaskStatus.FAILED, r, List.of(), start, false, hidden, 1);
        }
    }

    private TaskOutcome single(TaskNode.Task task, HostState host, VarScope scope, String delegate, long start, boolean hidden) {
        TaskKeywords kw = task.keywords();
        String falseWhen = firstFalse(kw.when(), scope);
        if (falseWhen != null) {
            ModuleResult r = ModuleResult.ok().skipped().msg("Conditional result was False").value("false_condition", falseWhen)
                    .value("skip_reason", "Conditional result was False").build();
            return outcome(task, host, delegate, TaskStatus.SKIPPED, r, List.of(), start, false, hidden, 1);
        }
        Attempt a = attemptWithRetries(task, host, scope, delegate);
        return outcome(task, host, delegate, a.status, a.result, List.of(), start, a.ignored, hidden, a.attempts);
    }

    private TaskOutcome loop(TaskNode.Task task, HostState host, VarScope scope, String delegate, long start, boolean hidden) {
        TaskKeywords kw = task.keywords();
        Object items = scope.render(kw.loop());
        if (!(items instanceof List<?> list)) {
            ModuleResult r = ModuleResult.failed(where(task) + "'loop' must give a list, but gave "
                    + (items == null ? "nothing" : items.getClass().getSimpleName().toLowerCase() + " '" + Expressions.toText(items) + "'"));
            return outcome(task, host, delegate, TaskStatus.FAILED, r, List.of(), start, false, hidden, 1);
        }
        TaskKeywords.LoopControl lc = kw.loopControl() == null ? TaskKeywords.LoopControl.DEFAULT : kw.loopControl();
        List<TaskOutcome.ItemOutcome> outcomes = new ArrayList<>();
        List<Object> registered = new ArrayList<>();
        boolean anyChanged = false;
        boolean anyFailed = false;
        boolean allSkipped = !list.isEmpty();
        boolean failureNotIgnored = false;
        int index = 0;
        for (Object item : list) {
            Map<String, Object> loopVars = new LinkedHashMap<>();
            loopVars.put(lc.loopVar(), item);
            loopVars.put("ansible_loop_var", lc.loopVar());
            if (lc.indexVar() != null) {
                loopVars.put(lc.indexVar(), index);
            }
            index++;
            VarScope itemScope = scope.withData(loopVars);
            String label = lc.label() != null ? Expressions.toText(itemScope.render(lc.label())) : Expressions.toText(item);
            TaskStatus status;
            ModuleResult r;
            if (firstFalse(kw.when(), itemScope) != null) {
                status = TaskStatus.SKIPPED;
                r = ModuleResult.ok().skipped().msg("Conditional result was False").build();
            } else {
                Attempt a = attemptWithRetries(task, host, itemScope, delegate);
                status = a.status;
                r = a.result;
                failureNotIgnored |= status == TaskStatus.FAILED && !a.ignored;
                allSkipped = false;
                if (status == TaskStatus.UNREACHABLE) {
                    outcomes.add(new TaskOutcome.ItemOutcome(label, status, r, lc.loopVar(), item));
                    return outcome(task, host, delegate, TaskStatus.UNREACHABLE, r, outcomes, start, false, hidden, 1);
                }
            }
            anyChanged |= status == TaskStatus.CHANGED;
            anyFailed |= status == TaskStatus.FAILED;
            outcomes.add(new TaskOutcome.ItemOutcome(label, status, r, lc.loopVar(), item));
            Map<String, Object> reg = new LinkedHashMap<>(r.asRegistered());
            reg.put(lc.loopVar(), item);
            reg.put("ansible_loop_var", lc.loopVar());
            registered.add(reg);
            applyFacts(host, r);
        }
        ModuleResult.Builder b = ModuleResult.changed(anyChanged).value("results", registered)
                .msg(anyFailed ? "One or more items failed" : allSkipped ? "All items skipped" : "All items completed");
        if (anyFailed) {
            b.failed();
        }
        TaskStatus status = anyFailed ? TaskStatus.FAILED : allSkipped ? TaskStatus.SKIPPED : anyChanged ? TaskStatus.CHANGED
                : TaskStatus.OK;
        if (allSkipped) {
            b.skipped();
        }
        // like Ansible, a loop with failed items fails (and registers failed: true) even when ignore_errors lets the host go on
        return outcome(task, host, delegate, status, b.build(), outcomes, start, anyFailed && !failureNotIgnored, hidden, 1);
    }

    private record Attempt(TaskStatus status, ModuleResult result, boolean ignored, int attempts) {
    }

    private Attempt attemptWithRetries(TaskNode.Task task, HostState host, VarScope scope, String delegate) {
        TaskKeywords kw = task.keywords();
        int retries = kw.until().isEmpty() ? 0 : toInt(render(kw.retries(), scope), 3);
        long delay = kw.until().isEmpty() ? 0 : toInt(render(kw.delay(), scope), 5);
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt a = attempt(task, host, scope, delegate);
            if (a.status == TaskStatus.UNREACHABLE || kw.until().isEmpty()) {
                return new Attempt(a.status, a.result, a.ignored, attempts);
            }
            Map<String, Object> reg = new LinkedHashMap<>(a.result.asRegistered());
            reg.put("attempts", attempts);
            VarScope withResult = kw.register() != null ? scope.withData(Map.of(kw.register(), reg)) : scope;
            boolean done = firstFalse(kw.until(), withResult) == null;
            if (done || attempts > retries) {
                ModuleResult r = a.result;
                if (!done) {
                    r = r.withFailed(true, "Task failed after " + attempts + " attempts; 'until' never held: " + String.join(" and ", kw.until())
                            + (r.msg().isEmpty() ? "" : " (last result: " + r.msg() + ")"));
                    boolean ign = ignoreErrors(kw, scope);
                    return new Attempt(TaskStatus.FAILED, r, ign, attempts);
                }
                return new Attempt(a.status, r, a.ignored, attempts);
            }
            sleep(delay);
        }
    }

    private Attempt attempt(TaskNode.Task task, HostState host, VarScope scope, String delegate) {
        TaskKeywords kw = task.keywords();
        Module module = modules.find(task.module()).orElseThrow();
        boolean check = kw.checkMode() != null ? kw.checkMode() : options.check();
        boolean diff = kw.diff() != null ? kw.diff() : options.diff();
        ModuleResult result;
        SecretMask mask = SecretMask.NONE;
        try {
            ModuleArgs args = bindArgs(task, module, scope);
            if (check && !module.spec().checkMode()) {
                return new Attempt(TaskStatus.SKIPPED, ModuleResult.skipped("check mode: module '" + module.spec().name()
                        + "' cannot predict its changes, so it was skipped"), false, 1);
            }
            Become become = become(kw, scope);
            mask = SecretMask.of(module.spec(), args, become);
            Connection conn = connection(host, delegate);
            TaskContext ctx = new TaskContext(args, host.name, conn, become, environment(kw, scope), timeout(kw, scope),
                    check, diff, scope, templates, searchPaths.apply(task));
            try {
                result = module.run(ctx);
            } catch (ModuleFailure f) {
                result = ModuleResult.ok().failed().msg(f.getMessage()).values(f.values()).build();
            }
            if (!diff && !result.diffs().isEmpty()) {
                // the output shows every diff a result carries, so a task not in diff mode carries none
                result = new ModuleResult(result.changed(), result.failed(), result.skipped(), result.msg(), result.values(), List.of(),
                        result.facts(), result.warnings());
            }
        } catch (Unreachable u) {
            return new Attempt(TaskStatus.UNREACHABLE, ModuleResult.ok().failed().msg(u.getMessage()).value("unreachable", true).build(),
                    false, 1);
        } catch (HostUnreachable u) {
            connections.broken(delegate != null ? delegate : host.name, new ConnectionException(u.getMessage(), u));
            return new Attempt(TaskStatus.UNREACHABLE, ModuleResult.ok().failed().msg(u.getMessage()).value("unreachable", true).build(),
                    false, 1);
        } catch (IllegalArgumentException | ExpressionError e) {
            result = ModuleResult.failed(where(task) + e.getMessage());
        } catch (dev.jplay.engine.error.InputError e) {
            result = ModuleResult.failed(e.describe());
        } catch (RuntimeException e) {
            result = ModuleResult.failed("internal error in module '" + task.module() + "': " + e);
        }
        // a module may repeat a secret option's value (or the become password) in its message or values
        result = mask.apply(result);
        result = applyConditions(task, scope, result);
        applyFacts(host, result);
        boolean ignored = result.failed() && ignoreErrors(kw, scope);
        TaskStatus status = result.failed() ? TaskStatus.FAILED : result.skipped() ? TaskStatus.SKIPPED
                : result.changed() ? TaskStatus.CHANGED : TaskStatus.OK;
        return new Attempt(status, result, ignored, 1);
    }

    private ModuleArgs bindArgs(TaskNode.Task task, Module module, VarScope scope) {
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = (Map<String, Object>) scope.render(task.args());
        rendered.values().removeIf(v -> VarsAssembler.OMIT.equals(v));
        rendered.forEach(TaskRunner::refuseNul);
        return ArgsBinder.bind(module.spec(), rendered);
    }

    /** A NUL cannot reach a host (paths, argv and sh cut it off): refused as a literal one is at load time, never dropped. */
    private static void refuseNul(String option, Object value) {
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("option '" + option + "': a NUL character (\\0) is not allowed in a value");
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> refuseNul(option, v));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> refuseNul(option, v));
        }
    }

    private ModuleResult applyConditions(TaskNode.Task task, VarScope scope, ModuleResult result) {
        TaskKeywords kw = task.keywords();
        // like Ansible: a skipped result (e.g. command in check mode) has no output to judge
        if (kw.changedWhen().isEmpty() && kw.failedWhen().isEmpty() || result.skipped()) {
            return result;
        }
        Map<String, Object> overlay = new LinkedHashMap<>();
        if (kw.register() != null) {
            overlay.put(kw.register(), result.asRegistered());
        }
        VarScope s = scope.withData(overlay);
        // like Ansible: changed_when applies to failed results too, and is evaluated before failed_when
        if (!kw.changedWhen().isEmpty()) {
            result = result.withChanged(firstFalse(kw.changedWhen(), s) == null);
        }
        if (!kw.failedWhen().isEmpty()) {
            boolean failed = firstFalse(kw.failedWhen(), s) == null;
            result = result.withFailed(failed, failed ? (result.msg().isEmpty() ? "failed_when held: " + String.join(" and ", kw.failedWhen())
                    : result.msg()) : result.failed() ? "" : result.msg());
        }
        return result;
    }

    private void applyFacts(HostState host, ModuleResult r) {
        if (!r.facts().isEmpty() && !r.failed()) {
            synchronized (host) {
                host.runtimeVars.putAll(DataValue.all(r.facts()));
            }
        }
    }

    private void register(TaskNode.Task task, HostState host, TaskOutcome o) {
        String name = task.keywords().register();
        if (name == null || o.result() == null) {
            return;
        }
        Map<String, Object> reg = new LinkedHashMap<>(o.result().asRegistered());
        if (o.attempts() > 1) {
            reg.put("attempts", o.attempts());
        }
        synchronized (host) {
            host.runtimeVars.put(name, DataValue.of(reg));
        }
    }

    private Connection connection(HostState host, String delegate) throws Unreachable {
        String target = delegate != null ? delegate : host.name;
        try {
            return connections.get(target, vars::inventoryVars);
        } catch (ConnectionException e) {
            throw new Unreachable(e.getMessage());
        }
    }

    /** The task's become: its keywords, else the host's ansible_become* vars, else the command line's. */
    private Become become(TaskKeywords kw, VarScope scope) {
        RunOptions.BecomeDefaults cli = options.become();
        Object hostBecome = firstVar(scope, "jplay_become", "ansible_become");
        boolean on = kw.become() != null ? kw.become() : hostBecome != null ? Truthiness.isTrue(hostBecome) : cli.become();
        if (!on) {
            return Become.NONE;
        }
        Object hostUser = firstVar(scope, "jplay_become_user", "ansible_become_user");
        String user = kw.becomeUser() != null ? text(scope.render(kw.becomeUser()))
                : hostUser != null ? text(hostUser) : cli.user() != null ? cli.user() : "root";
        Object hostMethod = firstVar(scope, "jplay_become_method", "ansible_become_method");
        String method = kw.becomeMethod() != null ? kw.becomeMethod()
                : hostMethod != null ? text(hostMethod) : cli.method() != null ? cli.method() : "sudo";
        Object pw = firstVar(scope, "jplay_become_password", "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");
        String password = pw != null ? text(pw) : cli.password();
        return new Become(true, user, "su".equals(method) ? Become.BecomeMethod.SU : Become.BecomeMethod.SUDO, password);
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

    private Map<String, String> environment(TaskKeywords kw, VarScope scope) {
        if (kw.environment().isEmpty()) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        kw.environment().forEach((k, v) -> {
            String name = k.contains("{{") ? text(scope.render(k)) : k;
            String problem = EnvironmentName.problem(name);
            if (problem != null) {
                throw new IllegalArgumentException("environment: " + problem);
            }
            env.put(name, text(scope.render(v)));
        });
        return env;
    }

    private Duration timeout(TaskKeywords kw, VarScope scope) {
        Object t = render(kw.timeout(), scope);
        int s = toInt(t, 0);
        return s > 0 ? Duration.ofSeconds(s) : Duration.ZERO;
    }

    private boolean ignoreErrors(TaskKeywords kw, VarScope scope) {
        Object v = kw.ignoreErrors();
        if (v instanceof String s) {
            return Truthiness.isTrue(scope.render(s));
        }
        return Boolean.TRUE.equals(v);
    }

    /** The first condition that is false, or null when all hold. */
    private String firstFalse(List<String> conditions, VarScope scope) {
        for (String c : conditions) {
            if (!expressions.test(c, scope)) {
                return c;
            }
        }
        return null;
    }

    private Object render(Object v, VarScope scope) {
        return v == null ? null : scope.render(v);
    }

    private static int toInt(Object v, int fallback) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            Boolean b = OptionCoercion.parseBool(v);
            return b == null ? fallback : b ? 1 : 0;
        }
    }

    private static String text(Object v) {
        return Expressions.toText(v);
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The start of a run-time error message: the task's file:line:column and its name. */
    static String where(TaskNode.Task task) {
        return task.location() + ": task '" + task.displayName() + "': ";
    }

    private TaskOutcome outcome(TaskNode.Task task, HostState host, String delegate, TaskStatus status, ModuleResult r,
                                List<TaskOutcome.ItemOutcome> items, long start, boolean ignored, boolean hidden, int attempts) {
        return new TaskOutcome(host.name, task.displayName(), delegate, status, r, items,
                Duration.ofNanos(System.nanoTime() - start), ignored, hidden, attempts, task.module());
    }

}
