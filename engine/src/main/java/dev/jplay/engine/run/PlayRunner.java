package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.DataValue;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.host.FactGatherer;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.playbook.TaskKeywords;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.ModuleResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs one play with Ansible's linear strategy: each task on all of the batch's hosts in parallel
 * (at most {@code forks} at once), results reported in host order, before the next task starts.
 * Hosts that fail drop out; block/rescue/always, handlers, serial batches, run_once, throttle,
 * any_errors_fatal and max_fail_percentage are handled here.
 */
final class PlayRunner {
    private final Play play;
    private final RunContext run;
    /** any_errors_fatal or max_fail_percentage ended the play: the playbook stops after it. */
    private boolean playEndedByFailures;

    PlayRunner(Play play, RunContext run) {
        this.play = play;
        this.run = run;
    }

    /** What every play of a run shares. */
    record RunContext(RunOptions options, Expressions expressions, VarsAssembler vars, TaskRunner tasks, ConnectionPool connections,
                      Map<String, HostState> states, RunListener listener, RunStats stats, ExecutorService pool,
                      PlaybookLoader loader, TagFilter tags, StartAt startAt, java.util.function.BooleanSupplier stopRequested) {
    }

    /** --start-at-task: tasks are skipped until one with this name is reached. */
    static final class StartAt {
        private volatile String name;

        StartAt(String name) {
            this.name = name;
        }

        /** True while the named task has not been reached. */
        boolean pending() {
            return name != null;
        }

        String name() {
            return name;
        }

        boolean skip(String taskName) {
            if (name == null) {
                return false;
            }
            if (name.equals(taskName)) {
                name = null;
                return false;
            }
            return true;
        }
    }

    /**
     * Runs the play on its hosts, batch by batch.
     *
     * @return true when the whole playbook must stop, as Ansible stops it: every host of a batch
     *         failed, or any_errors_fatal / max_fail_percentage ended the play
     */
    boolean run(List<HostState> hosts) {
        List<List<HostState>> batches = batches(hosts);
        for (int i = 0; i < batches.size(); i++) {
            if (run.stopRequested().getAsBoolean()) {
                return false;
            }
            List<HostState> batch = batches.get(i);
            if (i > 0) {
                // like Ansible, each serial batch after the first gets its own PLAY banner
                run.listener().playStarted(play, batch.stream().map(h -> h.name).toList());
            }
            runBatch(batch, hosts);
            boolean allFailed = batch.stream().allMatch(h -> h.status == HostState.Status.FAILED || h.status == HostState.Status.UNREACHABLE);
            if (playEndedByFailures || allFailed) {
                return true;
            }
        }
        return false;
    }

    private List<List<HostState>> batches(List<HostState> hosts) {
        if (play.serial().isEmpty()) {
            return List.of(hosts);
        }
        List<List<HostState>> out = new ArrayList<>();
        int i = 0;
        int step = 0;
        while (i < hosts.size()) {
            Object s = play.serial().get(Math.min(step, play.serial().size() - 1));
            int size = batchSize(s, hosts.size());
            out.add(hosts.subList(i, Math.min(hosts.size(), i + size)));
            i += size;
            step++;
        }
        return out;
    }

    private static int batchSize(Object s, int total) {
        String t = String.valueOf(s).strip();
        if (t.endsWith("%")) {
            double pct = Double.parseDouble(t.substring(0, t.length() - 1));
            return Math.max(1, (int) Math.floor(total * pct / 100.0));
        }
        return Math.max(1, (int) Double.parseDouble(t));
    }

    private void runBatch(List<HostState> batch, List<HostState> allHosts) {
        VarsAssembler.PlayVars pv = playVars(allHosts, batch);
        List<HostState> active = batch.stream().filter(HostState::active).toList();
        if (play.gatherFacts()) {
            gatherFacts(active, pv);
        }
        runSection(play.preTasks(), batch, pv);
        runSection(play.tasks(), batch, pv);
        runSection(play.postTasks(), batch, pv);
    }

