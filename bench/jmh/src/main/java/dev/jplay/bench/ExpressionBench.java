package dev.jplay.bench;

import dev.jplay.engine.expr.Expressions;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Expression evaluation ({@link Expressions}) as a task on one host needs it: a fresh variable scope,
 * arguments with {@code {{ }}} (one of them going through the lazy variable {@code base}), a
 * {@code when} condition on a registered result, and a single expression that keeps its type.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExpressionBench {
    private Expressions expressions;
    private Map<String, Object> copyArgs;

    @Setup
    public void setUp() {
        expressions = new Expressions();
        copyArgs = new LinkedHashMap<>();
        copyArgs.put("content", "Managed by the benchmark\n");
        copyArgs.put("dest", "{{ base }}/etc/motd");
        copyArgs.put("mode", "0644");
    }

    /** Renders a task's arguments: one path through a lazy variable, two literals. */
    @Benchmark
    public Object taskArguments() {
        return expressions.render(copyArgs, BenchVars.scope(expressions));
    }

    /** A string with two expressions and text between them. */
    @Benchmark
    public Object interpolatedString() {
        return expressions.render("echo built for {{ inventory_hostname }} > {{ bench_root }}/build.txt", BenchVars.scope(expressions));
    }

    /** {@code when: build.stat.exists}. */
    @Benchmark
    public boolean whenCondition() {
        return expressions.test("build.stat.exists", BenchVars.scope(expressions));
    }

    /** {@code "{{ upstreams }}"}: one expression, the list comes back as a list. */
    @Benchmark
    public Object typedSingleExpression() {
        return expressions.render("{{ upstreams }}", BenchVars.scope(expressions));
    }

    /** Building the scope alone, the part every other benchmark here includes. */
    @Benchmark
    public Object scopeOnly() {
        return BenchVars.scope(expressions);
    }
}
