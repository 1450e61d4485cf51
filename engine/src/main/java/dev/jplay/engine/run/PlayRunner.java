package dev.jplay.engine.run;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.playbook.TaskFileLoader;
import dev.jplay.engine.playbook.TaskNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Runs one play: its hosts in serial batches, and for each batch fact gathering, then pre_tasks,
 * tasks and post_tasks through the play's {@link Strategy}, each section followed by its handlers.
 * The pieces (strategy, blocks, includes, meta, handlers, failure policy) are wired here.
 */
final class PlayRunner {
    private final Play play;
    private final PlaySettings settings;
    private final Map<String, Object> fileVars;
    private final RunContext run;
    private final FailurePolicy failures;
    private final HandlerQueue handlers;
    private final FactGathering facts;
    private final Strategy strategy;

    /** @param fileVars the variables of the play's vars_files, read once before the run started */
    PlayRunner(Play play, PlaySettings settings, Map<String, Object> fileVars, RunContext run) {
        this.play = play;
        this.settings = settings;
        this.fileVars = fileVars;
        this.run = run;
        OutcomeSink sink = new OutcomeSink(run.listener(), run.stats(), run.states());
        TaskFanOut fanOut = new TaskFanOut(run.pool(), sink);
        this.failures = new FailurePolicy(play, settings, run.listener());
        this.handlers = new HandlerQueue(play, run.tasks(), run.listener(), fanOut);
        this.facts = new FactGathering(play, run, fanOut);
        this.strategy = new LinearStrategy(run, fanOut, failures, new BlockRunner(run.stats()),
                new IncludeExpander(run.expressions(), run.vars(), run.loader(), run.listener(), run.stats(), sink),
                new MetaRunner(run.expressions(), run.vars(), run.states(), sink, handlers, run.connections()));
    }

    /** What every play of a run shares. */
    record RunContext(RunOptions options, Expressions expressions, KeywordResolver keywords, VarsAssembler vars, TaskRunner tasks,
                      ConnectionPool connections, Map<String, HostState> states, RunListener listener, RunStats stats,
                      ExecutorService pool, TaskFileLoader loader, TagFilter tags, StartAt startAt,
                      java.util.function.BooleanSupplier stopRequested) {
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
        List<List<HostState>> batches = settings.batches(hosts);
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
            if (failures.ended() || allFailed) {
                return true;
            }
        }
        return false;
    }

    private void runBatch(List<HostState> batch, List<HostState> allHosts) {
        Map<String, Object> vars = new LinkedHashMap<>(play.vars());
        vars.putAll(fileVars);
        VarsAssembler.PlayVars pv = new VarsAssembler.PlayVars(vars, allHosts.stream().map(h -> h.name).toList(),
                batch.stream().map(h -> h.name).toList(), play.name());
        if (play.gatherFacts()) {
            facts.gather(batch.stream().filter(HostState::active).toList(), pv);
        }
        runSection(play.preTasks(), batch, pv);
        runSection(play.tasks(), batch, pv);
        runSection(play.postTasks(), batch, pv);
    }

    private void runSection(List<TaskNode> nodes, List<HostState> batch, VarsAssembler.PlayVars pv) {
        if (nodes.isEmpty()) {
            return;
        }
        strategy.run(nodes, batch, pv);
        handlers.flush(batch, pv);
    }

    /**
     * The variables of the play's vars_files, their names rendered with the play's vars and -e (they
     * are read once per play, not per host). The runner calls this for every play before anything
     * runs, so a bad name or file is an invalid playbook, not a failure halfway.
     */
    static Map<String, Object> varsFromFiles(Play play, Expressions expressions, Map<String, Object> extraVars) {
        VarScope base = new VarScope(new LinkedHashMap<>(play.vars()), expressions).with(extraVars);
        String ctx = "play '" + play.displayName() + "'";
        Map<String, Object> vars = new LinkedHashMap<>();
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
            vars.putAll(PlaybookLoader.readVarsFile(p));
        }
        return vars;
    }
}
