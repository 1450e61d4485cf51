package dev.jplay.bench;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.json.JsonWriter;
import dev.jplay.engine.output.ConsoleOutput;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.run.TaskContext;
import dev.jplay.engine.run.TaskOutcome;
import dev.jplay.engine.run.TaskStatus;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the controller does for one task on one host around the round trip: render and bind the
 * arguments, let the module build its probe and read the answer (replayed, see {@link ReplayedHost}),
 * then handle the result: register it, print the host's line, write it as JSON for the report.
 * The module cases are tasks of bench/playbook-jplay.yml, on a host where they change nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResultBench {

    @Param({"file", "copy", "template", "lineinfile", "command", "stat"})
    public String task;

    private Expressions expressions;
    private TemplateFiles templates;
    private Module module;
    private Map<String, Object> args;
    private Path dir;
    private ReplayedHost host;
    private TaskContext.SearchPath searchPath;
    private ModuleResult lastResult;
    private ConsoleOutput quiet;
    private ConsoleOutput verbose;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        expressions = new Expressions();
        templates = new TemplateFiles(expressions);
        ModuleRegistry modules = ModuleRegistry.load(List.of());
        dir = Files.createTempDirectory("jplay-jmh-");
        searchPath = new TaskContext.SearchPath(List.of(BenchVars.templates()), List.of(dir), dir);
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/app.conf"), "port=80\nworkers=4\n");
        Files.writeString(dir.resolve("build.txt"), "built\n");
        args = new LinkedHashMap<>();
        String moduleName = task;
        switch (task) {
            case "file" -> {
                args.put("path", "{{ base }}/etc");
                args.put("state", "directory");
                args.put("mode", "0755");
            }
            case "copy" -> {
                args.put("content", "Managed by the benchmark\n");
                args.put("dest", "{{ base }}/etc/motd");
                args.put("mode", "0644");
            }
            case "template" -> {
                args.put("src", "app.ini.ftl");
                args.put("dest", "{{ base }}/etc/app.ini");
                args.put("mode", "0644");
            }
            case "lineinfile" -> {
                args.put("path", "{{ base }}/etc/app.conf");
                args.put("regexp", "^port=");
                args.put("line", "port={{ app_port }}");
            }
            case "command" -> {
                args.put("cmd", "cp {{ base }}/etc/app.conf {{ base }}/etc/app.conf.orig");
                args.put("creates", "{{ base }}/etc/app.conf.orig");
            }
            case "stat" -> args.put("path", "{{ base }}/build.txt");
            default -> throw new IllegalArgumentException(task);
        }
        module = modules.find(moduleName).orElseThrow(() -> new IllegalStateException("no module " + moduleName));
        host = new ReplayedHost();
        // converge the temp folder, then record the questions and answers of a run that changes nothing
        runModule();
        host.record();
        ModuleResult r = runModule();
        host.replay();
        if (r.failed() || r.changed()) {
            throw new IllegalStateException(task + ": the recorded run should change nothing: " + r);
        }
        quiet = new ConsoleOutput(new PrintWriter(Writer.nullWriter()), false, 0);
        verbose = new ConsoleOutput(new PrintWriter(Writer.nullWriter()), false, 1);
        lastResult = r;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        host.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private VarScope scope() {
        Map<String, Object> v = BenchVars.raw();
        v.put("base", dir.toString());
        return new VarScope(v, expressions);
    }

    private ModuleResult runModule() {
        VarScope scope = scope();
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = (Map<String, Object>) expressions.render(args, scope);
        TaskContext ctx = new TaskContext(ArgsBinder.bind(module.spec(), rendered), "b7", host, Become.NONE, Map.of(),
                null, false, false, scope, templates, searchPath);
        try {
            return module.run(ctx);
        } catch (ModuleFailure f) {
            return ModuleResult.ok().failed().msg(f.getMessage()).values(f.values()).build();
        }
    }

    /** Arguments rendered and bound, the module's probe built and its (replayed) answer read. */
    @Benchmark
    public ModuleResult module() {
        return runModule();
    }

    /** The host's line at the default verbosity ({@code ok: [b7]}). */
    @Benchmark
    public void consoleLine() {
        quiet.hostResult(outcome(lastResult));
    }

    /** The host's line with -v: the result as one line of sorted JSON. */
    @Benchmark
    public void consoleLineVerbose() {
        verbose.hostResult(outcome(lastResult));
    }

    /** {@code register:} plus the result as JSON, as the JSON report writes it. */
    @Benchmark
    public String registerAndJson() {
        return JsonWriter.write(lastResult.asRegistered());
    }

    private TaskOutcome outcome(ModuleResult r) {
        return new TaskOutcome("b7", task, null, r.changed() ? TaskStatus.CHANGED : TaskStatus.OK, r, List.of(),
                Duration.ofMillis(4), false, false, 1, task);
    }
}