    private void runSection(List<TaskNode> nodes, List<HostState> batch, VarsAssembler.PlayVars pv) {
        if (nodes.isEmpty()) {
            return;
        }
        runNodes(nodes, batch, pv);
        flushHandlers(batch, pv);
    }

    /**
     * The play's vars_files, their names rendered with the play's vars and -e (they are read once per
     * play, not per host). The runner calls this for every play before anything runs, so a bad name
     * is an invalid playbook, not a failure halfway.
     */
    static List<Path> varsFiles(Play play, Expressions expressions, Map<String, Object> extraVars) {
        VarScope base = new VarScope(new LinkedHashMap<>(play.vars()), expressions).with(extraVars);
        String ctx = "play '" + play.displayName() + "'";
        List<Path> files = new ArrayList<>();
        for (String vf : play.varsFiles()) {
            String name;
            try {
                name = Expressions.toText(expressions.render(vf, base));
            } catch (ExpressionError e) {
                throw new InputError(play.location(), ctx, "vars_files '" + vf + "': " + e.getMessage()
                        + "; vars_files names can use the play's vars and -e vars only");
            }
            Path p = play.baseDir().resolve(name);
            if (!Files.isRegularFile(p)) {
                throw new InputError(play.location(), ctx, "vars file not found: " + p);
            }
            files.add(p);
        }
        return files;
    }

    private VarsAssembler.PlayVars playVars(List<HostState> all, List<HostState> batch) {
        Map<String, Object> vars = new LinkedHashMap<>(play.vars());
        for (Path p : varsFiles(play, run.expressions(), run.options().extraVars())) {
            vars.putAll(PlaybookLoader.readVarsFile(p));
        }
        return new VarsAssembler.PlayVars(vars, all.stream().map(h -> h.name).toList(), batch.stream().map(h -> h.name).toList(),
                play.name());
    }

    private void gatherFacts(List<HostState> hosts, VarsAssembler.PlayVars pv) {
        if (hosts.isEmpty()) {
            return;
        }
        run.listener().taskStarted("TASK", "Gathering Facts");
        List<Future<TaskOutcome>> futures = new ArrayList<>();
        for (HostState h : hosts) {
            futures.add(run.pool().submit(() -> gatherOne(h, pv)));
        }
        report(hosts, futures, null);
    }

    private TaskOutcome gatherOne(HostState h, VarsAssembler.PlayVars pv) {
        long start = System.nanoTime();
        try {
            var conn = run.connections().get(h.name, run.vars()::inventoryVars);
            TaskKeywords kw = play.keywords();
            Become become = Become.NONE;
            if (Boolean.TRUE.equals(kw.become()) || kw.become() == null && run.options().become().become()) {
                String user = kw.becomeUser() != null ? kw.becomeUser() : run.options().become().user();
                become = new Become(true, user, Become.BecomeMethod.SUDO, passwordFor(h, pv));
            }
            Map<String, Object> facts = FactGatherer.gather(conn, become);
            synchronized (h) {
                h.facts.clear();
                h.facts.putAll(facts);
            }
            return new TaskOutcome(h.name, "Gathering Facts", null, TaskStatus.OK, ModuleResult.ok().build(), List.of(),
                    Duration.ofNanos(System.nanoTime() - start), false, false, 1, "");
        } catch (ConnectionException e) {
            return new TaskOutcome(h.name, "Gathering Facts", null, TaskStatus.UNREACHABLE,
                    ModuleResult.ok().failed().msg(e.getMessage()).value("unreachable", true).build(), List.of(),
                    Duration.ofNanos(System.nanoTime() - start), false, false, 1, "");
        }
    }

    private String passwordFor(HostState h, VarsAssembler.PlayVars pv) {
        Map<String, Object> v = run.vars().inventoryVars(h.name);
        for (String k : List.of("jplay_become_password", "ansible_become_password", "ansible_become_pass")) {
            if (v.get(k) != null) {
                return String.valueOf(run.expressions().render(v.get(k), run.vars().scope(h, pv, null, null, Map.of())));
            }
        }
        return run.options().become().password();
    }

