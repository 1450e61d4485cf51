package dev.jplay.engine.output;

import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.json.JsonWriter;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.run.RunListener;
import dev.jplay.engine.run.RunStats;
import dev.jplay.engine.run.TaskOutcome;
import dev.jplay.engine.run.TaskStatus;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleResult;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's default console output: PLAY/TASK banners, a line per host, and the PLAY RECAP. */
public final class ConsoleOutput implements RunListener {
    static final String HIDDEN = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
    private static final int WIDTH = 80;

    private final PrintWriter out;
    private final boolean color;
    private final int verbosity;
    private static final JsonWriter.Style INDENTED = new JsonWriter.Style(",", ": ", 4, true, false);

    public ConsoleOutput(PrintWriter out, boolean color, int verbosity) {
        this.out = out;
        this.color = color;
        this.verbosity = verbosity;
    }

    /** Ansible's default colours (COLOR_OK, COLOR_CHANGED, COLOR_ERROR, COLOR_UNREACHABLE, COLOR_SKIP, COLOR_WARN, COLOR_VERBOSE). */
    private enum Color {
        GREEN("0;32"), YELLOW("0;33"), RED("0;31"), BRIGHT_RED("1;31"), CYAN("0;36"), BRIGHT_PURPLE("1;35"), BLUE("0;34");
        final String code;

        Color(String code) {
            this.code = code;
        }
    }

