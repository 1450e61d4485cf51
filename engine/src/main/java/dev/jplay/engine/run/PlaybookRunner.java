package dev.jplay.engine.run;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.inventory.Host;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.playbook.TaskFileLoader;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.registry.ModuleRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The top of the run pipeline: for each play, pick its hosts, then hand the play to a
 * {@link PlayRunner}. Host state (facts, registered results, failures) carries over between plays.
 */
public final class PlaybookRunner {
    private final Inventory inventory;
    private final ModuleRegistry modules;
    private final RunOptions options;
    private final RunListener listener;
    private final Expressions expressions;
    private final AtomicBoolean stop = new AtomicBoolean();

    public PlaybookRunner(Inventory inventory, ModuleRegistry modules, Expressions expressions, RunOptions options, RunListener listener) {
        this.inventory = inventory;
        this.modules = modules;
        this.options = options;
        this.listener = listener;
        this.expressions = expressions;
    }

    /** Asks the run to start no new task (Ctrl-C); running tasks finish. */
    public void requestStop() {
        stop.set(true);
    }

    /** Runs the playbook; {@code loader} reads the files that dynamic includes name while it runs. */
    public RunStats run(Playbook playbook, TaskFileLoader loader) {
        RunStats stats = new RunStats();
        Map<String, HostState> states = new LinkedHashMap<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.forks(), r -> {
            Thread t = new Thread(r, "jplay-fork-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        TemplateFiles templates = new TemplateFiles(expressions);
        Path pbDir = playbook.dir();
        VarsAssembler vars = new VarsAssembler(inventory, states, options, expressions, pbDir);
        try (ConnectionPool connections = new ConnectionPool(options.connections())) {
            TaskRunner tasks = new TaskRunner(modules, expressions, templates, vars, options, connections,
                    t -> searchPath(t, loader, pbDir), listener);
            PlayRunner.RunContext ctx = new PlayRunner.RunContext(options, expressions, new KeywordResolver(expressions, options), vars,
                    tasks, connections, states, listener,
                    stats, pool, loader, new TagFilter(options.tags(), options.skipTags()), new PlayRunner.StartAt(options.startAtTask()),
                    stop::get);
            // every play's hosts and vars_files depend only on play vars and -e: check them all before anything runs
            Map<Play, List<String>> hostsOfPlay = new java.util.IdentityHashMap<>();
            Map<Play, PlaySettings> settingsOfPlay = new java.util.IdentityHashMap<>();
            Map<Play, Map<String, Object>> fileVarsOfPlay = new java.util.IdentityHashMap<>();
            for (Play play : playbook.plays()) {
                hostsOfPlay.put(play, hostsOf(play));
                settingsOfPlay.put(play, KeywordResolver.play(play, expressions, options.extraVars()));
                // read once, now: a broken vars file of the second play must not surface after the first play ran
                fileVarsOfPlay.put(play, PlayRunner.varsFromFiles(play, expressions, options.extraVars()));
            }
            listener.playbookStarted(playbook, options.check());
            for (Play play : playbook.plays()) {
                if (stop.get()) {
                    break;
                }
                List<String> names = hostsOfPlay.get(play);
                List<HostState> hosts = new ArrayList<>();
                for (String n : names) {
                    HostState s = states.computeIfAbsent(n, HostState::new);
                    stats.touch(n);
                    if (s.status == HostState.Status.ENDED) {
                        s.status = HostState.Status.ACTIVE;
                    }
                    if (s.active()) {
                        hosts.add(s);
                    }
                }
                listener.playStarted(play, names);
                if (hosts.isEmpty()) {
                    listener.warning("no hosts matched '" + play.hosts() + "'" + (options.limit() != null ? " with --limit " + options.limit() : "")
                            + "; skipping this play");
                    continue;
                }
                if (new PlayRunner(play, settingsOfPlay.get(play), fileVarsOfPlay.get(play), ctx).run(hosts)) {
                    break;
                }
            }
            if (ctx.startAt().pending() && !stop.get()) {
                listener.warning("--start-at-task: no task named '" + ctx.startAt().name() + "' was found, so no task ran "
                        + "(tasks inside include_tasks are found only when the include runs)");
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stop.get()) {
            stats.markInterrupted();
        }
        listener.playbookFinished(stats);
        return stats;
    }

    /** The play's hosts: its pattern (expressions rendered with -e vars), narrowed by --limit, in inventory order. */
    public List<String> hostsOf(Play play) {
        VarScope scope = new VarScope(new LinkedHashMap<>(play.vars()), expressions).with(options.extraVars());
        String pattern;
        try {
            pattern = Expressions.toText(expressions.render(play.hosts(), scope));
        } catch (ExpressionError e) {
            throw new InputError(play.location(), "play '" + play.displayName() + "'", "hosts '" + play.hosts() + "': " + e.getMessage()
                    + "; a play's hosts can use its vars and -e vars only");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Host h : inventory.match(pattern)) {
            names.add(h.name());
        }
        if (options.limit() != null) {
            Set<String> limited = new LinkedHashSet<>();
            for (Host h : inventory.match(options.limit())) {
                limited.add(h.name());
            }
            names.retainAll(limited);
        }
        return new ArrayList<>(names);
    }

    private static TaskContext.SearchPath searchPath(TaskNode.Task t, TaskFileLoader loader, Path pbDir) {
        List<Path> files = new ArrayList<>();
        if (t.role() != null) {
            files.add(t.role().dir().resolve("files"));
        }
        files.add(t.baseDir().resolve("files"));
        files.add(t.baseDir());
        files.add(pbDir.resolve("files"));
        files.add(pbDir);
        return new TaskContext.SearchPath(loader.templateSearchPath(t.baseDir(), t.role()), files, pbDir);
    }
}
