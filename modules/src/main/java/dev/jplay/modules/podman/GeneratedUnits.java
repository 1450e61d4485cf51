package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * podman_container's {@code generate_systemd}, as the podman collection does it: after the container is as
 * wanted, {@code podman generate systemd --format json} with the given settings; the units are returned as
 * {@code podman_systemd} and, with {@code path}, each is written to {@code PATH/UNIT.service} when it differs
 * once comments are ignored (podman's header has a timestamp). With state absent, the unit file named as
 * podman would name it ({@code container_prefix}, {@code separator}, name) is removed from {@code path}.
 */
final class GeneratedUnits {
    static final String OPTION = "generate_systemd";

    private GeneratedUnits() {
    }

    static OptionSpec option() {
        return OptionSpec.of(OPTION, OptionType.DICT, "podman generate systemd for the container: path (folder to write "
                        + "the units to; without it they are only returned), new, restart_policy, restart_sec, start_timeout, "
                        + "stop_timeout, no_header, names, container_prefix, pod_prefix, separator, after, wants, requires")
                .suboptions(OptionSpec.of("path", OptionType.STR, "folder for the unit files (~/ is the task user's home)"),
                        OptionSpec.of("new", OptionType.BOOL, "units that create the container afresh (--new)"),
                        OptionSpec.of("restart_policy", OptionType.STR, "systemd Restart= (--restart-policy)"),
                        OptionSpec.of("restart_sec", OptionType.INT, "--restart-sec"),
                        OptionSpec.of("start_timeout", OptionType.INT, "--start-timeout"),
                        OptionSpec.of("stop_timeout", OptionType.INT, "--stop-timeout").aliases("time"),
                        OptionSpec.of("no_header", OptionType.BOOL, "--no-header"),
                        OptionSpec.of("names", OptionType.BOOL, "use names, not IDs (--name); default true"),
                        OptionSpec.of("container_prefix", OptionType.STR, "--container-prefix (default container)"),
                        OptionSpec.of("pod_prefix", OptionType.STR, "--pod-prefix (default pod)"),
                        OptionSpec.of("separator", OptionType.STR, "--separator (default -)"),
                        OptionSpec.of("after", OptionType.LIST, "--after"),
                        OptionSpec.of("wants", OptionType.LIST, "--wants"),
                        OptionSpec.of("requires", OptionType.LIST, "--requires"));
    }

    static final List<String> KEYS = List.of("path", "new", "restart_policy", "restart_sec", "start_timeout", "stop_timeout",
            "time", "no_header", "names", "container_prefix", "pod_prefix", "separator", "after", "wants", "requires");

    /** The podman generate systemd arguments for these settings, ending with the container's name. */
    static List<String> arguments(SubOptions g, String name) throws ModuleFailure {
        List<String> args = new ArrayList<>(List.of("generate", "systemd", "--format", "json"));
        if (g.bool("new", false)) {
            args.add("--new");
        }
        if (g.bool("names", true)) {
            args.add("--name");
        }
        if (g.bool("no_header", false)) {
            args.add("--no-header");
        }
        for (String[] kv : new String[][]{{"restart_policy", "--restart-policy"}, {"restart_sec", "--restart-sec"},
                {"start_timeout", "--start-timeout"}, {"stop_timeout", "--stop-timeout"}, {"time", "--stop-timeout"},
                {"container_prefix", "--container-prefix"}, {"pod_prefix", "--pod-prefix"}, {"separator", "--separator"}}) {
            String v = g.string(kv[0]);
            if (v != null) {
                UnitValues.refuseControl(OPTION + "." + kv[0], v);
                args.add(kv[1] + "=" + v);
            }
        }
        for (String key : List.of("after", "wants", "requires")) {
            Object v = g.values().get(key);
            if (v instanceof List<?> l) {
                for (Object item : l) {
                    UnitValues.refuseControl(OPTION + "." + key, String.valueOf(item));
                    args.add("--" + key + "=" + item);
                }
            } else if (v != null) {
                UnitValues.refuseControl(OPTION + "." + key, v.toString());
                args.add("--" + key + "=" + v);
            }
        }
        args.add(name);
        return args;
    }

    /**
     * Generates (and writes) the units after the container step; {@code exists} says whether the container is
     * there now (in check mode: whether it was before). Adds podman_systemd, and changes when a file changes.
     */
    static ModuleResult apply(ModuleContext ctx, PodmanCommand podman, String name, String state, boolean exists,
                              ModuleResult.Builder res) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        Map<String, Object> raw = a.map(OPTION);
        if (raw.isEmpty()) {
            return res.build();
        }
        SubOptions g = SubOptions.of(OPTION, raw, KEYS);
        String path = g.string("path");
        if (path != null) {
            UnitValues.refuseControl(OPTION + ".path", path);
        }
        String dirShell = path == null ? null
                : path.startsWith("~/") ? "\"$HOME\"/" + ShellQuote.quote(path.substring(2))
                : path.equals("~") ? "\"$HOME\"" : ShellQuote.quote(path);
        if (state.equals("absent")) {
            if (path == null) {
                return res.build();
            }
            String file = Optional.ofNullable(g.string("container_prefix")).orElse("container")
                    + Optional.ofNullable(g.string("separator")).orElse("-") + name + ".service";
            String target = dirShell + "/" + ShellQuote.quote(file);
            String script = "if [ -f " + target + " ]; then " + (ctx.checkMode() ? "" : "rm -f -- " + target + " && ")
                    + "echo removed; fi";
            ExecResult r = ctx.exec(script);
            if (!r.ok()) {
                throw new ModuleFailure("cannot remove the unit file " + file + ": " + r.errTrimmed());
            }
            return r.out().contains("removed") ? res.changed(true).value("removed_units", List.of(file)).build() : res.build();
        }
        List<String> args = arguments(g, name);
        if (!exists) {
            // check mode before the container exists: nothing to generate from yet
            return res.value("podman_systemd", Map.of()).build();
        }
        StringBuilder s = new StringBuilder(PodmanCommand.userEnvironment());
        s.append(ScriptSections.capture("dir", dirShell == null ? "true" : "printf %s " + dirShell, false));
        s.append(ScriptSections.capture("units", podman.line(args), false));
        ExecResult r = ctx.exec(s.toString());
        ScriptSections out = ScriptSections.parse(r.out());
        if (!out.ok("units")) {
            throw new ModuleFailure("podman generate systemd for " + name + " failed: " + r.errTrimmed(),
                    Map.of("stderr", r.err(), "rc", out.has("units.rc") ? out.rc("units") : r.exitCode()));
        }
        Object parsed = PodmanJson.parse(out.text("units"), "podman generate systemd --format json");
        if (!(parsed instanceof Map<?, ?> units)) {
            throw new ModuleFailure("podman generate systemd --format json printed no units object");
        }
        Map<String, String> generated = new LinkedHashMap<>();
        units.forEach((k, v) -> generated.put(String.valueOf(k), String.valueOf(v)));
        res.value("podman_systemd", generated);
        if (path == null) {
            return res.build();
        }
        String dir = out.text("dir");
        boolean changed = false;
        if (!ctx.checkMode()) {
            ExecResult mk = ctx.exec("mkdir -p -- " + ShellQuote.quote(dir));
            if (!mk.ok()) {
                throw new ModuleFailure("cannot create " + dir + ": " + mk.errTrimmed());
            }
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> u : generated.entrySet()) {
            String file = dir + "/" + u.getKey() + ".service";
            Optional<byte[]> now = ctx.files().read(file);
            String current = now.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            if (now.isPresent() && UnitText.sameUnit(current, u.getValue())) {
                continue;
            }
            changed = true;
            written.add(file);
            if (ctx.diffMode()) {
                res.diff(FileDiff.of(file, current, u.getValue()));
            }
            if (!ctx.checkMode()) {
                ctx.files().write(file, u.getValue().getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", null, null));
            }
        }
        if (changed) {
            res.changed(true).value("written_units", written);
        }
        return res.build();
    }
}
