package dev.jplay.engine.fuzz;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryJson;
import dev.jplay.engine.inventory.InventoryLoader;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.run.PlaybookRunner;
import dev.jplay.engine.run.RunListener;
import dev.jplay.engine.run.RunOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds mutated playbooks, inventories, vars files and host patterns to jplay's loaders. The
 * contract: a loader either accepts the input or throws {@link InputError} with a message; any other
 * exception or error, or a load that takes longer than {@link #CASE_LIMIT}, is a finding. Findings
 * are written (input and stack trace) to a folder for reproduction.
 */
final class LoaderFuzzer {
    static final Duration CASE_LIMIT = Duration.ofSeconds(10);

    enum Target { PLAYBOOK, INI_INVENTORY, YAML_INVENTORY, VARS_FILE, HOST_PATTERN }

    /** One input that broke the contract. */
    record Finding(Target target, List<String> steps, String problem, Path savedInput) {
    }

    /** What a run did. */
    record Report(long seed, int cases, Map<Target, int[]> counts, List<Finding> findings, Duration took) {
        /** e.g. "PLAYBOOK 812 (accepted 40, refused 772)". */
        String summary() {
            StringBuilder sb = new StringBuilder("seed " + seed + ": " + cases + " cases in " + took.toMillis() + " ms");
            counts.forEach((t, c) -> sb.append("\n  ").append(t).append(' ').append(c[0] + c[1]).append(" (accepted ").append(c[0])
                    .append(", refused with InputError ").append(c[1]).append(')'));
            sb.append("\n  findings: ").append(findings.size());
            return sb.toString();
        }
    }

    private final ModuleRegistry modules = StubModules.registry();
    private final Expressions expressions = new Expressions();
    private final Path work;
    private final Path findingsDir;
    private final Map<Target, List<byte[]>> seeds = new EnumMap<>(Target.class);

    /**
     * @param work     scratch folder for the cases
     * @param findings where inputs that broke the contract are kept (outside {@code work}, so they outlive the test)
     */
    LoaderFuzzer(Path work, Path findings) throws IOException {
        this.work = work;
        this.findingsDir = Files.createDirectories(findings);
        List<byte[]> playbooks = new ArrayList<>(utf8(Seeds.PLAYBOOKS));
        playbooks.addAll(Seeds.projectPlaybooks());
        seeds.put(Target.PLAYBOOK, playbooks);
        List<byte[]> ini = new ArrayList<>(utf8(Seeds.INI_INVENTORIES));
        ini.addAll(Seeds.testInventories(".ini"));
        seeds.put(Target.INI_INVENTORY, ini);
        List<byte[]> yaml = new ArrayList<>(utf8(Seeds.YAML_INVENTORIES));
        yaml.addAll(Seeds.testInventories(".yml"));
        seeds.put(Target.YAML_INVENTORY, yaml);
        List<byte[]> vars = new ArrayList<>(utf8(Seeds.VARS_FILES));
        vars.addAll(Seeds.testVarsFiles());
        seeds.put(Target.VARS_FILE, vars);
        seeds.put(Target.HOST_PATTERN, utf8(Seeds.PATTERNS));
    }

    /** Loads every unmutated seed of ours; they must be valid, or the fuzzer starts from nothing. */
    void checkSeedsLoad() throws IOException {
        Path dir = caseDir("seeds");
        for (String pb : Seeds.PLAYBOOKS) {
            loadPlaybook(dir, pb.getBytes(StandardCharsets.UTF_8));
        }
        for (String inv : Seeds.INI_INVENTORIES) {
            loadInventory(dir, "hosts.ini", inv.getBytes(StandardCharsets.UTF_8));
        }
        for (String inv : Seeds.YAML_INVENTORIES) {
            loadInventory(dir, "hosts.yml", inv.getBytes(StandardCharsets.UTF_8));
        }
        for (String v : Seeds.VARS_FILES) {
            PlaybookLoader.readVarsFile(Files.write(dir.resolve("vars.yml"), v.getBytes(StandardCharsets.UTF_8)));
        }
        for (String p : Seeds.PATTERNS) {
            patternOn(dir, p.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Runs until {@code maxCases} cases or {@code budget} time, whichever comes first. */
    Report run(long seed, int maxCases, Duration budget) throws InterruptedException, IOException {
        Random random = new Random(seed);
        List<byte[]> all = new ArrayList<>();
        seeds.values().forEach(all::addAll);
        Mutator mutator = new Mutator(random, all);
        Map<Target, int[]> counts = new EnumMap<>(Target.class);
        List<Finding> findings = new ArrayList<>();
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        int n = 0;
        try {
            while (n < maxCases && System.nanoTime() < deadline) {
                n++;
                Target target = Target.values()[random.nextInt(Target.values().length)];
                List<byte[]> pool = seeds.get(target);
                Mutator.Mutated m = mutator.mutate(pool.get(random.nextInt(pool.size())));
                Path dir = caseDir("case");
                Future<Boolean> f = worker.submit(() -> runCase(target, dir, m.bytes()));
                try {
                    boolean accepted = f.get(CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    counts.computeIfAbsent(target, t -> new int[2])[accepted ? 0 : 1]++;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    findings.add(save(target, m, "took longer than " + CASE_LIMIT.toSeconds() + " s"));
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());   // the stuck thread is abandoned (daemon)
                } catch (java.util.concurrent.ExecutionException e) {
                    findings.add(save(target, m, stackTrace(e.getCause())));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(seed, n, counts, findings, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** True when the input was accepted, false when refused with an InputError; anything else propagates. */
    private boolean runCase(Target target, Path dir, byte[] input) throws IOException {
        try {
            switch (target) {
                case PLAYBOOK -> loadPlaybook(dir, input);
                case INI_INVENTORY -> loadInventory(dir, "hosts.ini", input);
                case YAML_INVENTORY -> loadInventory(dir, "hosts.yml", input);
                case VARS_FILE -> PlaybookLoader.readVarsFile(Files.write(dir.resolve("vars.yml"), input));
                case HOST_PATTERN -> patternOn(dir, input);
            }
            return true;
        } catch (InputError e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new IllegalStateException("an InputError without a message: " + e.describe(), e);
            }
            return false;
        }
    }

    /** Loads the playbook, then does what the run does before touching a host: each play's hosts against an inventory. */
    private void loadPlaybook(Path dir, byte[] input) throws IOException {
        for (String[] f : Seeds.SUPPORT_FILES) {
            Path p = dir.resolve(f[0]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f[1]);
        }
        Path site = Files.write(dir.resolve("site.yml"), input);
        PlaybookLoader loader = new PlaybookLoader(modules, expressions, new TemplateFiles(expressions), List.of());
        Playbook pb = loader.load(site);
        Inventory inv = InventoryLoader.load(List.of(Files.writeString(dir.resolve("hosts.ini"), Seeds.INI_INVENTORIES.get(0))
                .toString()), dir);
        RunOptions options = new RunOptions(false, false, 1, null, Set.of(), Set.of(), Map.of(), null, null, 0,
                (name, vars) -> {
                    throw new ConnectionException("the fuzzer never connects");
                }, List.of());
        PlaybookRunner runner = new PlaybookRunner(inv, modules, expressions, options, new RunListener() { });
        for (Play play : pb.plays()) {
            runner.hostsOf(play);
        }
        runAgainstStubHosts(pb, loader, inv, input);
    }

    /**
     * Runs an accepted playbook against hosts that answer every command with success and no output
     * (with the stub modules, which succeed): "valid at load" must mean "runs without an internal
     * error" (exit 250). Only InputError may stop the run; a task that ends in an internal error is a
     * finding too. Playbooks that would wait (until/delay, pause, wait_for) are left out: the stub
     * hosts never change, so they would only sleep.
     */
    private void runAgainstStubHosts(Playbook pb, PlaybookLoader loader, Inventory inv, byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        if (text.contains("until") || text.contains("delay") || text.contains("pause") || text.contains("wait_for")) {
            return;
        }
        RunOptions options = new RunOptions(false, false, 2, null, Set.of(), Set.of(), Map.of(), null, null, 0,
                (name, vars) -> new StubHost(), List.of());
        java.io.StringWriter out = new java.io.StringWriter();
        List<String> internal = java.util.Collections.synchronizedList(new ArrayList<>());
        RunListener console = new dev.jplay.engine.output.ConsoleOutput(new java.io.PrintWriter(out), false, 0);
        RunListener watch = new RunListener() {
            @Override
            public void hostResult(dev.jplay.engine.run.TaskOutcome o) {
                console.hostResult(o);
                if (o.msg().contains("internal error")) {
                    internal.add(o.task() + " on " + o.host() + ": " + o.msg());
                }
            }

            @Override
            public void playStarted(Play play, List<String> hosts) {
                console.playStarted(play, hosts);
            }

            @Override
            public void taskStarted(String kind, String title) {
                console.taskStarted(kind, title);
            }

            @Override
            public void included(String file, List<String> hosts, String item) {
                console.included(file, hosts, item);
            }

            @Override
            public void warning(String message) {
                console.warning(message);
            }

            @Override
            public void noHostsLeft() {
                console.noHostsLeft();
            }

            @Override
            public void playbookFinished(dev.jplay.engine.run.RunStats stats) {
                console.playbookFinished(stats);
            }
        };
        new PlaybookRunner(inv, modules, expressions, options, watch).run(pb, loader);
        if (!internal.isEmpty()) {
            throw new IllegalStateException("a task ended in an internal error: " + internal.get(0));
        }
    }

    /** A host on which every command succeeds and prints nothing. */
    private static final class StubHost implements dev.jplay.engine.connection.Connection {
        @Override
        public dev.jplay.engine.connection.ExecResult exec(dev.jplay.engine.connection.ExecRequest request) {
            return dev.jplay.engine.connection.ExecResult.of(0, "", "");
        }

        @Override
        public String describe() {
            return "stub";
        }

        @Override
        public void close() {
        }
    }

    /** Loads the inventory, then what `jplay inventory --list` and a play's hosts read from it. */
    private static void loadInventory(Path dir, String name, byte[] input) throws IOException {
        Path file = Files.write(dir.resolve(name), input);
        Inventory inv = InventoryLoader.load(List.of(file.toString()), dir);
        InventoryJson.listText(inv);
        inv.match("all");
    }

    private static void patternOn(Path dir, byte[] pattern) throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.ini"), Seeds.INI_INVENTORIES.get(0));
        Inventory inv = InventoryLoader.load(List.of(file.toString()), dir);
        inv.match(new String(pattern, StandardCharsets.UTF_8));
    }

    private int caseNo;

    /** A fresh folder per case, so one case's files never leak into the next. */
    private Path caseDir(String prefix) throws IOException {
        Path d = work.resolve(prefix + "-" + (++caseNo % 50));
        if (Files.exists(d)) {
            try (var s = Files.walk(d)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }

    private Finding save(Target target, Mutator.Mutated m, String problem) {
        try {
            Path f = findingsDir.resolve("finding-" + target.name().toLowerCase() + "-" + System.nanoTime()
                    + (target == Target.INI_INVENTORY ? ".ini" : ".yml"));
            Files.write(f, m.bytes());
            Files.writeString(f.resolveSibling(f.getFileName() + ".txt"), target + "\nmutations: " + m.steps() + "\n\n" + problem);
            return new Finding(target, m.steps(), problem, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static List<byte[]> utf8(List<String> texts) {
        return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "loader-fuzz");
            t.setDaemon(true);
            return t;
        };
    }

    /** Findings grouped by their first stack line, for a readable failure message. */
    static String describe(List<Finding> findings) {
        Map<String, List<Finding>> byCause = new LinkedHashMap<>();
        for (Finding f : findings) {
            String[] lines = f.problem().split("\n");
            String key = lines[0] + (lines.length > 1 ? " " + lines[1].strip() : "");
            byCause.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        StringBuilder sb = new StringBuilder();
        byCause.forEach((cause, fs) -> sb.append("\n").append(fs.size()).append(" x ").append(cause).append("\n    e.g. ")
                .append(fs.get(0).savedInput()).append(" (").append(fs.get(0).target()).append(", ").append(fs.get(0).steps()).append(')'));
        return sb.toString();
    }
}