    /** Runs nodes on the hosts that are still active; failures change the hosts' status. */
    private void runNodes(List<TaskNode> nodes, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        for (TaskNode node : nodes) {
            if (run.stopRequested().getAsBoolean()) {
                return;
            }
            List<HostState> active = hosts.stream().filter(HostState::active).toList();
            if (active.isEmpty()) {
                return;
            }
            if (node instanceof TaskNode.Task t) {
                runTask(t, active, pv, "TASK");
            } else if (node instanceof TaskNode.Block b) {
                runBlock(b, active, pv);
            } else if (node instanceof TaskNode.IncludeTasks inc) {
                runInclude(inc, active, pv);
            }
        }
    }

    private void runBlock(TaskNode.Block b, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        runNodes(b.block(), hosts, pv);
        List<HostState> failed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED).toList();
        if (!b.rescue().isEmpty() && !failed.isEmpty()) {
            for (HostState h : failed) {
                h.status = HostState.Status.ACTIVE;
                run.stats().rescued(h.name);
                exposeFailure(h);
            }
            runNodes(b.rescue(), failed, pv);
        }
        if (!b.always().isEmpty()) {
            List<HostState> stillFailed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED).toList();
            stillFailed.forEach(h -> h.status = HostState.Status.ACTIVE);
            runNodes(b.always(), hosts, pv);
            stillFailed.stream().filter(HostState::active).forEach(h -> h.status = HostState.Status.FAILED);
        }
    }

    /** Ansible's ansible_failed_task and ansible_failed_result, for the rescue (and what follows) to read. */
    private static void exposeFailure(HostState h) {
        HostState.Failure f = h.lastFailure;
        if (f == null) {
            return;
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", f.task().name() == null ? "" : f.task().name());
        task.put("action", f.task().module());
        task.put("args", f.task().args());
        task.put("tags", new ArrayList<>(f.task().keywords().tags()));
        task.put("when", f.task().keywords().when());
        task.put("location", f.task().location().toString());
        synchronized (h) {
            h.runtimeVars.put("ansible_failed_task", task);
            h.runtimeVars.put("ansible_failed_result", f.result().asRegistered());
        }
    }

    /** One file an include_tasks brings in, for the hosts that include it with the same loop item. */
    private record Inclusion(String file, Map<String, Object> loopVars, String label, List<HostState> hosts) {
    }

    /**
     * include_tasks, as Ansible shows it: the task's banner, "skipping" for hosts whose {@code when}
     * is false, one "included: FILE for HOSTS" line per file (and loop item), each counted as ok,
     * then the included tasks, file by file.
     */
    private void runInclude(TaskNode.IncludeTasks inc, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        if (!run.tags().selects(inc.keywords().tags())) {
            return;
        }
        String title = inc.name() != null && !inc.name().isBlank() ? inc.name() : "include_tasks";
        run.listener().taskStarted("TASK", title);
        // each host may include a different file (or loop over several): group hosts by what they include
        Map<String, Inclusion> byFile = new LinkedHashMap<>();
        for (HostState h : hosts) {
            try {
                VarScope scope = run.vars().scope(h, pv, inc.keywords(), inc.role(), Map.of());
                String falseWhen = inc.keywords().when().stream().filter(w -> !run.expressions().test(w, scope)).findFirst().orElse(null);
                if (falseWhen != null) {
                    emit(includeOutcome(h, title, TaskStatus.SKIPPED, ModuleResult.ok().skipped().msg("Conditional result was False")
                            .value("false_condition", falseWhen).build()), null);
                    continue;
                }
                for (Map<String, Object> it : iterations(inc, scope, h, title)) {
                    VarScope itemScope = scope.withData(it);
                    String file = Expressions.toText(itemScope.render(inc.file()));
                    String label = it.isEmpty() ? null : inc.keywords().loopControl() != null && inc.keywords().loopControl().label() != null
                            ? Expressions.toText(itemScope.render(inc.keywords().loopControl().label()))
                            : Expressions.toText(it.values().iterator().next());
                    byFile.computeIfAbsent(file + "\u0000" + Expressions.toText(it),
                            k -> new Inclusion(file, it, label, new ArrayList<>())).hosts().add(h);
                }
            } catch (ExpressionError e) {
                emit(includeOutcome(h, title, TaskStatus.FAILED, ModuleResult.failed(inc.location() + ": task '" + title + "': "
                        + e.getMessage())), null);
            }
        }
        List<Map.Entry<Inclusion, List<TaskNode>>> loaded = new ArrayList<>();
        for (Inclusion in : byFile.values()) {
            TaskKeywords kw = inc.keywords();
            Map<String, Object> mergedVars = new LinkedHashMap<>(kw.vars());
            mergedVars.putAll(DataValue.all(in.loopVars())); // loop items are data, never rendered again
            TaskKeywords inherited = new TaskKeywords(List.of(), null, null, null, List.of(), List.of(), kw.tags(), kw.become(),
                    kw.becomeUser(), kw.becomeMethod(), List.of(), List.of(), kw.ignoreErrors(), kw.ignoreUnreachable(), List.of(), null,
                    null, kw.noLog(), kw.checkMode(), kw.diff(), kw.environment(), kw.runOnce(), mergedVars, kw.delegateTo(),
                    kw.timeout(), kw.throttle(), kw.anyErrorsFatal());
            Path path = inc.baseDir().resolve(in.file()).normalize();
            try {
                loaded.add(Map.entry(in, run.loader().loadTaskFile(path, inherited, inc.role(), inc.location())));
            } catch (InputError err) {
                for (HostState h : in.hosts()) {
                    emit(includeOutcome(h, title, TaskStatus.FAILED, ModuleResult.failed(err.describe())), null);
                }
                continue;
            }
            // no_log hides the loop item, as it does for a module task
            run.listener().included(path.toString(), in.hosts().stream().map(h -> h.name).toList(),
                    in.label() != null && Boolean.TRUE.equals(kw.noLog()) ? "None" : in.label());
            in.hosts().forEach(h -> run.stats().included(h.name));
        }
        for (var e : loaded) {
            runNodes(e.getValue(), e.getKey().hosts(), pv);
        }
    }

    /** The loop of an include_tasks: one map of loop variables per item, or one empty map without a loop. */
    private List<Map<String, Object>> iterations(TaskNode.IncludeTasks inc, VarScope scope, HostState h, String title) {
        if (inc.keywords().loop() == null) {
            return List.of(Map.of());
        }
        Object items = scope.render(inc.keywords().loop());
        if (!(items instanceof List<?> l)) {
            throw new ExpressionError(String.valueOf(inc.keywords().loop()), -1, "'loop' must give a list, but gave "
                    + (items == null ? "nothing" : "'" + Expressions.toText(items) + "'"));
        }
        TaskKeywords.LoopControl lc = inc.keywords().loopControl() == null ? TaskKeywords.LoopControl.DEFAULT : inc.keywords().loopControl();
        List<Map<String, Object>> out = new ArrayList<>();
        int index = 0;
        for (Object item : l) {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(lc.loopVar(), item);
            if (lc.indexVar() != null) {
                vars.put(lc.indexVar(), index);
            }
            index++;
            out.add(vars);
        }
        return out;
    }

    private static TaskOutcome includeOutcome(HostState h, String title, TaskStatus status, ModuleResult result) {
        return new TaskOutcome(h.name, title, null, status, result, List.of(), Duration.ZERO, false, false, 1, "include_tasks");
    }

    private void runTask(TaskNode.Task t, List<HostState> hosts, VarsAssembler.PlayVars pv, String kind) {
        if (t.module().equals("meta")) {
            runMeta(t, hosts, pv);
            return;
        }
        if (!run.tags().selects(t.keywords().tags()) || run.startAt().skip(t.name())) {
            return;
        }
        run.listener().taskStarted(kind, title(t, hosts, pv));
        TaskKeywords kw = t.keywords();
        // pause waits once for the whole play, as in Ansible
        boolean once = Boolean.TRUE.equals(kw.runOnce()) || t.module().equals("pause");
        List<HostState> targets = once ? List.of(hosts.get(0)) : hosts;
        Semaphore throttle = throttle(kw);
        List<Future<TaskOutcome>> futures = new ArrayList<>();
        for (HostState h : targets) {
            futures.add(run.pool().submit(() -> {
                if (throttle == null) {
                    return run.tasks().run(t, h, pv);
                }
                throttle.acquireUninterruptibly();
                try {
                    return run.tasks().run(t, h, pv);
                } finally {
                    throttle.release();
                }
            }));
        }
        List<TaskOutcome> outcomes = report(targets, futures, t);
        if (once && !outcomes.isEmpty()) {
            shareRunOnce(t, outcomes.get(0), hosts);
        }
        boolean anyFailed = outcomes.stream().anyMatch(o -> o.status() == TaskStatus.FAILED && !o.ignored());
        boolean fatal = Boolean.TRUE.equals(kw.anyErrorsFatal()) || play.anyErrorsFatal();
        if (anyFailed && fatal) {
            endPlayForFailures(hosts);
        }
        checkMaxFail(hosts);
    }

    private void shareRunOnce(TaskNode.Task t, TaskOutcome first, List<HostState> hosts) {
        String reg = t.keywords().register();
        HostState origin = hosts.get(0);
        for (HostState h : hosts.subList(1, hosts.size())) {
            synchronized (origin) {
                if (reg != null && origin.runtimeVars.containsKey(reg)) {
                    Object v = origin.runtimeVars.get(reg);
                    synchronized (h) {
                        h.runtimeVars.put(reg, v);
                    }
                }
                if (first.result() != null && !first.result().facts().isEmpty()) {
                    synchronized (h) {
                        h.runtimeVars.putAll(first.result().facts());
                    }
                }
            }
            if (first.changed()) {
                h.notified.addAll(t.keywords().notifies());
            }
        }
    }

    private void checkMaxFail(List<HostState> hosts) {
        if (play.maxFailPercentage() == null) {
            return;
        }
        double max = Double.parseDouble(String.valueOf(play.maxFailPercentage()).replace("%", ""));
        long failed = hosts.stream().filter(h -> h.status == HostState.Status.FAILED || h.status == HostState.Status.UNREACHABLE).count();
        if (!hosts.isEmpty() && failed * 100.0 / hosts.size() > max) {
            run.listener().warning("max_fail_percentage " + max + "% exceeded (" + failed + " of " + hosts.size() + " hosts failed)");
            endPlayForFailures(hosts);
        }
    }

    /** any_errors_fatal, max_fail_percentage: no host goes on, and (as in Ansible) no later play runs. */
    private void endPlayForFailures(List<HostState> hosts) {
        if (!playEndedByFailures) {
            run.listener().noHostsLeft();
        }
        playEndedByFailures = true;
        hosts.stream().filter(HostState::active).forEach(h -> h.status = HostState.Status.ENDED);
    }

    private Semaphore throttle(TaskKeywords kw) {
        if (kw.throttle() == null) {
            return null;
        }
        int n = (int) Double.parseDouble(String.valueOf(kw.throttle()));
        return n > 0 ? new Semaphore(n) : null;
    }

    private String title(TaskNode.Task t, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        String name = t.displayName();
        if (name.contains("{{") && !hosts.isEmpty()) {
            try {
                return Expressions.toText(run.expressions().render(name, run.vars().scope(hosts.get(0), pv, t.keywords(), t.role(), Map.of())));
            } catch (ExpressionError e) {
                return name;
            }
        }
        return name;
    }

    /** Joins the hosts' results in host order, reporting each as soon as those before it are reported. */
    private List<TaskOutcome> report(List<HostState> hosts, List<Future<TaskOutcome>> futures, TaskNode.Task task) {
        List<TaskOutcome> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            TaskOutcome o;
            try {
                o = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                return out;
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof InputError ie) {
                    throw ie;
                }
                o = new TaskOutcome(hosts.get(i).name, task == null ? "?" : task.displayName(), null, TaskStatus.FAILED,
                        ModuleResult.failed("internal error: " + c), List.of(), Duration.ZERO, false,
                        task != null && Boolean.TRUE.equals(task.keywords().noLog()), 1, task == null ? "" : task.module());
            }
            emit(o, task);
            out.add(o);
        }
        return out;
    }

    private void emit(TaskOutcome o, TaskNode.Task task) {
        run.listener().hostResult(o);
        run.stats().record(o);
        HostState h = run.states().get(o.host());
        if (o.status() == TaskStatus.UNREACHABLE && !(task != null && Boolean.TRUE.equals(task.keywords().ignoreUnreachable()))) {
            h.status = HostState.Status.UNREACHABLE;
        } else if (o.status() == TaskStatus.FAILED && !o.ignored()) {
            h.status = HostState.Status.FAILED;
            if (task != null && o.result() != null) {
                h.lastFailure = new HostState.Failure(task, o.result());
            }
        }
        if (task != null && o.changed() && !task.keywords().notifies().isEmpty()) {
            synchronized (h) {
                h.notified.addAll(task.keywords().notifies());
            }
        }
    }

    private void runMeta(TaskNode.Task t, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        String action = String.valueOf(t.args().getOrDefault(dev.jplay.engine.spi.ModuleSpec.RAW_PARAMS, "")).strip();
        List<HostState> applies = new ArrayList<>();
        for (HostState h : hosts) {
            try {
                VarScope scope = run.vars().scope(h, pv, t.keywords(), t.role(), Map.of());
                if (t.keywords().when().stream().allMatch(w -> run.expressions().test(w, scope))) {
                    applies.add(h);
                }
            } catch (ExpressionError e) {
                emit(new TaskOutcome(h.name, t.displayName(), null, TaskStatus.FAILED, ModuleResult.failed(TaskRunner.where(t)
                        + e.getMessage()), List.of(), Duration.ZERO, false, false, 1, "meta"), t);
            }
        }
        switch (action) {
            case "flush_handlers" -> flushHandlers(hosts, pv);
            case "end_play" -> {
                if (!applies.isEmpty()) {
                    hosts.forEach(h -> {
                        if (h.active()) {
                            h.status = HostState.Status.ENDED;
                        }
                    });
                }
            }
            case "end_host" -> applies.forEach(h -> h.status = HostState.Status.ENDED);
            case "noop", "" -> {
            }
            case "clear_facts" -> applies.forEach(h -> {
                synchronized (h) {
                    h.facts.clear();
                }
            });
            case "clear_host_errors" -> run.states().values().stream().filter(h -> h.status == HostState.Status.FAILED)
                    .forEach(h -> h.status = HostState.Status.ACTIVE);
            default -> throw new InputError(t.location(), "task '" + t.displayName() + "'", "unknown meta action '" + action
                    + "'; jplay knows flush_handlers, end_play, end_host, noop, clear_facts, clear_host_errors");
        }
    }

    private void flushHandlers(List<HostState> hosts, VarsAssembler.PlayVars pv) {
        for (TaskNode node : play.handlers()) {
            if (!(node instanceof TaskNode.Task handler)) {
                continue;
            }
            Set<String> names = new java.util.HashSet<>(handler.keywords().listen());
            if (handler.name() != null) {
                names.add(handler.name());
                names.add(handler.displayName());  // "role : name"
            }
            List<HostState> notified = hosts.stream()
                    .filter(h -> h.active() || play.forceHandlers() && h.status == HostState.Status.FAILED)
                    .filter(h -> {
                        synchronized (h) {
                            return h.notified.stream().anyMatch(names::contains);
                        }
                    }).toList();
            if (notified.isEmpty()) {
                continue;
            }
            run.listener().taskStarted("RUNNING HANDLER", handler.displayName());
            List<Future<TaskOutcome>> futures = new ArrayList<>();
            for (HostState h : notified) {
                futures.add(run.pool().submit(() -> run.tasks().run(handler, h, pv)));
            }
            report(notified, futures, handler);
        }
        for (HostState h : hosts) {
            synchronized (h) {
                h.notified.clear();
            }
        }
    }

}