    /** As Ansible's stringc: each line painted on its own, so a multi-line result keeps its colour line by line. */
    private String paint(String s, Color c) {
        if (!color) {
            return s;
        }
        return java.util.Arrays.stream(s.split("\n", -1)).map(l -> "\u001b[" + c.code + "m" + l + "\u001b[0m")
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private void banner(String msg) {
        int stars = Math.max(3, WIDTH - msg.length() - 1);
        out.println();
        out.println(msg + " " + "*".repeat(stars));
        out.flush();
    }

    @Override
    public void playbookStarted(Playbook playbook, boolean checkMode) {
        if (verbosity > 1) {
            // as ansible-playbook -vv; jplay adds the check mode
            banner("PLAYBOOK: " + playbook.file().getFileName() + (checkMode ? " (check mode)" : ""));
            out.println(playbook.plays().size() + " plays in " + playbook.file().getFileName());
        }
    }

    @Override
    public void playStarted(Play play, List<String> hosts) {
        banner("PLAY [" + play.displayName() + "]");
    }

    @Override
    public void taskStarted(String kind, String title) {
        banner(kind + " [" + title + "]");
    }

    @Override
    public void taskStarted(String kind, String title, SourceLocation where) {
        banner(kind + " [" + title + "]");
        if (verbosity > 1 && where != null && where.file() != null) {
            out.println("task path: " + where.file().toAbsolutePath() + ":" + where.line());
        }
    }

    @Override
    public void included(String file, List<String> hosts, String item) {
        out.println(paint("included: " + file + " for " + String.join(", ", hosts) + (item != null ? " => (item=" + item + ")" : ""),
                Color.CYAN));
        out.flush();
    }

    @Override
    public void noHostsLeft() {
        banner("NO MORE HOSTS LEFT");
    }

    @Override
    public void warning(String message) {
        out.println(paint("[WARNING]: " + message, Color.BRIGHT_PURPLE));
        out.flush();
    }

    @Override
    public void connectionTrace(String host, String line) {
        out.println(paint("<" + host + "> " + line, Color.BLUE));
        out.flush();
    }

    @Override
    public void hostResult(TaskOutcome o) {
        String host = o.delegatedTo() != null ? o.host() + " -> " + o.delegatedTo() : o.host();
        for (TaskOutcome.ItemOutcome item : o.items()) {
            itemLine(o, host, item);
        }
        ModuleResult r = o.result();
        // as Ansible: the diffs of what changed come before the host's line (after a loop's items)
        if (!o.hidden()) {
            if (o.items().isEmpty()) {
                printDiffs(r, o.status() == TaskStatus.CHANGED);
            }
            o.items().forEach(i -> printDiffs(i.result(), i.status() == TaskStatus.CHANGED));
        }
        switch (o.status()) {
            case OK, CHANGED -> {
                if (!o.items().isEmpty()) {
                    break;  // a loop's items are its output, as in Ansible
                }
                Color c = o.status() == TaskStatus.CHANGED ? Color.YELLOW : Color.GREEN;
                String word = o.status() == TaskStatus.CHANGED ? "changed" : "ok";
                String detail = detail(o);
                out.println(paint(word + ": [" + host + "]" + detail, c));
            }
            case SKIPPED -> {
                // a loop is SKIPPED only when every item was; Ansible then ends with the host's own line
                String detail = "";
                if (verbosity > 0 && r != null && !o.hidden()) {
                    detail = " => " + dump(skipShown(o, r));
                } else if (r != null && r.msg().startsWith("check mode")) {
                    detail = " => " + r.msg();
                }
                out.println(paint("skipping: [" + host + "]" + detail, Color.CYAN));
            }
            case FAILED -> {
                if (o.items().isEmpty()) {
                    out.println(paint("fatal: [" + host + "]: FAILED! => " + json(o, r), Color.RED));
                }
                if (o.ignored()) {
                    out.println(paint("...ignoring", Color.CYAN));
                }
            }
            case UNREACHABLE -> out.println(paint("fatal: [" + host + "]: UNREACHABLE! => " + json(o, r), Color.BRIGHT_RED));
        }
        if (r != null && !o.hidden()) {
            for (String w : r.warnings()) {
                out.println(paint("[WARNING]: " + w, Color.BRIGHT_PURPLE));
            }
        }
        out.flush();
    }

    /** Diffs are there only when the task ran in diff mode (-D, or its own diff: true); Ansible shows those of changes. */
    private void printDiffs(ModuleResult r, boolean changed) {
        if (r == null || !changed) {
            return;
        }
        for (FileDiff d : r.diffs()) {
            List<String> lines = UnifiedDiff.lines(d.beforeHeader(), d.before(), d.afterHeader(), d.after());
            for (String l : lines) {
                Color c = l.startsWith("+") ? Color.GREEN : l.startsWith("-") ? Color.RED : l.startsWith("@@") ? Color.CYAN : null;
                out.print(c == null ? l : paint(l.substring(0, l.length() - 1), c) + "\n");
            }
            if (!lines.isEmpty()) {
                out.print("\n");
            }
        }
    }

    private void itemLine(TaskOutcome o, String host, TaskOutcome.ItemOutcome item) {
        String label = o.hidden() ? "None" : item.label();
        switch (item.status()) {
            case OK -> out.println(paint("ok: [" + host + "] => (item=" + label + ")" + itemDetail(o, item), Color.GREEN));
            case CHANGED -> out.println(paint("changed: [" + host + "] => (item=" + label + ")" + itemDetail(o, item), Color.YELLOW));
            // Ansible ends this line with a space
            case SKIPPED -> out.println(paint("skipping: [" + host + "] => (item=" + label + ") ", Color.CYAN));
            case FAILED -> out.println(paint("failed: [" + host + "] (item=" + label + ") => "
                    + (o.hidden() ? censored() : dump(withItem(shownResult(item.result()), item))), Color.RED));
            case UNREACHABLE -> out.println(paint("fatal: [" + host + "]: UNREACHABLE! (item=" + label + ") => "
                    + (o.hidden() ? censored() : dump(withItem(unreachable(item.result()), item))), Color.BRIGHT_RED));
        }
    }

    private String itemDetail(TaskOutcome o, TaskOutcome.ItemOutcome item) {
        if (o.hidden()) {
            return "";
        }
        if ("debug".equals(o.module())) {
            return " => " + JsonWriter.writePretty(shown(item.result()));
        }
        if (verbosity > 0) {
            return " => " + dump(withItem(shownResult(item.result()), item));
        }
        return "";
    }

    /** An item's result as Ansible shows it: with the loop variable's name and the item. */
    private static Map<String, Object> withItem(Map<String, Object> result, TaskOutcome.ItemOutcome item) {
        result.put("ansible_loop_var", item.loopVar());
        result.put(item.loopVar(), item.item());
        return result;
    }

    private String detail(TaskOutcome o) {
        if (o.hidden()) {
            return verbosity > 0 || "debug".equals(o.module()) ? " => " + censored() : "";
        }
        if ("debug".equals(o.module())) {
            return " => " + JsonWriter.writePretty(shown(o.result()));
        }
        if ("assert".equals(o.module()) && o.result() != null && !o.result().msg().isEmpty()) {
            return " => " + JsonWriter.writePretty(Map.of("changed", false, "msg", o.result().msg()));
        }
        if (verbosity > 0 && o.result() != null) {
            return " => " + dump(shownResult(o.result()));
        }
        return "";
    }

    /** What debug shows: its values without the bookkeeping keys. */
    private static Map<String, Object> shown(ModuleResult r) {
        Map<String, Object> m = new LinkedHashMap<>(r.values());
        if (m.isEmpty() && !r.msg().isEmpty()) {
            m.put("msg", r.msg());
        }
        return m;
    }

    /**
     * A result after {@code =>}: on one line, or at -vvv indented by four as Ansible's callback then
     * writes every result (json.dumps with indent=4 and sorted keys).
     */
    private String dump(Object result) {
        return verbosity > 2 ? JsonWriter.write(result, INDENTED) : OneLineJson.write(result);
    }

    private String censored() {
        return dump(Map.of("censored", HIDDEN));
    }

    private String json(TaskOutcome o, ModuleResult r) {
        if (o.hidden()) {
            return censored();
        }
        return dump(o.status() == TaskStatus.UNREACHABLE ? unreachable(r) : shownResult(r));
    }

    /** A result as Ansible's callback prints it: without the failed/skipped flags the status word already tells. */
    private static Map<String, Object> shownResult(ModuleResult r) {
        Map<String, Object> m = r == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.asRegistered());
        m.remove("failed");
        m.remove("skipped");
        return m;
    }

