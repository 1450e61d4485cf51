package dev.jplay.engine.run;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.spi.MetaAction;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Carries out a {@code meta} task: an action on the run itself, for the hosts whose {@code when} holds. */
final class MetaRunner {
    private final Expressions expressions;
    private final VarsAssembler vars;
    private final Map<String, HostState> states;
    private final OutcomeSink sink;
    private final HandlerQueue handlers;
    private final ConnectionPool connections;

    MetaRunner(Expressions expressions, VarsAssembler vars, Map<String, HostState> states, OutcomeSink sink, HandlerQueue handlers,
               ConnectionPool connections) {
        this.expressions = expressions;
        this.vars = vars;
        this.states = states;
        this.sink = sink;
        this.handlers = handlers;
        this.connections = connections;
    }

    /** The meta action of a task, or null when the task is not a meta task. */
    static MetaAction actionOf(TaskNode.Task t) {
        if (!t.module().equals("meta")) {
            return null;
        }
        // the loader has refused any other action
        return MetaAction.of(String.valueOf(t.args().getOrDefault(ModuleSpec.RAW_PARAMS, ""))).orElseThrow();
    }

    void run(MetaAction action, TaskNode.Task t, List<HostState> hosts, VarsAssembler.PlayVars pv) {
        List<HostState> applies = new ArrayList<>();
        for (HostState h : hosts) {
            try {
                VarScope scope = vars.scope(h, pv, t.keywords(), t.role(), Map.of());
                if (t.keywords().when().stream().allMatch(w -> expressions.test(w, scope))) {
                    applies.add(h);
                }
            } catch (ExpressionError e) {
                sink.accept(new TaskOutcome(h.name, t.displayName(), null, TaskStatus.FAILED, ModuleResult.failed(TaskRunner.where(t)
                        + e.getMessage()), List.of(), Duration.ZERO, false, false, 1, "meta"), t);
            }
        }
        switch (action) {
            case FLUSH_HANDLERS -> handlers.flush(hosts, pv);
            case END_PLAY -> {
                if (!applies.isEmpty()) {
                    hosts.stream().filter(HostState::active).forEach(h -> h.status = HostState.Status.ENDED);
                }
            }
            case END_HOST -> applies.forEach(h -> h.status = HostState.Status.ENDED);
            case NOOP -> {
            }
            case CLEAR_FACTS -> applies.forEach(h -> {
                synchronized (h) {
                    h.facts.clear();
                }
            });
            case CLEAR_HOST_ERRORS -> states.values().stream().filter(h -> h.status == HostState.Status.FAILED)
                    .forEach(h -> h.status = HostState.Status.ACTIVE);
            case RESET_CONNECTION -> applies.forEach(h -> connections.reset(h.name));
        }
    }
}
