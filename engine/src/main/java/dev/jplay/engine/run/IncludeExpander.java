package dev.jplay.engine.run;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.TaskFileLoader;
import dev.jplay.engine.playbook.TaskKeywords;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.ModuleResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an include_tasks into the tasks it brings in, as Ansible shows it: the task's banner,
 * "skipping" for hosts whose {@code when} is false, one "included: FILE for HOSTS" line per file
 * (and loop item), each counted as ok. Hosts that include the same file with the same item share
 * one copy of its tasks.
 */
final class IncludeExpander {
    private final Expressions expressions;
    private final VarsAssembler vars;
    private final TaskFileLoader loader;
    private final RunListener listener;
    private final RunStats stats;
    private final OutcomeSink sink;

    IncludeExpander(Expressions expressions, VarsAssembler vars, TaskFileLoader loader, RunListener listener, RunStats stats,
                    OutcomeSink sink) {
        this.expressions = expressions;
        this.vars = vars;
        this.loader = loader;
        this.listener = listener;
        this.stats = stats;
        this.sink = sink;
    }

    /**
     * How deep includes may nest. Recursion that a {@code when:} ends is fine, as in Ansible; one that never
     * ends fails its hosts with the include chain instead of overflowing the stack.
     */
    static final int MAX_DEPTH = 100;

    /** The includes being run, outermost first ("site.yml:4:7 includes loop.yml"): the chain an error shows. */
    private final java.util.Deque<String> chain = new java.util.ArrayDeque<>();

    /** The tasks one included file brings in, and the hosts that run them. */
    record Expansion(List<TaskNode> tasks, List<HostState> hosts, String step) {
    }

    /** The strategy runs an expansion's tasks between enter and leave. */
    void enter(Expansion e) {
        chain.addLast(e.step());
    }

    void leave() {
        chain.removeLast();
    }

    /** One file an include brings in, for the hosts that include it with the same loop item. */
    private record Inclusion(String file, Map<String, Object> loopVars, String label, List<HostState> hosts) {
    }

    List<Expansion> expand(TaskNode.IncludeTasks inc, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        String title = inc.name() != null && !inc.name().isBlank() ? inc.name() : "include_tasks";
        listener.taskStarted("TASK", title);
        if (chain.size() >= MAX_DEPTH) {
            String msg = inc.location() + ": task '" + title + "': include_tasks nested more than " + MAX_DEPTH
                    + " deep, a recursion that no 'when:' ends; end it with a condition. The include chain: "
                    + String.join(" -> ", chain.stream().limit(5).toList()) + " -> ... -> "
                    + String.join(" -> ", chain.stream().skip(Math.max(5, chain.size() - 3)).toList());
            for (HostState h : hosts) {
                sink.accept(outcome(h, title, TaskStatus.FAILED, ModuleResult.failed(msg)), null);
            }
            return List.of();
        }
        // each host may include a different file (or loop over several): group hosts by what they include
        Map<String, Inclusion> byFile = new LinkedHashMap<>();
        for (HostState h : hosts) {
            try {
                VarScope scope = vars.scope(h, pv, inc.keywords(), inc.role(), Map.of());
                String falseWhen = inc.keywords().when().stream().filter(w -> !expressions.test(w, scope)).findFirst().orElse(null);
                if (falseWhen != null) {
                    sink.accept(outcome(h, title, TaskStatus.SKIPPED, ModuleResult.ok().skipped().msg("Conditional result was False")
                            .value("false_condition", falseWhen).build()), null);
                    continue;
                }
                List<LoopItems.Item> items = inc.keywords().loop() == null ? List.of() : LoopItems.of(inc.keywords(), scope, expressions);
                if (inc.keywords().loop() == null) {
                    String file = Expressions.toText(scope.render(inc.file()));
                    byFile.computeIfAbsent(file + "\u0000", k -> new Inclusion(file, Map.of(), null, new ArrayList<>())).hosts().add(h);
                }
                for (LoopItems.Item it : items) {
                    String file = Expressions.toText(scope.withData(it.vars()).render(inc.file()));
                    byFile.computeIfAbsent(file + "\u0000" + Expressions.toText(it.value()),
                            k -> new Inclusion(file, it.vars(), it.label(), new ArrayList<>())).hosts().add(h);
                }
            } catch (ExpressionError | KeywordError e) {
                sink.accept(outcome(h, title, TaskStatus.FAILED, ModuleResult.failed(inc.location() + ": task '" + title + "': "
                        + e.getMessage())), null);
            }
        }
        List<Expansion> out = new ArrayList<>();
        for (Inclusion in : byFile.values()) {
            Path path = inc.baseDir().resolve(in.file()).normalize();
            List<TaskNode> tasks;
            try {
                tasks = loader.loadTaskFile(path, inherited(inc.keywords(), in.loopVars()), inc.role(), inc.location());
            } catch (InputError err) {
                for (HostState h : in.hosts()) {
                    sink.accept(outcome(h, title, TaskStatus.FAILED, ModuleResult.failed(err.describe())), null);
                }
                continue;
            }
            // no_log hides the loop item, as it does for a module task
            listener.included(path.toString(), in.hosts().stream().map(h -> h.name).toList(),
                    in.label() != null && Boolean.TRUE.equals(inc.keywords().noLog()) ? "None" : in.label());
            in.hosts().forEach(h -> stats.included(h.name));
            out.add(new Expansion(tasks, in.hosts(), inc.location() + " includes " + in.file()));
        }
        return out;
    }

    /** What the included tasks inherit: the include's inheritable keywords, its vars and the loop variables. */
    private static TaskKeywords inherited(TaskKeywords kw, Map<String, Object> loopVars) {
        Map<String, Object> mergedVars = new LinkedHashMap<>(kw.vars());
        mergedVars.putAll(dev.jplay.engine.expr.DataValue.all(loopVars)); // loop items are data, never rendered again
        // the include's when was evaluated for the include itself; its loop and the like stay with it
        return kw.inheritable().when(null).vars(mergedVars).build();
    }

    private static TaskOutcome outcome(HostState h, String title, TaskStatus status, ModuleResult result) {
        return new TaskOutcome(h.name, title, null, status, result, List.of(), Duration.ZERO, false, false, 1, "include_tasks");
    }
}