    /** What -v shows for a skipped task: Ansible's skip_reason and false_condition, or its summary of a skipped loop. */
    private static Map<String, Object> skipShown(TaskOutcome o, ModuleResult r) {
        if (!o.items().isEmpty()) {
            return Map.of("msg", "All items skipped");
        }
        Map<String, Object> m = shownResult(r);
        if (m.containsKey("skip_reason") && m.get("skip_reason").equals(m.get("msg"))) {
            m.remove("msg");
        }
        return m;
    }

    private static Map<String, Object> unreachable(ModuleResult r) {
        Map<String, Object> m = shownResult(r);
        m.put("unreachable", true);
        return m;
    }

    @Override
    public void playbookFinished(RunStats stats) {
        banner("PLAY RECAP");
        // Ansible prints the recap sorted by host name
        new java.util.TreeMap<>(stats.hosts()).forEach((h, s) -> out.println(recapLine(h, s)));
        if (stats.interrupted()) {
            out.println(paint("[ERROR]: the run was interrupted; the recap shows what was done so far", Color.RED));
        }
        out.println();
        out.flush();
    }

    /** One recap line in Ansible's exact layout: host padded to 26, each field {@code key=%-4s}. */
    String recapLine(String host, RunStats.HostStats s) {
        Color hc = s.failed() > 0 || s.unreachable() > 0 ? Color.RED : s.changed() > 0 ? Color.YELLOW : Color.GREEN;
        // Ansible pads the painted name, so its escape codes count in the width (26 without colour)
        return (color ? String.format("%-37s", paint(host, hc)) : String.format("%-26s", host)) + " : "
                + field("ok", s.ok(), Color.GREEN) + " " + field("changed", s.changed(), Color.YELLOW) + " "
                + field("unreachable", s.unreachable(), Color.BRIGHT_RED) + " " + field("failed", s.failed(), Color.RED) + " "
                + field("skipped", s.skipped(), Color.CYAN) + " " + field("rescued", s.rescued(), Color.GREEN) + " "
                + field("ignored", s.ignored(), Color.BRIGHT_PURPLE);
    }

    private String field(String key, int n, Color c) {
        String f = String.format("%s=%-4s", key, n);
        return n != 0 ? paint(f, c) : f;
    }
}
