package dev.jplay.bench;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Template rendering ({@link TemplateFiles}) of the benchmark playbook's two templates, per host. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateBench {
    private Expressions expressions;
    private TemplateFiles templates;
    private List<Path> searchPath;

    @Setup
    public void setUp() {
        expressions = new Expressions();
        templates = new TemplateFiles(expressions);
        searchPath = List.of(BenchVars.templates());
        templates.load(searchPath, "app.ini.ftl");   // parsed once, as the loader does before the run
        templates.load(searchPath, "upstreams.conf.ftl");
    }

    /** Five variables, one of them lazy ({@code base}). */
    @Benchmark
    public String appIni() {
        return templates.render(searchPath, "app.ini.ftl", BenchVars.scope(expressions));
    }

    /** A {@code <#list>} over three items. */
    @Benchmark
    public String upstreams() {
        return templates.render(searchPath, "upstreams.conf.ftl", BenchVars.scope(expressions));
    }
}
