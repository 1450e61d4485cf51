package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code package}, {@code dnf} and {@code apt} share: find the manager and probe every package
 * in one round trip (local database only), act in one more when something differs, and decide
 * {@code changed} by comparing the versions installed before and after (plus the tool's own summary,
 * for names the database cannot answer, such as virtual packages).
 *
 * <p>When every package is already as wanted nothing else runs: no cache update, no network.
 * {@code update_cache} therefore refreshes the cache only when something is to be installed or
 * upgraded, or when no name is given (then it is the task's only job, and not a change, as in Ansible).
 */
final class PackageInstaller {

    private static final String SEP = "__JPLAY_AFTER__";

    private final List<PackageManager> candidates;

    /** @param candidates managers this module may use, in the order they are looked for on the host */
    PackageInstaller(List<PackageManager> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** The options every package module takes. {@code states} are the accepted state names. */
    static ModuleSpec.Builder spec(String name, String description, String... states) {
        return ModuleSpec.builder(name)
                .describe(description)
                .option(OptionSpec.of("name", OptionType.LIST, "Package name(s): a list or a comma-separated string; apt takes "
                        + "name=version to pin a version, dnf name-version.").aliases("pkg"))
                .option(OptionSpec.of("state", OptionType.STR, "present: installed (any version); latest: the newest version the "
                        + "repositories offer (needs network); absent: removed.").choices(states).defaultValue("present"))
                .option(OptionSpec.of("update_cache", OptionType.BOOL, "Refresh the package cache (apt-get update / dnf makecache) "
                        + "before installing; skipped when nothing is to be installed.").aliases("update-cache", "expire-cache")
                        .defaultValue(false))
                .requiredOneOf("name", "update_cache");
    }

    ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        List<String> names = a.stringList("name").stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        String state = switch (a.string("state")) {
            case "installed" -> "present";
            case "removed" -> "absent";
            default -> a.string("state");
        };
        boolean updateCache = a.bool("update_cache");

        ExecResult pr = ctx.exec(probeScript(names));
        ProbeLines p = ProbeLines.parse(pr.out());
        PackageManager pm = PackageManager.ofCommand(p.get("pm"));
        if (pm == null) {
            throw new ModuleFailure("no package manager found on the host: looked for "
                    + String.join(", ", candidates.stream().map(PackageManager::command).toList()));
        }
        if (!pr.ok()) {
            throw new ModuleFailure("cannot probe packages with " + pm.command() + ": " + pr.errTrimmed(), Map.of("rc", pr.exitCode()));
        }
        boolean root = p.is("euid", "0");
        Map<String, String> before = versions(p, "before", names);

        List<String> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String n : names) {
            String v = before.get(n);
            String pin = pm.pinnedVersion(n);
            if (v == null || (pin != null && !v.equals(pin))) {
                missing.add(n);
            } else {
                present.add(n);
            }
        }
        ModuleResult.Builder b = ModuleResult.ok().value("pkg_mgr", pm.command());

        List<String> commands = new ArrayList<>();
        switch (state) {
            case "present" -> {
                if (!missing.isEmpty()) {
                    commands.add(pm.install(missing));
                }
            }
            case "latest" -> {
                if (!present.isEmpty()) {
                    commands.add(pm.upgrade(present));
                }
                if (!missing.isEmpty()) {
                    commands.add(pm.install(missing));
                }
            }
            case "absent" -> {
                if (!present.isEmpty()) {
                    commands.add(pm.remove(present));
                }
            }
            default -> throw new ModuleFailure("unknown state " + state);
        }
        boolean refresh = updateCache && (names.isEmpty() || !state.equals("absent") && !commands.isEmpty());
        b.value("cache_updated", refresh && !ctx.checkMode());

        if (ctx.checkMode()) {
            return checkResult(ctx, pm, state, names, missing, present, root, b);
        }
        if (commands.isEmpty() && !refresh) {
            return b.value("packages", before).msg("nothing to do").build();
        }
        if (!root) {
            throw new ModuleFailure("changing packages needs root: run the task with become: true");
        }
        List<String> steps = new ArrayList<>();
        if (refresh) {
            steps.add(pm.updateCache());
        }
        steps.addAll(commands);
        String script = "export LC_ALL=C; set -e; " + String.join("; ", steps) + "; echo " + SEP + "; " + pm.probeScript(names, "after");
        ExecResult r = ctx.exec(script);
        String out = r.out();
        int sep = out.indexOf(SEP);
        String toolOut = sep < 0 ? out : out.substring(0, sep);
        b.value("rc", r.exitCode()).value("stdout", toolOut.strip()).value("stderr", r.errTrimmed())
                .value("stdout_lines", toolOut.strip().lines().toList());
        if (!r.ok()) {
            throw new ModuleFailure(pm.command() + " failed (rc " + r.exitCode() + "): " + lastLines(r.errTrimmed().isEmpty()
                    ? toolOut : r.errTrimmed()), Map.of("rc", r.exitCode(), "stdout", toolOut.strip(), "stderr", r.errTrimmed()));
        }
        Map<String, String> after = versions(ProbeLines.parse(sep < 0 ? "" : out.substring(sep)), "after", names);
        List<String> installed = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String n : names) {
            String v0 = before.get(n);
            String v1 = after.get(n);
            if (v0 == null && v1 != null) {
                installed.add(n);
            } else if (v0 != null && v1 == null) {
                removed.add(n);
            } else if (v0 != null && !v0.equals(v1)) {
                upgraded.add(n);
            }
        }
        boolean changed = !installed.isEmpty() || !upgraded.isEmpty() || !removed.isEmpty()
                || (!commands.isEmpty() && pm.outputShowsChange(toolOut));
        if (state.equals("present") && after.keySet().size() < names.size()) {
            List<String> unknown = names.stream().filter(n -> !after.containsKey(n)).toList();
            b.warn("not found in the package database after installing (virtual or provided names?): " + String.join(", ", unknown));
        }
        return b.changed(changed).value("installed", installed).value("upgraded", upgraded).value("removed", removed)
                .value("packages", after).msg(summary(installed, upgraded, removed, changed)).build();
    }

    private ModuleResult checkResult(ModuleContext ctx, PackageManager pm, String state, List<String> names, List<String> missing,
                                     List<String> present, boolean root, ModuleResult.Builder b) throws ModuleFailure {
        boolean would;
        switch (state) {
            case "present" -> {
                would = !missing.isEmpty();
                b.value("would_install", missing);
            }
            case "absent" -> {
                would = !present.isEmpty();
                b.value("would_remove", present);
            }
            default -> {
                if (names.isEmpty()) {
                    would = false;
                } else {
                    ExecResult r = ctx.exec("export LC_ALL=C; " + pm.wouldUpgrade(names));
                    would = !missing.isEmpty() || ProbeLines.parse(r.out()).is("would", "yes");
                }
                b.value("would_install", missing);
            }
        }
        if (would && !root) {
            b.warn("changing packages needs root: run the task with become: true");
        }
        return b.changed(would).build();
    }

    private String probeScript(List<String> names) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; jp_pm=none; for jp_c in ");
        s.append(String.join(" ", candidates.stream().map(PackageManager::command).toList()));
        s.append("; do if command -v $jp_c >/dev/null 2>&1; then jp_pm=$jp_c; break; fi; done; echo \"pm=$jp_pm\"; echo \"euid=$(id -u)\"; ");
        s.append("case $jp_pm in ");
        for (PackageManager m : candidates) {
            s.append(m.command()).append(") ").append(m.probeScript(names, "before")).append(":;; ");
        }
        return s.append("esac").toString();
    }

    /** name -> installed version, for the installed ones. */
    private static Map<String, String> versions(ProbeLines p, String prefix, List<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String line = p.get(prefix + "." + i);
            if (line.startsWith("installed|")) {
                m.put(names.get(i), line.substring("installed|".length()).strip());
            }
        }
        return m;
    }

    private static String summary(List<String> installed, List<String> upgraded, List<String> removed, boolean changed) {
        List<String> parts = new ArrayList<>();
        if (!installed.isEmpty()) {
            parts.add("installed " + String.join(", ", installed));
        }
        if (!upgraded.isEmpty()) {
            parts.add("upgraded " + String.join(", ", upgraded));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        if (parts.isEmpty()) {
            return changed ? "changed (see stdout)" : "nothing to do";
        }
        return String.join("; ", parts);
    }

    private static String lastLines(String s) {
        List<String> lines = s.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
