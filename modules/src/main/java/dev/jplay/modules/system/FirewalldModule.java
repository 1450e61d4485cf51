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
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * {@code ansible.posix.firewalld} for ports and services: queries the daemon (runtime and/or
 * permanent configuration) in one round trip and adds or removes only what differs. A host without
 * firewall-cmd, or whose firewalld is not running, has nothing to open: the task is skipped with a
 * note instead of failing (Ansible would edit the permanent configuration offline).
 */
public final class FirewalldModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("firewalld")
            .describe("Opens or closes a port or service in firewalld (runtime and/or permanent). Skipped when firewalld is "
                    + "not installed or not running. Needs root (become: true) to change anything.")
            .option(OptionSpec.of("port", OptionType.STR, "PORT/PROTOCOL or FROM-TO/PROTOCOL, e.g. 5000/tcp."))
            .option(OptionSpec.of("service", OptionType.STR, "A firewalld service name, e.g. http."))
            .option(OptionSpec.of("zone", OptionType.STR, "The zone; default: firewalld's default zone."))
            .option(OptionSpec.of("permanent", OptionType.BOOL, "Change the permanent configuration (survives reloads and reboots)."))
            .option(OptionSpec.of("immediate", OptionType.BOOL, "Also change the running configuration when permanent is true "
                    + "(without permanent, the running configuration is always the one changed).").defaultValue(false))
            .option(OptionSpec.of("state", OptionType.STR, "enabled: open/allowed; disabled: closed/removed.")
                    .choices("enabled", "disabled").asRequired())
            .mutuallyExclusive("port", "service")
            .requiredOneOf("port", "service")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        boolean isPort = a.has("port");
        String item = isPort ? a.string("port").trim() : a.requireString("service").trim();
        if (isPort && !item.matches("\\d+(-\\d+)?/(tcp|udp|sctp|dccp)")) {
            throw new ModuleFailure("port expects PORT/PROTOCOL (tcp, udp, sctp or dccp), e.g. 5000/tcp or 6000-6010/udp, got '" + item + "'");
        }
        String kind = isPort ? "port" : "service";
        boolean enable = a.string("state").equals("enabled");
        boolean permanent = a.bool("permanent");
        boolean runtime = a.bool("immediate") || !permanent;
        String zone = a.has("zone") ? " --zone=" + quote(a.string("zone")) : "";
        String query = zone + " --query-" + kind + "=" + quote(item);

        StringBuilder probe = new StringBuilder("if ! command -v firewall-cmd >/dev/null 2>&1; then echo fw=absent; exit 0; fi; "
                + "jp_s=$(firewall-cmd --state 2>&1); echo \"fw=$jp_s\"; [ \"$jp_s\" = running ] || exit 0; "
                + "echo \"euid=$(id -u)\"; echo \"default_zone=$(firewall-cmd --get-default-zone 2>/dev/null)\"; ");
        if (runtime) {
            probe.append("jp_e=$(firewall-cmd").append(query).append(" 2>&1); echo \"runtime=$?\"; printf 'runtime_out=%s\\n' \"$jp_e\"; ");
        }
        if (permanent) {
            probe.append("jp_e=$(firewall-cmd --permanent").append(query).append(" 2>&1); echo \"permanent=$?\"; printf 'permanent_out=%s\\n' \"$jp_e\"; ");
        }
        ExecResult pr = ctx.exec(probe.append(':').toString());
        ProbeLines p = ProbeLines.parse(pr.out());
        if (p.is("fw", "absent")) {
            return ModuleResult.skipped("firewall-cmd is not installed on the host: nothing to " + (enable ? "open" : "close"));
        }
        if (!p.is("fw", "running")) {
            return ModuleResult.skipped("firewalld is not running on the host (" + p.get("fw") + "): nothing to " + (enable ? "open" : "close"));
        }
        String zoneName = a.has("zone") ? a.string("zone") : p.get("default_zone");
        List<String> actions = new ArrayList<>();
        String verb = (enable ? " --add-" : " --remove-") + kind + "=" + quote(item);
        if (runtime && differs(p, "runtime", enable, item)) {
            actions.add("firewall-cmd" + zone + verb);
        }
        if (permanent && differs(p, "permanent", enable, item)) {
            actions.add("firewall-cmd --permanent" + zone + verb);
        }
        ModuleResult.Builder b = ModuleResult.changed(!actions.isEmpty()).value("zone", zoneName).value(kind, item)
                .value("state", a.string("state")).value("permanent", permanent).value("immediate", runtime);
        if (actions.isEmpty()) {
            return b.build();
        }
        String scopeWords = runtime && permanent ? "permanent and runtime" : permanent ? "permanent" : "runtime";
        b.msg(("Changed " + kind + " " + item + " to " + a.string("state") + " (" + scopeWords + ", zone " + zoneName + ")"));
        if (ctx.checkMode()) {
            return b.build();
        }
        if (!p.is("euid", "0")) {
            throw new ModuleFailure("changing firewalld needs root: run the task with become: true");
        }
        ExecResult r = ctx.exec("set -e; " + String.join("; ", actions));
        if (!r.ok()) {
            throw new ModuleFailure("firewall-cmd failed (rc " + r.exitCode() + "): " + r.errTrimmed() + r.outTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.errTrimmed(), "stdout", r.outTrimmed()));
        }
        return b.build();
    }

    /** Whether the queried configuration differs from the wanted state; a query error (bad zone, bad service) fails. */
    private static boolean differs(ProbeLines p, String which, boolean enable, String item) throws ModuleFailure {
        String rc = p.get(which);
        if (!rc.equals("0") && !rc.equals("1")) {
            throw new ModuleFailure("firewall-cmd cannot query " + item + " (" + which + ", rc " + rc + "): " + p.get(which + "_out"));
        }
        boolean on = rc.equals("0");
        return on != enable;
    }
}
