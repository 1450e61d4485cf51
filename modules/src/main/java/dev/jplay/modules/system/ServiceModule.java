package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
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

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code service}: on a systemd host the work is handed to {@link SystemdModule} (so the
 * result is the systemd module's, as Ansible's service action does); on other hosts the SysV init
 * script is driven as Ansible's {@code sysvinit} module does, with start links found in rc?.d and
 * enablement through update-rc.d or chkconfig.
 *
 * <p>Not supported: {@code pattern} (finding a process in ps output), which Ansible itself calls
 * unreliable. {@code state: reloaded} on a stopped SysV service starts it, as the systemd backend does.
 */
public final class ServiceModule implements Module {

    private static final SystemdModule SYSTEMD = new SystemdModule();
    private static final ModuleSpec SPEC = ModuleSpec.builder("service")
            .describe("Controls a service: systemd units through the systemd module, SysV init scripts otherwise (use: auto "
                    + "finds out which, by /run/systemd/system as Ansible's service_mgr fact).")
            .option(OptionSpec.of("name", OptionType.STR, "Service name (the unit, or the script in /etc/init.d).").asRequired()
                    .aliases("service"))
            .option(OptionSpec.of("state", OptionType.STR, "started and stopped act only when needed; restarted always restarts; "
                    + "reloaded reloads a running service and starts a stopped one.").choices("started", "stopped", "restarted", "reloaded"))
            .option(OptionSpec.of("enabled", OptionType.BOOL, "Whether the service starts at boot."))
            .option(OptionSpec.of("use", OptionType.STR, "The service manager: auto (detect), systemd or sysvinit.")
                    .choices("auto", "systemd", "sysvinit").defaultValue("auto"))
            .option(OptionSpec.of("sleep", OptionType.INT, "SysV: seconds between stop and start on restarted.").defaultValue(1))
            .option(OptionSpec.of("arguments", OptionType.STR, "SysV: extra words after the script's verb (split on blanks, each "
                    + "passed as one quoted word).").aliases("args"))
            .option(OptionSpec.of("runlevels", OptionType.LIST, "SysV: the runlevels enabled applies to (default: any / the "
                    + "script's defaults)."))
            .requiredOneOf("state", "enabled")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = a.string("name");
        String use = a.string("use");
        if (use.equals("systemd")) {
            return systemd(ctx, a);
        }
        ExecResult pr = ctx.exec(SysvStatus.script(name, !use.equals("sysvinit")));
        if (!pr.ok()) {
            throw new ModuleFailure("probing service " + name + " failed (rc " + pr.exitCode() + "): " + pr.errTrimmed());
        }
        SysvStatus s = SysvStatus.parse(pr.out());
        if (s.systemd()) {
            return systemd(ctx, a);
        }
        return sysv(ctx, a, name, s);
    }

    private static ModuleResult systemd(ModuleContext ctx, ModuleArgs a) throws ModuleFailure {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("name", a.string("name"));
        if (a.has("state")) {
            options.put("state", a.string("state"));
        }
        if (a.has("enabled")) {
            options.put("enabled", a.bool("enabled"));
        }
        return SYSTEMD.run(DelegatedContext.of(ctx, SYSTEMD, options));
    }

    private static ModuleResult sysv(ModuleContext ctx, ModuleArgs a, String name, SysvStatus s) throws ModuleFailure {
        if (!s.scriptExists()) {
            if (ctx.checkMode()) {
                return ModuleResult.skipped("Service " + name + " not found on host, assuming it will exist on full run");
            }
            throw new ModuleFailure("Could not find the requested service " + name + ": host");
        }
        ModuleResult.Builder b = ModuleResult.ok().value("name", name);
        List<String> commands = new ArrayList<>();
        List<String> said = new ArrayList<>();
        List<String> verbs = new ArrayList<>();
        Map<String, Object> status = new LinkedHashMap<>();

        List<String> runlevels = a.stringList("runlevels");
        for (String rl : runlevels) {
            if (!rl.matches("[0-9Ss]")) {
                throw new ModuleFailure("runlevels: '" + rl + "' is not a runlevel (0-9 or S)");
            }
        }
        if (a.has("enabled")) {
            boolean want = a.bool("enabled");
            boolean differs = runlevels.isEmpty() ? want != s.enabled() : runlevels.stream().anyMatch(rl -> want != s.enabledIn(rl));
            status.put("enabled", Map.of("changed", differs));
            if (differs) {
                commands.add(enableCommand(s, name, want, runlevels));
                said.add(want ? "enabled" : "disabled");
                verbs.add(want ? "enable" : "disable");
            }
            b.value("enabled", want);
        }
        if (a.has("state")) {
            String state = a.string("state");
            Boolean running = s.running(name);
            if (running == null) {
                b.warn("Unable to determine if service is up, assuming it is down (status rc " + s.statusRc() + ")");
                running = false;
            }
            String script = "\"/etc/init.d/$jp_n\"";
            String args = arguments(a.string("arguments"));
            String step = switch (state) {
                case "started" -> running ? null : script + " start" + args;
                case "stopped" -> running ? script + " stop" + args : null;
                case "restarted" -> script + " stop" + args + " && sleep " + a.integer("sleep", 1) + " && " + script + " start" + args;
                default -> script + (running ? " reload" : " start") + args;
            };
            status.put(state, Map.of("changed", step != null));
            if (step != null) {
                commands.add(step);
                String done = state.equals("reloaded") && !running ? "started" : state;
                said.add(done);
                verbs.add(done.replaceAll("p?ed$", ""));
            }
            b.value("state", state.equals("stopped") ? "stopped" : "started");
        }
        b.value("status", status);
        if (commands.isEmpty()) {
            return b.build();
        }
        b.changed(true).msg(String.join("; ", said));
        if (!s.root()) {
            if (ctx.checkMode()) {
                return b.warn("changing services needs root: run the task with become: true").build();
            }
            throw new ModuleFailure("changing service " + name + " needs root: run the task with become: true");
        }
        if (ctx.checkMode()) {
            return b.build();
        }
        String run = "jp_n=" + quote(name) + "; " + String.join(" && ", commands);
        ExecResult r = ctx.exec(run);
        if (!r.ok()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("rc", r.exitCode());
            values.put("stdout", r.outTrimmed());
            values.put("stderr", r.errTrimmed());
            throw new ModuleFailure("Failed to " + String.join(" and ", verbs) + " service " + name + " (rc " + r.exitCode() + "): "
                    + (r.errTrimmed().isEmpty() ? r.outTrimmed() : r.errTrimmed()), values);
        }
        return b.build();
    }

    private static String enableCommand(SysvStatus s, String name, boolean enable, List<String> runlevels) throws ModuleFailure {
        if (s.tools().contains("update-rc.d")) {
            if (runlevels.isEmpty()) {
                return "update-rc.d \"$jp_n\" " + (enable ? "defaults" : "disable");
            }
            return "update-rc.d \"$jp_n\" " + (enable ? "enable " : "disable ") + String.join(" ", runlevels);
        }
        if (s.tools().contains("chkconfig")) {
            return "chkconfig " + (runlevels.isEmpty() ? "" : "--level " + String.join("", runlevels) + " ") + "\"$jp_n\" "
                    + (enable ? "on" : "off");
        }
        throw new ModuleFailure("cannot " + (enable ? "enable" : "disable") + " service " + name
                + ": the host has neither update-rc.d nor chkconfig");
    }

    /** The arguments option as quoted words after the verb. */
    private static String arguments(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String w : raw.trim().split("\\s+")) {
            s.append(' ').append(quote(w));
        }
        return s.toString();
    }
}
