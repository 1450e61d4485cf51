package dev.jplay.engine.cli;

import dev.jplay.engine.config.AnsibleConfig;
import dev.jplay.engine.config.ConfigSetting;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryLoader;
import dev.jplay.engine.output.ConsoleOutput;
import dev.jplay.engine.output.JsonReport;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.playbook.TaskNode;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.run.ConnectionOpener;
import dev.jplay.engine.run.PlaybookRunner;
import dev.jplay.engine.run.RunListener;
import dev.jplay.engine.run.RunOptions;
import dev.jplay.engine.run.RunStats;
import dev.jplay.engine.run.TagFilter;
import dev.jplay.engine.run.TaskNameGlob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code jplay PLAYBOOK... [options]}: the ansible-playbook equivalent. */
@Command(name = "jplay", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Runs Ansible-style playbooks: idempotent modules over SSH or locally, nothing installed on the hosts.",
        subcommands = {InventoryCommand.class, DocCommand.class, VaultCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all tasks succeeded (or no hosts matched)", "1:an error outside the run (file missing, I/O)",
                "2:a task failed on some host", "3:invalid playbook, inventory, vars or expression; nothing ran",
                "4:a host was unreachable (and no task failed)", "5:bad command line", "99:interrupted", "250:internal error"})
public final class PlaybookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLAYBOOK", arity = "0..*", description = "playbook file(s) to run, in order")
    List<Path> playbooks = new ArrayList<>();

    @Mixin
    InventoryOptions inventory = new InventoryOptions();

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "further limit the hosts to this pattern")
    String limit;

    @Option(names = {"-t", "--tags"}, split = ",", paramLabel = "TAGS", description = "only run tasks with these tags")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAGS", description = "skip tasks with these tags")
    List<String> skipTags = new ArrayList<>();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS", description = "k=v pairs, JSON/YAML, or @file; wins over all other vars")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, defaultValue = "5", description = "hosts worked on in parallel (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = {"-C", "--check"}, description = "don't change anything; report what would change")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "show before/after of changed files")
    boolean diff;

    @Option(names = "-v", description = "more output: -v results, -vv -vvv -vvvv more detail")
    boolean[] verbose = new boolean[0];

    @Option(names = "--list-tasks", description = "list the tasks that would run, and exit")
    boolean listTasks;

    @Option(names = "--list-hosts", description = "list the hosts each play would run on, and exit")
    boolean listHosts;

    @Option(names = "--list-tags", description = "list all tags, and exit")
    boolean listTags;

    @Option(names = "--syntax-check", description = "validate the playbook (modules, options, expressions) and exit")
    boolean syntaxCheck;

    @Option(names = "--start-at-task", paramLabel = "NAME", description = "start at the task with this name")
    String startAtTask;

    @Option(names = "--force-handlers", description = "run notified handlers even on hosts where a task failed")
    boolean forceHandlers;

    @Option(names = "--flush-cache", description = "accepted for Ansible's sake: jplay keeps no fact cache, facts are gathered afresh each run")
    boolean flushCache;

    @Option(names = "--step", description = "not supported: jplay does not ask before each task (use --start-at-task, --tags or --check)")
    boolean step;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    VaultOptions vault = new VaultOptions();

    @Option(names = {"-b", "--become"}, description = "run tasks with become (sudo)")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "the user to become (default root)")
    String becomeUser;

    @Option(names = "--become-method", paramLabel = "METHOD", description = "sudo (default) or su")
    String becomeMethod;

    @Option(names = {"-K", "--ask-become-pass"}, description = "ask for the become password")
    boolean askBecomePass;

    @Option(names = "--json", paramLabel = "FILE", description = "write a JSON report of the whole run to FILE (- for stdout, instead of the console output)")
    Path jsonReport;

    @Option(names = {"-M", "--module-path"}, paramLabel = "DIR", description = "folders of module jars (besides library/ next to the playbook)")
    List<Path> modulePath = new ArrayList<>();

    /** Set by Main: Ctrl-C asks this runner to stop. */
    volatile PlaybookRunner activeRunner;
    volatile boolean interrupted;

    @Override
    public Integer call() {
        if (playbooks.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing playbook: jplay PLAYBOOK [options] (see --help)");
        }
        if (step) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--step is not supported: jplay does not ask before each task; use --start-at-task, --tags or --check");
        }
        if (forks < 1) {
            // 0 would start no worker and hang; a negative count is a typo
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "-f/--forks must be a whole number of at least 1, got " + forks);
        }
        connection.prepare(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        AnsibleConfig config = AnsibleConfig.active();
        config.notices().forEach(n -> spec.commandLine().getErr().println("[WARNING]: " + n));
        config.ignoredWarning().ifPresent(w -> spec.commandLine().getErr().println("[WARNING]: " + w));
        if (verbose.length > 0 && !jsonToStdout()) {
            out.println(config.file() == null ? "No config file found; using defaults" : "Using " + config.file() + " as config file");
        }
        vault.activate();
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> libraries = new ArrayList<>(modulePath);
        for (Path p : playbooks) {
            libraries.add(p.toAbsolutePath().getParent().resolve("library"));
        }
        ModuleRegistry modules = ModuleRegistry.load(libraries);
        Expressions expressions = new Expressions();
        List<Path> projectTemplates = ProjectHome.templateDirs();
        PlaybookLoader loader = new PlaybookLoader(modules, expressions, new TemplateFiles(expressions), projectTemplates);
        for (Path p : playbooks) {
            if (!java.nio.file.Files.isRegularFile(p)) {
                // a file that is not there is exit 1 (an error outside the run), not an invalid playbook
                throw new java.io.UncheckedIOException("the playbook " + p + " could not be found",
                        new java.nio.file.NoSuchFileException(p.toString()));
            }
        }
        List<Playbook> loaded = new ArrayList<>();
        for (Path p : playbooks) {
            loaded.add(loader.load(p));
        }
        Map<String, Object> extra = ExtraVars.parse(extraVars, cwd);
        Inventory inv = inventory.load(cwd);
        for (Playbook pb : loaded) {
            inv.addVarsDirectory(pb.dir());
        }
        if (syntaxCheck) {
            playbooks.forEach(pb -> out.println("\nplaybook: " + pb));
            return ExitCodes.OK;
        }
        RunOptions.BecomeDefaults becomeDefaults = new RunOptions.BecomeDefaults(become || becomeUser != null, becomeUser,
                becomeMethod, askBecomePass ? askPassword("BECOME password: ") : null);
        ConnectionOpener opener = connection.opener();
        RunOptions options = new RunOptions(check, diff, forks, limit, new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags), extra,
                startAtTask, becomeDefaults, verbose.length, opener, projectTemplates, forceHandlers);
        if (listHosts || listTasks || listTags) {
            for (int k = 0; k < loaded.size(); k++) {
                new PlaybookListing(out, inv, modules, expressions, options).print(playbooks.get(k), loaded.get(k), listHosts, listTasks,
                        listTags);
            }
            return ExitCodes.OK;
        }
        if (startAtTask != null && !StartAtCheck.reachable(loaded, TaskNameGlob.of(startAtTask))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--start-at-task '" + startAtTask
                    + "' matches no task in " + String.join(", ", playbooks.stream().map(Path::toString).toList())
                    + " (a name or a glob such as 'Install*', as in Ansible); nothing was run");
        }
        RunStats total = new RunStats();
        int code = ExitCodes.OK;
        for (Playbook pb : loaded) {
            List<RunListener> listeners = new ArrayList<>();
            if (jsonToStdout()) {
                // stdout holds only the report, as with Ansible's json callback
                listeners.add(new JsonReport(out));
            } else {
                listeners.add(new ConsoleOutput(out, useColor(), verbose.length));
                if (jsonReport != null) {
                    listeners.add(new JsonReport(jsonReport));
                }
            }
            PlaybookRunner runner = new PlaybookRunner(inv, modules, expressions, options, new Listeners(listeners));
            activeRunner = runner;
            RunStats stats = runner.run(pb, loader);
            activeRunner = null;
            total = stats;
            if (stats.interrupted() || interrupted) {
                return ExitCodes.INTERRUPTED;
            }
            if (stats.anyFailed()) {
                code = ExitCodes.TASK_FAILED;
            } else if (stats.anyUnreachable() && code == ExitCodes.OK) {
                code = ExitCodes.UNREACHABLE;
            }
        }
        return total == null ? ExitCodes.OK : code;
    }

    private boolean jsonToStdout() {
        return jsonReport != null && jsonReport.toString().equals("-");
    }

    /** As Ansible decides: forced colour (FORCE_COLOR, ANSIBLE_FORCE_COLOR, force_color) wins, then no colour, then a terminal. */
    private static boolean useColor() {
        AnsibleConfig config = AnsibleConfig.active();
        if (System.getenv("JPLAY_FORCE_COLOR") != null || System.getenv("FORCE_COLOR") != null
                || config.bool(ConfigSetting.FORCE_COLOR).orElse(false)) {
            return true;
        }
        if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM")) || config.bool(ConfigSetting.NOCOLOR).orElse(false)) {
            return false;
        }
        return System.console() != null;
    }

    static String askPassword(String prompt) {
        if (System.console() != null) {
            char[] pw = System.console().readPassword(prompt);
            return pw == null ? null : new String(pw);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in)).readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fans every event out to several listeners, in order. */
    private record Listeners(List<RunListener> all) implements RunListener {
        @Override
        public void playbookStarted(Playbook playbook, boolean checkMode) {
            all.forEach(l -> l.playbookStarted(playbook, checkMode));
        }

        @Override
        public void playStarted(Play play, List<String> hosts) {
            all.forEach(l -> l.playStarted(play, hosts));
        }

        @Override
        public void taskStarted(String kind, String title) {
            all.forEach(l -> l.taskStarted(kind, title));
        }

        @Override
        public void taskStarted(String kind, String title, dev.jplay.engine.error.SourceLocation where) {
            all.forEach(l -> l.taskStarted(kind, title, where));
        }

        @Override
        public void hostResult(dev.jplay.engine.run.TaskOutcome outcome) {
            all.forEach(l -> l.hostResult(outcome));
        }

        @Override
        public void included(String file, List<String> hosts, String item) {
            all.forEach(l -> l.included(file, hosts, item));
        }

        @Override
        public void connectionTrace(String host, String line) {
            all.forEach(l -> l.connectionTrace(host, line));
        }

        @Override
        public void warning(String message) {
            all.forEach(l -> l.warning(message));
        }

        @Override
        public void noHostsLeft() {
            all.forEach(RunListener::noHostsLeft);
        }

        @Override
        public void playbookFinished(RunStats stats) {
            all.forEach(l -> l.playbookFinished(stats));
        }
    }

    /** Whether --start-at-task can be reached: a task matches, or an include_tasks may bring one in at run time. */
    private static final class StartAtCheck {
        static boolean reachable(List<Playbook> playbooks, TaskNameGlob glob) {
            for (Playbook pb : playbooks) {
                for (Play play : pb.plays()) {
                    List<TaskNode> nodes = new ArrayList<>(play.preTasks());
                    nodes.addAll(play.tasks());
                    nodes.addAll(play.postTasks());
                    if (inNodes(nodes, glob)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean inNodes(List<TaskNode> nodes, TaskNameGlob glob) {
            for (TaskNode n : nodes) {
                if (n instanceof TaskNode.Task t && glob.matches(t.name(), t.displayName()) || n instanceof TaskNode.IncludeTasks
                        || n instanceof TaskNode.Block b && (inNodes(b.block(), glob) || inNodes(b.rescue(), glob)
                        || inNodes(b.always(), glob))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** --list-hosts, --list-tasks, --list-tags in ansible-playbook's layout: tags sorted, only those of selected tasks. */
    private record PlaybookListing(PrintWriter out, Inventory inv, ModuleRegistry modules, Expressions expressions, RunOptions options) {
        void print(Path given, Playbook pb, boolean hosts, boolean tasks, boolean tags) {
            out.println("\nplaybook: " + given);
            PlaybookRunner runner = new PlaybookRunner(inv, modules, expressions, options, new RunListener() { });
            TagFilter filter = new TagFilter(options.tags(), options.skipTags());
            int i = 1;
            for (Play play : pb.plays()) {
                out.println("\n  play #" + i++ + " (" + play.hosts() + "): " + play.displayName() + "\tTAGS: "
                        + new TreeSet<>(play.keywords().tags()));
                if (hosts) {
                    List<String> names = runner.hostsOf(play);
                    out.println("    pattern: ['" + play.hosts() + "']");
                    out.println("    hosts (" + names.size() + "):");
                    names.forEach(n -> out.println("      " + n));
                }
                List<TaskNode> nodes = new ArrayList<>(play.preTasks());
                nodes.addAll(play.tasks());
                nodes.addAll(play.postTasks());
                if (tasks) {
                    out.println("    tasks:");
                }
                Set<String> playTags = new TreeSet<>(play.keywords().tags());
                walk(nodes, tasks, filter, playTags);
                if (tags) {
                    out.println("      TASK TAGS: " + playTags);
                }
            }
        }

        private void walk(List<TaskNode> nodes, boolean print, TagFilter filter, Set<String> selectedTags) {
            for (TaskNode n : nodes) {
                if (n instanceof TaskNode.Task t && filter.selects(t.keywords().tags())) {
                    selectedTags.addAll(t.keywords().tags());
                    if (print) {
                        out.println("      " + t.displayName() + "\tTAGS: " + new TreeSet<>(t.keywords().tags()));
                    }
                } else if (n instanceof TaskNode.Block b) {
                    walk(b.block(), print, filter, selectedTags);
                    walk(b.rescue(), print, filter, selectedTags);
                    walk(b.always(), print, filter, selectedTags);
                } else if (n instanceof TaskNode.IncludeTasks inc && filter.selects(inc.keywords().tags())) {
                    selectedTags.addAll(inc.keywords().tags());
                    if (print) {
                        out.println("      include_tasks " + inc.file() + "\tTAGS: " + new TreeSet<>(inc.keywords().tags()));
                    }
                }
            }
        }
    }
}
