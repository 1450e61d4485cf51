package dev.jplay.engine.output;

import dev.jplay.engine.json.JsonWriter;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.run.RunListener;
import dev.jplay.engine.run.RunStats;
import dev.jplay.engine.run.TaskOutcome;
import dev.jplay.engine.run.TaskStatus;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json FILE} ({@code -} for stdout): one JSON document for the whole run, for CI tools — per
 * play, per task, per host: status, changed (as the console shows it), duration, module, msg, the
 * module's return values (rc, stdout, stderr, cmd, ...), diffs and warnings; and the recap.
 * {@code no_log} results appear censored.
 */
public final class JsonReport implements RunListener {
    private final Path file;
    private final PrintWriter stdout;
    private final Map<String, Object> doc = new LinkedHashMap<>();
    private final List<Map<String, Object>> plays = new ArrayList<>();
    private List<Map<String, Object>> tasks;
    private Map<String, Object> currentTask;
    private final long started = System.nanoTime();

    public JsonReport(Path file) {
        this.file = file;
        this.stdout = null;
    }

    /** A report written to {@code out} at the end of the run ({@code --json -}). */
    public JsonReport(PrintWriter out) {
        this.file = null;
        this.stdout = out;
    }

    @Override
    public void playbookStarted(Playbook playbook, boolean checkMode) {
        doc.put("playbook", playbook.file().toString());
        doc.put("started", Instant.now().toString());
        doc.put("check_mode", checkMode);
        doc.put("plays", plays);
    }

    @Override
    public void playStarted(Play play, List<String> hosts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", play.displayName());
        p.put("hosts", hosts);
        tasks = new ArrayList<>();
        p.put("tasks", tasks);
        plays.add(p);
    }

    @Override
    public void taskStarted(String kind, String title) {
        currentTask = new LinkedHashMap<>();
        currentTask.put("name", title);
        currentTask.put("kind", kind.equals("TASK") ? "task" : "handler");
        currentTask.put("hosts", new LinkedHashMap<String, Object>());
        if (tasks != null) {
            tasks.add(currentTask);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void hostResult(TaskOutcome o) {
        if (currentTask == null) {
            return;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", o.status().name().toLowerCase());
        // what the console's JSON says; a failed command that ran has changed: true there too
        h.put("changed", o.status() == TaskStatus.CHANGED || o.result() != null && o.result().changed() && o.status() == TaskStatus.FAILED);
        if (!o.module().isEmpty()) {
            h.put("module", o.module());
        }
        h.put("duration_ms", o.duration().toMillis());
        if (o.ignored()) {
            h.put("ignored", true);
        }
        if (o.delegatedTo() != null) {
            h.put("delegated_to", o.delegatedTo());
        }
        if (o.hidden()) {
            h.put("censored", ConsoleOutput.HIDDEN);
        } else if (o.result() != null) {
            h.put("msg", o.result().msg());
            putResult(h, o.result());
            if (!o.items().isEmpty()) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (TaskOutcome.ItemOutcome i : o.items()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("item", i.label());
                    m.put("status", i.status().name().toLowerCase());
                    m.put("changed", i.result().changed());
                    m.put("msg", i.result().msg());
                    putResult(m, i.result());
                    items.add(m);
                }
                h.put("items", items);
            }
        }
        ((Map<String, Object>) currentTask.get("hosts")).put(o.host(), h);
    }

    /** The module's return values (rc, stdout, stderr, cmd, ...), diffs and warnings, beside status and msg. */
    private static void putResult(Map<String, Object> h, ModuleResult r) {
        Map<String, Object> values = new LinkedHashMap<>(r.values());
        values.remove("results");  // a loop's items are listed under "items"
        values.keySet().removeAll(h.keySet());
        h.putAll(values);
        if (!r.diffs().isEmpty()) {
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (FileDiff d : r.diffs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("before_header", d.beforeHeader());
                m.put("before", d.before());
                m.put("after_header", d.afterHeader());
                m.put("after", d.after());
                diffs.add(m);
            }
            h.put("diff", diffs);
        }
        if (!r.warnings().isEmpty()) {
            h.put("warnings", r.warnings());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void included(String file, List<String> hosts, String item) {
        if (currentTask == null) {
            return;
        }
        for (String host : hosts) {
            Map<String, Object> h = (Map<String, Object>) ((Map<String, Object>) currentTask.get("hosts")).computeIfAbsent(host, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("status", "included");
                m.put("changed", false);
                return m;
            });
            ((List<Object>) h.computeIfAbsent("included", k -> new ArrayList<>())).add(item == null ? file : file + " (item=" + item + ")");
        }
    }

    @Override
    public void playbookFinished(RunStats stats) {
        Map<String, Object> recap = new LinkedHashMap<>();
        stats.hosts().forEach((host, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", s.ok());
            m.put("changed", s.changed());
            m.put("unreachable", s.unreachable());
            m.put("failed", s.failed());
            m.put("skipped", s.skipped());
            m.put("rescued", s.rescued());
            m.put("ignored", s.ignored());
            recap.put(host, m);
        });
        doc.put("stats", recap);
        doc.put("interrupted", stats.interrupted());
        doc.put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        write();
    }

    private void write() {
        if (stdout != null) {
            stdout.println(JsonWriter.writePretty(doc));
            stdout.flush();
            return;
        }
        try {
            Path abs = file.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), ".jplay-report", ".tmp");
            Files.writeString(tmp, JsonWriter.writePretty(doc) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the JSON report " + file + ": " + e.getMessage(), e);
        }
    }
}
