package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecRequest;
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
 * Ansible's {@code systemd} / {@code systemd_service}: unit state, enablement and masking, for the
 * system manager, a user's manager ({@code scope: user}, reached by {@link UserManagerAccess} with
 * nothing set by the caller) or {@code --global}.
 *
 * <p>One round trip probes (daemon-reload included), one more acts when something differs.
 * Differences from Ansible, on purpose:
 * <ul>
 *   <li>{@code daemon_reload} runs whenever it is true, but counts as a change only when it changed
 *       what systemd knows about the named unit (NeedDaemonReload was set, or the unit was not loaded
 *       before); Ansible never counts it. A reload without {@code name} is never a change.</li>
 *   <li>An active {@code .socket} whose unit file or drop-ins changed after it started listening is
 *       restarted by {@code state: started} ({@code refresh_stale_socket}, default true): systemd leaves
 *       such a socket "not functional until restarted".</li>
 *   <li>{@code enabled: true} on a generated (Quadlet), transient, static or indirect unit is satisfied
 *       with a note instead of an error or an always-changed enable; {@code enabled: false} on a
 *       generated unit that something pulls in fails and names the source file to edit.</li>
 *   <li>{@code state: stopped} or {@code enabled: false} on a unit that does not exist is ok with a warning.</li>
 * </ul>
 */
