package dev.jplay.bench;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables one task of bench/playbook-jplay.yml sees on one host, and where the benchmark's files are. */
final class BenchVars {
    private BenchVars() {
    }

    /** Play vars, inventory vars and a registered stat result, as the engine would merge them for host b7. */
    static Map<String, Object> raw() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("inventory_hostname", "b7");
        v.put("ansible_host", "198.18.77.207");
        v.put("ansible_user", "root");
        v.put("bench_root", "/var/lib/jplay-bench/work");
        v.put("base", "{{ bench_root }}/{{ inventory_hostname }}");   // lazy: rendered when first read
        v.put("app_name", "benchapp");
        v.put("app_port", 8080);
        v.put("upstreams", List.of("alpha", "beta", "gamma"));
        v.put("build", Map.of("changed", false, "failed", false,
                "stat", Map.of("exists", true, "isreg", true, "mode", "0644", "size", 13, "path", "/var/lib/jplay-bench/work/b7/build.txt")));
        for (int i = 0; i < 40; i++) {   // the magic and inventory variables a real scope carries besides
            v.put("group_var_" + i, "value " + i);
        }
        return v;
    }

    /** A fresh scope, as each task on each host gets one. */
    static VarScope scope(Expressions expressions) {
        return new VarScope(raw(), expressions);
    }

    /** bench/templates, found from the working folder (the repository root, or bench/, or bench/jmh/). */
    static Path templates() {
        for (String p : List.of("bench/templates", "templates", "../templates")) {
            Path d = Path.of(System.getProperty("jplay.bench.templates", p)).toAbsolutePath().normalize();
            if (Files.isRegularFile(d.resolve("app.ini.ftl"))) {
                return d;
            }
        }
        throw new IllegalStateException("bench/templates not found from " + Path.of("").toAbsolutePath()
                + "; run from the repository root or set -Djplay.bench.templates=DIR");
    }
}
