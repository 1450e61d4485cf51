package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.expr.DataValue;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.TaskKeywords;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.registry.ModuleRegistry;
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
import java.util.function.Consumer;
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
    private final KeywordResolver keywords;
    private final RunListener listener;

    TaskRunner(ModuleRegistry modules, Expressions expressions, TemplateFiles templates, VarsAssembler vars, RunOptions options,
               ConnectionPool connections, Function<TaskNode.Task, TaskContext.SearchPath> searchPaths, RunListener listener) {
        this.listener = listener;
        this.modules = modules;
        this.expressions = expressions;
        this.templates = templates;
        this.vars = vars;
        this.options = options;
        this.connections = connections;
        this.searchPaths = searchPaths;
        this.keywords = new KeywordResolver(expressions, options);
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
            delegate = keywords.delegateTo(kw, scope);
            // nothing at -vvv for a no_log task
            ExecTrace exec = options.verbosity() < 3 || hidden ? ExecTrace.OFF : new ExecTrace(listener, address(host, delegate, scope));
            TaskOutcome o;
            if (kw.loop() == null) {
                o = single(task, host, scope, delegate, start, hidden, exec);
            } else {
                o = loop(task, host, scope, delegate, start, hidden, exec);
            }
            register(task, host, o);
            return o;
        } catch (ExpressionError | KeywordError e) {
            ModuleResult r = ModuleResult.failed(where(task) + e.getMessage());
            return outcome(task, host, delegate, TaskStatus.FAILED, r, List.of(), start, false, hidden, 1);
        }
    }

    private TaskOutcome single(TaskNode.Task task, HostState host, VarScope scope, String delegate, long start, boolean hidden,
                               ExecTrace exec) {
        TaskKeywords kw = task.keywords();
        String falseWhen = firstFalse(kw.when(), scope);
        if (falseWhen != null) {
            ModuleResult r = ModuleResult.ok().skipped().msg("Conditional result was False").value("false_condition", falseWhen)
                    .value("skip_reason", "Conditional result was False").build();
            return outcome(task, host, delegate, TaskStatus.SKIPPED, r, List.of(), start, false, hidden, 1);
        }
        Attempt a = attemptWithRetries(task, host, scope, delegate, exec);
        return outcome(task, host, delegate, a.status, a.result, List.of(), start, a.ignored, hidden, a.attempts);
    }

    private TaskOutcome loop(TaskNode.Task task, HostState host, VarScope scope, String delegate, long start, boolean hidden,
                             ExecTrace exec) {
        TaskKeywords kw = task.keywords();
        List<LoopItems.Item> list;
        try {
            list = LoopItems.of(kw, scope, expressions);
        } catch (KeywordError e) {
            ModuleResult r = ModuleResult.failed(where(task) + e.getMessage());
            return outcome(task, host, delegate, TaskStatus.FAILED, r, List.of(), start, false, hidden, 1);
        }
        List<TaskOutcome.ItemOutcome> outcomes = new ArrayList<>();
        List<Object> registered = new ArrayList<>();
        boolean anyChanged = false;
        boolean anyFailed = false;
        boolean allSkipped = !list.isEmpty();
        boolean failureNotIgnored = false;
        for (LoopItems.Item it : list) {
            Object item = it.value();
            VarScope itemScope = scope.withData(it.vars());
            String label = it.label();
            TaskStatus status;
            ModuleResult r;
            if (firstFalse(kw.when(), itemScope) != null) {
                status = TaskStatus.SKIPPED;
                r = ModuleResult.ok().skipped().msg("Conditional result was False").build();
            } else {
                Attempt a = attemptWithRetries(task, host, itemScope, delegate, exec);
                status = a.status;
                r = a.result;
                failureNotIgnored |= status == TaskStatus.FAILED && !a.ignored;
                allSkipped = false;
                if (status == TaskStatus.UNREACHABLE) {
                    outcomes.add(new TaskOutcome.ItemOutcome(label, status, r, it.loopVar(), item));
                    return outcome(task, host, delegate, TaskStatus.UNREACHABLE, r, outcomes, start, false, hidden, 1);
                }
            }
            anyChanged |= status == TaskStatus.CHANGED;
            anyFailed |= status == TaskStatus.FAILED;
            outcomes.add(new TaskOutcome.ItemOutcome(label, status, r, it.loopVar(), item));
            Map<String, Object> reg = new LinkedHashMap<>(r.asRegistered());
            reg.put(it.loopVar(), item);
            reg.put("ansible_loop_var", it.loopVar());
            registered.add(reg);
            applyFacts(task, host, r);
            if (!r.facts().isEmpty() && !r.failed()) {
                // as Ansible's loop: the next item already sees the facts this one set (set_fact accumulating a list)
                scope = scope.withData(r.facts());
            }
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

    private Attempt attemptWithRetries(TaskNode.Task task, HostState host, VarScope scope, String delegate, ExecTrace exec) {
        TaskKeywords kw = task.keywords();
        KeywordResolver.Retry retry = keywords.retry(kw, scope);
        int attempts = 0;
        while (true) {
            attempts++;
            Attempt a = attempt(task, host, scope, delegate, exec);
            if (a.status == TaskStatus.UNREACHABLE || kw.until().isEmpty()) {
                return new Attempt(a.status, a.result, a.ignored, attempts);
            }
            Map<String, Object> reg = new LinkedHashMap<>(a.result.asRegistered());
            reg.put("attempts", attempts);
            VarScope withResult = kw.register() != null ? scope.withData(Map.of(kw.register(), reg)) : scope;
            boolean done = firstFalse(kw.until(), withResult) == null;
            if (done || attempts > retry.retries()) {
                ModuleResult r = a.result;
                if (!done) {
                    r = r.withFailed(true, "Task failed after " + attempts + " attempts; 'until' never held: " + String.join(" and ", kw.until())
                            + (r.msg().isEmpty() ? "" : " (last result: " + r.msg() + ")"));
                    boolean ign = keywords.ignoreErrors(kw, scope);
                    return new Attempt(TaskStatus.FAILED, r, ign, attempts);
                }
                return new Attempt(a.status, r, a.ignored, attempts);
            }
            sleep(retry.delay());
        }
    }

    private Attempt attempt(TaskNode.Task task, HostState host, VarScope scope, String delegate, ExecTrace exec) {
        TaskKeywords kw = task.keywords();
        Module module = modules.find(task.module()).orElseThrow();
        ModuleResult result;
        SecretMask mask = SecretMask.NONE;
        String chosen = null;
        TaskSettings settings = null;
        try {
            settings = keywords.task(kw, scope);
            ModuleArgs args = bindArgs(task, module, scope);
            if (settings.check() && !module.spec().checkMode()) {
                return new Attempt(TaskStatus.SKIPPED, ModuleResult.skipped("check mode: module '" + module.spec().name()
                        + "' cannot predict its changes, so it was skipped"), false, 1);
            }
            mask = SecretMask.of(module.spec(), args, settings.become());
            chosen = delegate != null ? null : ConnectionChoice.of(scope, kw.connection(), expressions);
            Connection conn = connection(host, delegate, chosen, scope);
            Consumer<ExecRequest> trace = exec.attempt(conn, mask);
            TaskContext ctx = new TaskContext(args, host.name, conn, settings.become(), settings.environment(), settings.timeout(),
                    settings.check(), settings.diff(), scope, templates, searchPaths.apply(task), trace);
            try {
                result = module.run(ctx);
            } catch (ModuleFailure f) {
                result = ModuleResult.ok().failed().msg(f.getMessage()).values(f.values()).build();
            }
            if (!settings.diff() && !result.diffs().isEmpty()) {
                // the output shows every diff a result carries, so a task not in diff mode carries none
                result = new ModuleResult(result.changed(), result.failed(), result.skipped(), result.msg(), result.values(), List.of(),
                        result.facts(), result.warnings());
            }
        } catch (Unreachable u) {
            return new Attempt(TaskStatus.UNREACHABLE, ModuleResult.ok().failed().msg(u.getMessage()).value("unreachable", true).build(),
                    false, 1);
        } catch (HostUnreachable u) {
            connections.broken(delegate != null ? delegate : host.name, chosen, new ConnectionException(u.getMessage(), u));
            return new Attempt(TaskStatus.UNREACHABLE, ModuleResult.ok().failed().msg(u.getMessage()).value("unreachable", true).build(),
                    false, 1);
        } catch (IllegalArgumentException | ExpressionError | KeywordError e) {
            result = ModuleResult.failed(where(task) + e.getMessage());
        } catch (dev.jplay.engine.error.InputError e) {
            result = ModuleResult.failed(e.describe());
        } catch (RuntimeException e) {
            result = ModuleResult.failed("internal error in module '" + task.module() + "': " + e);
        }
        // a module may repeat a secret option's value (or the become password) in its message or values
        result = mask.apply(result);
        result = applyConditions(task, scope, result);
        applyFacts(task, host, result);
        boolean ignored = result.failed() && settings != null && settings.ignoreErrors();
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

    /**
     * A module's facts become variables and, as in Ansible, host facts under {@code ansible_facts}
     * (getent_*, services, packages...); set_fact's stay plain variables, as Ansible's do.
     */
    private void applyFacts(TaskNode.Task task, HostState host, ModuleResult r) {
        if (!r.facts().isEmpty() && !r.failed()) {
            boolean hostFacts = modules.find(task.module()).map(m -> !m.spec().name().equals("set_fact")).orElse(false);
            synchronized (host) {
                host.runtimeVars.putAll(DataValue.all(r.facts()));
                if (hostFacts) {
                    host.facts.putAll(r.facts());
                }
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

    /** The address the task's commands go to, as Ansible's {@code <HOST>} shows it. */
    private String address(HostState host, String delegate, VarScope scope) {
        Object a = delegate != null ? vars.connectionVars(delegate, vars.hostScope(delegate)).get("ansible_host") : scope.resolve("ansible_host");
        return a != null ? Expressions.toText(a) : delegate != null ? vars.address(delegate) : host.name;
    }

    private Connection connection(HostState host, String delegate, String chosen, VarScope scope) throws Unreachable {
        String target = delegate != null ? delegate : host.name;
        try {
            return connections.get(target, chosen, h -> delegate != null ? vars.connectionVars(h, vars.hostScope(h)) : vars.connectionVars(h, scope));
        } catch (ConnectionException e) {
            throw new Unreachable(e.getMessage());
        }
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
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