public final class SystemdModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("systemd")
            .alias("systemd_service")
            .describe("Controls systemd units: started/stopped/restarted/reloaded, enabled, masked, daemon-reload, for the "
                    + "system manager, a user's manager (scope: user, found without XDG_RUNTIME_DIR from the caller) or --global.")
            .option(OptionSpec.of("name", OptionType.STR, "Unit name, e.g. nginx.service or app.socket (.service is assumed by "
                    + "systemctl when no suffix is given).").aliases("service", "unit"))
            .option(OptionSpec.of("state", OptionType.STR, "started and stopped act only when needed; restarted and reloaded "
                    + "always act (a stopped unit is started).").choices("started", "stopped", "restarted", "reloaded"))
            .option(OptionSpec.of("enabled", OptionType.BOOL, "Whether the unit starts at boot. Generated (Quadlet), transient, "
                    + "static and indirect units cannot be enabled with systemctl: enabled=true is then satisfied with a note."))
            .option(OptionSpec.of("masked", OptionType.BOOL, "Whether the unit is masked (cannot be started at all)."))
            .option(OptionSpec.of("force", OptionType.BOOL, "Override existing symlinks when enabling or masking.").defaultValue(false))
            .option(OptionSpec.of("daemon_reload", OptionType.BOOL, "Run daemon-reload before anything else. It counts as a change "
                    + "only when it changed what systemd knows about the named unit.").aliases("daemon-reload").defaultValue(false))
            .option(OptionSpec.of("daemon_reexec", OptionType.BOOL, "Run daemon-reexec before anything else (never a change).")
                    .aliases("daemon-reexec").defaultValue(false))
            .option(OptionSpec.of("scope", OptionType.STR, "system: the system manager; user: the manager of the user the task "
                    + "runs as (become_user, else the login user), started if linger allows, else a clear error; global: "
                    + "enablement for all users (only enabled and masked apply).").choices("system", "user", "global")
                    .defaultValue("system"))
            .option(OptionSpec.of("no_block", OptionType.BOOL, "Queue the start/stop job and return without waiting for it.")
                    .defaultValue(false))
            .option(OptionSpec.of("refresh_stale_socket", OptionType.BOOL, "jplay: with state=started, restart an active .socket "
                    + "whose unit file or drop-ins changed after it started listening (systemd leaves it not functional until "
                    + "restarted). false keeps Ansible's behaviour.").defaultValue(true))
            .requiredOneOf("state", "enabled", "masked", "daemon_reload", "daemon_reexec")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String scope = a.string("scope");
        String name = a.string("name");
        UnitPlan.Wanted w = new UnitPlan.Wanted(name, a.string("state"), a.has("enabled") ? a.bool("enabled") : null,
                a.has("masked") ? a.bool("masked") : null, a.bool("force"), a.bool("no_block"), a.bool("daemon_reload"), scope,
                a.bool("refresh_stale_socket"));
        if (name == null && (w.state() != null || w.enabled() != null || w.masked() != null)) {
            throw new ModuleFailure("systemd needs name when state, enabled or masked is given");
        }
        if (scope.equals("global") && w.state() != null) {
            throw new ModuleFailure("scope global has no running manager: it takes enabled and masked, not state");
        }
        boolean check = ctx.checkMode();
        boolean reload = w.daemonReload() && !check;
        boolean reexec = a.bool("daemon_reexec") && !check;
        boolean mtimes = name != null && name.endsWith(".socket") && "started".equals(w.state()) && w.refreshStaleSocket();

        Probe probe;
        try {
            probe = probe(ctx, scope, UnitStatus.script(systemctlWord(scope), name, reload, reexec, mtimes), check);
        } catch (UserManagerUnavailable e) {
            if (check) {
                return ModuleResult.skipped(e.getMessage());
            }
            throw e;
        }
        ExecResult pr = probe.result();
        if (!pr.ok()) {
            throw failure("probing " + (name == null ? "the " + scope + " manager" : name), pr, scope);
        }
        UnitStatus status = UnitStatus.parse(pr.out());
        if (name != null && !scope.equals("global") && !status.showRc().equals("0")) {
            throw failure("systemctl show " + name, pr, scope);
        }
        UnitPlan plan = UnitPlan.decide(w, status, check);
        if (plan.skipReason() != null) {
            return ModuleResult.skipped(plan.skipReason());
        }
        if (!plan.steps().isEmpty() && !check) {
            ExecResult r = ctx.exec(probe.actionRequest(actionScript(systemctlWord(scope), name, plan)));
            if (!r.ok()) {
                throw failure(failedStep(r, name), r, scope);
            }
        }
        return result(w, status, plan, reload || reexec, probe.manager());
    }

    /** The probe's outcome and how to send the action the same way (user scope: through the user manager). */
    private record Probe(ExecResult result, UserManager manager, ModuleContext ctx) {
        ExecRequest actionRequest(String script) {
            return manager != null ? manager.request(script) : new ExecRequest(script, null, ctx.become(), null, null);
        }
    }

    private static Probe probe(ModuleContext ctx, String scope, String script, boolean check) throws ModuleFailure {
        if (scope.equals("user")) {
            UserManagerAccess.Run run = UserManagerAccess.run(ctx, null, script, !check);
            return new Probe(run.result(), run.manager(), ctx);
        }
        return new Probe(ctx.exec(script), null, ctx);
    }

    static String systemctlWord(String scope) {
        return switch (scope) {
            case "user" -> UserManager.SYSTEMCTL;
            case "global" -> "systemctl --global";
            default -> "systemctl";
        };
    }

    static String actionScript(String systemctl, String unit, UnitPlan plan) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; jp_u=").append(quote(unit)).append("; ")
                .append("jp_step() { jp_s=$1; shift; \"$@\" || { jp_rc=$?; echo \"jplay-failed-step: $jp_s\" >&2; exit $jp_rc; }; }; ");
        for (String step : plan.steps()) {
            String verb = step.replace("--no-block ", "").replace(" --force", "");
            s.append("jp_step ").append(verb).append(' ').append(systemctl).append(' ').append(step).append(" -- \"$jp_u\"; ");
        }
        return s.append(':').toString();
    }

    private static String failedStep(ExecResult r, String unit) {
        for (String line : r.err().split("\n")) {
            if (line.startsWith("jplay-failed-step: ")) {
                return "systemctl " + line.substring("jplay-failed-step: ".length()) + " " + unit;
            }
        }
        return "systemctl on " + unit;
    }

    private static ModuleFailure failure(String doing, ExecResult r, String scope) {
        String what = doing;
        String err = r.errTrimmed().lines().filter(l -> !l.startsWith("jplay-failed-step: ")).reduce((x, y) -> x + "\n" + y).orElse("");
        if (r.err().contains("jplay-failed-step: daemon-")) {
            what = "systemctl " + r.err().lines().filter(l -> l.startsWith("jplay-failed-step: ")).findFirst().orElse("")
                    .substring("jplay-failed-step: ".length());
        }
        String hint = "";
        if (scope.equals("system") && (err.contains("Interactive authentication required") || err.contains("Access denied"))) {
            hint = " (the system manager needs root: run the task with become: true)";
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", r.exitCode());
        values.put("stdout", r.outTrimmed());
        values.put("stderr", err);
        return new ModuleFailure(what + " failed (rc " + r.exitCode() + "): " + (err.isEmpty() ? r.outTrimmed() : err) + hint, values);
    }

    private static ModuleResult result(UnitPlan.Wanted w, UnitStatus s, UnitPlan plan, boolean reloaded, UserManager manager) {
        ModuleResult.Builder b = ModuleResult.changed(plan.changed());
        if (w.name() != null) {
            b.value("name", w.name());
            if (w.state() != null) {
                b.value("state", w.state().equals("stopped") ? "stopped" : "started");
            }
            if (w.enabled() != null) {
                b.value("enabled", w.enabled());
            }
            if (w.masked() != null) {
                b.value("masked", w.masked());
            }
            Map<String, Object> status = new LinkedHashMap<>(s.show());
            if (!s.isEnabled().isEmpty()) {
                status.put("is_enabled", s.isEnabled());
            }
            b.value("status", status);
        }
        b.value("daemon_reloaded", reloaded && w.daemonReload());
        if (manager != null) {
            b.value("user", manager.user());
        }
        plan.warnings().forEach(b::warn);
        List<String> said = new ArrayList<>();
        if (plan.reloadChanged()) {
            said.add("daemon-reload");
        }
        plan.steps().forEach(st -> said.add(st.replace("--no-block ", "").replace(" --force", "")));
        said.addAll(plan.notes());
        return b.msg(String.join("; ", said)).build();
    }
}
