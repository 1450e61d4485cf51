package dev.jplay.engine.run;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.playbook.TaskKeywords;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.MetaAction;
import dev.jplay.engine.spi.ModuleResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Ansible's linear strategy: each task runs on all active hosts (in parallel, results in host order)
 * before the next one starts; hosts that fail drop out. Blocks, includes and meta tasks are handed
 * to their own runners; run_once and throttle are applied here.
 */
final class LinearStrategy implements Strategy {
    private final PlayRunner.RunContext run;
    private final TaskFanOut fanOut;
    private final FailurePolicy failures;
    private final BlockRunner blocks;
    private final IncludeExpander includes;
    private final MetaRunner meta;

    LinearStrategy(PlayRunner.RunContext run, TaskFanOut fanOut, FailurePolicy failures, BlockRunner blocks, IncludeExpander includes,
                   MetaRunner meta) {
        this.run = run;
        this.fanOut = fanOut;
        this.failures = failures;
        this.blocks = blocks;
        this.includes = includes;
        this.meta = meta;
    }

    @Override
    public void run(List<TaskNode> nodes, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        BooleanSupplier stop = run.stopRequested();
        for (TaskNode node : nodes) {
            if (stop.getAsBoolean()) {
                return;
            }
            List<HostState> active = hosts.stream().filter(HostState::active).toList();
            if (active.isEmpty()) {
                return;
            }
            if (node instanceof TaskNode.Task t) {
                MetaAction action = MetaRunner.actionOf(t);
                if (action != null) {
                    meta.run(action, t, active, pv);
                } else {
                    runTask(t, active, pv);
                }
            } else if (node instanceof TaskNode.Block b) {
                blocks.run(b, active, pv, this::run);
            } else if (node instanceof TaskNode.IncludeTasks inc && run.tags().selects(inc.keywords().tags())) {
                for (IncludeExpander.Expansion e : includes.expand(inc, active, pv)) {
                    includes.enter(e);
                    try {
                        run(e.tasks(), e.hosts(), pv);
                    } finally {
                        includes.leave();
                    }
                }
            }
        }
    }

    private void runTask(TaskNode.Task t, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        if (!run.tags().selects(t.keywords().tags()) || run.startAt().skip(t.name(), t.displayName())) {
            return;
        }
        run.listener().taskStarted("TASK", title(t, hosts, pv), t.location());
        TaskKeywords kw = t.keywords();
        // pause waits once for the whole play, as in Ansible
        boolean once = Boolean.TRUE.equals(kw.runOnce()) || t.module().equals("pause");
        List<HostState> targets = once ? List.of(hosts.get(0)) : hosts;
        int throttle;
        try {
            throttle = run.keywords().throttle(kw, run.vars().scope(targets.get(0), pv, kw, t.role(), Map.of()));
        } catch (ExpressionError | KeywordError e) {
            // throttle holds for all hosts at once, so a bad one fails the task everywhere
            List<TaskOutcome> failed = fanOut.run(targets, t, 0, h -> new TaskOutcome(h.name, t.displayName(), null, TaskStatus.FAILED,
                    ModuleResult.failed(TaskRunner.where(t) + e.getMessage()), List.of(), Duration.ZERO, false,
                    Boolean.TRUE.equals(kw.noLog()), 1, t.module()));
            failures.afterTask(t, failed, hosts);
            return;
        }
        List<TaskOutcome> outcomes = fanOut.run(targets, t, throttle, h -> run.tasks().run(t, h, pv));
        if (once && !outcomes.isEmpty()) {
            shareRunOnce(t, outcomes.get(0), hosts);
        }
        failures.afterTask(t, outcomes, hosts);
    }

    /** run_once: the other hosts get the first host's registered result and facts, and its notifications. */
    private static void shareRunOnce(TaskNode.Task t, TaskOutcome first, List<HostState> hosts) {
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
}
