package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.host.FactGatherer;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.spi.ModuleResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** "Gathering Facts" at the start of a play (gather_facts), with the become and connection vars the play's tasks get. */
final class FactGathering {
    private final Play play;
    private final PlayRunner.RunContext run;
    private final TaskFanOut fanOut;

    FactGathering(Play play, PlayRunner.RunContext run, TaskFanOut fanOut) {
        this.play = play;
        this.run = run;
        this.fanOut = fanOut;
    }

    void gather(List<HostState> hosts, VarsAssembler.PlayVars pv) {
        if (hosts.isEmpty()) {
            return;
        }
        run.listener().taskStarted("TASK", "Gathering Facts");
        fanOut.run(hosts, null, 0, h -> gatherOne(h, pv));
    }

    private TaskOutcome gatherOne(HostState h, VarsAssembler.PlayVars pv) {
        long start = System.nanoTime();
        try {
            VarScope scope = run.vars().scope(h, pv, play.keywords(), null, Map.of());
            Become become = run.keywords().become(play.keywords(), scope);
            String chosen = ConnectionChoice.of(scope, play.keywords().connection(), run.expressions());
            var conn = run.connections().get(h.name, chosen, name -> run.vars().connectionVars(name, scope));
            Map<String, Object> facts = FactGatherer.gather(conn, become);
            synchronized (h) {
                h.facts.clear();
                h.facts.putAll(facts);
            }
            return outcome(h, TaskStatus.OK, ModuleResult.ok().build(), start);
        } catch (ConnectionException e) {
            return outcome(h, TaskStatus.UNREACHABLE, ModuleResult.ok().failed().msg(e.getMessage()).value("unreachable", true).build(),
                    start);
        } catch (ExpressionError | KeywordError e) {
            return outcome(h, TaskStatus.FAILED, ModuleResult.failed(play.location() + ": play '" + play.displayName()
                    + "': gathering facts: " + e.getMessage()), start);
        }
    }

    private static TaskOutcome outcome(HostState h, TaskStatus status, ModuleResult r, long start) {
        return new TaskOutcome(h.name, "Gathering Facts", null, status, r, List.of(), Duration.ofNanos(System.nanoTime() - start),
                false, false, 1, "");
    }
}
