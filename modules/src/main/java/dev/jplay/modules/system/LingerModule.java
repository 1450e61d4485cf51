package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * jplay's {@code linger}: keeps a user's systemd manager running without a login session, which
 * rootless socket-activated services need. Not in ansible-core; replaces the usual
 * {@code command: loginctl enable-linger U} + {@code creates: /var/lib/systemd/linger/U} idiom.
 *
 * <p>The linger file is the probe (more reliable than {@code loginctl show-user}, which needs the user
 * to be known to logind). Enabling runs {@code loginctl enable-linger} as root (as an unprivileged
 * user it is denied without polkit) and then starts {@code user@UID.service} and waits, bounded, for
 * the user's bus: logind starts the manager asynchronously, and the next task (a {@code scope: user}
 * unit) must find it. With linger already on but the manager not running, it is started (a change).
 */
public final class LingerModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("linger")
            .describe("Enables or disables systemd-logind lingering for a user (the user's systemd manager runs without a "
                    + "login session). Needs root (become: true). After enabling, starts user@UID.service and waits for the user's bus.")
            .option(OptionSpec.of("user", OptionType.STR, "The user.").aliases("name").asRequired())
            .option(OptionSpec.of("state", OptionType.STR, "present (also: enabled) keeps the manager running; absent (also: "
                    + "disabled) lets it stop with the user's last session.")
                    .choices("present", "absent", "enabled", "disabled").defaultValue("present"))
            .option(OptionSpec.of("start_manager", OptionType.BOOL, "With state=present, make sure user@UID.service runs and its "
                    + "bus exists before the task ends (bounded wait of 15 s).").defaultValue(true))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String user = ctx.args().requireString("user");
        String st = ctx.args().string("state");
        boolean present = st.equals("present") || st.equals("enabled");
        boolean startManager = ctx.args().bool("start_manager");

        ExecResult pr = ctx.exec(probeScript(user));
        if (!pr.ok()) {
            throw new ModuleFailure("cannot probe linger for " + user + ": " + pr.errTrimmed(), Map.of("rc", pr.exitCode()));
        }
        ProbeLines p = ProbeLines.parse(pr.out());
        ModuleResult.Builder b = ModuleResult.ok().value("user", user).value("state", present ? "present" : "absent");
        if (p.is("exists", "no")) {
            if (ctx.checkMode() && present) {
                return b.changed(true).value("linger", false).warn("user " + user + " does not exist yet").build();
            }
            if (!present) {
                return b.value("linger", false).msg("user " + user + " does not exist").build();
            }
            throw new ModuleFailure("user " + user + " does not exist on the host: create it first (user module)");
        }
        if (p.is("loginctl", "no")) {
            throw new ModuleFailure("loginctl not found on the host: lingering needs systemd-logind");
        }
        int uid = Integer.parseInt(p.get("uid"));
        int euid = Integer.parseInt(p.get("euid"));
        boolean linger = p.is("linger", "yes");
        boolean bus = p.is("bus", "yes");
        b.value("uid", uid);

        String action;
        if (present && !linger) {
            action = "loginctl enable-linger -- " + quote(user) + (startManager ? " && " + UserManagerAccess.startScript(uid) : "");
        } else if (present && startManager && !bus) {
            action = UserManagerAccess.startScript(uid);
        } else if (!present && linger) {
            action = "loginctl disable-linger -- " + quote(user);
        } else {
            return b.value("linger", linger).value("manager_running", bus).build();
        }
        String what = action.startsWith("loginctl enable") ? "enabled linger" : action.startsWith("loginctl disable")
                ? "disabled linger" : "started user@" + uid + ".service";
        b.changed(true).value("linger", present).msg(what);
        if (ctx.checkMode()) {
            if (euid != 0) {
                b.warn("changing linger needs root: run the task with become: true");
            }
            return b.build();
        }
        if (euid != 0) {
            throw new ModuleFailure("changing linger for " + user + " needs root (loginctl enable-linger as an unprivileged "
                    + "user is denied without polkit): run the task with become: true");
        }
        ExecResult r = ctx.exec(action);
        if (!r.ok()) {
            throw new ModuleFailure(what.replace("enabled", "enabling").replace("disabled", "disabling").replace("started", "starting")
                    + " for " + user + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.errTrimmed()));
        }
        if (present && startManager) {
            b.value("manager_running", true);
        }
        return b.build();
    }

    static String probeScript(String user) {
        return "jp_u=" + quote(user) + "; if ! jp_uid=$(id -u -- \"$jp_u\" 2>/dev/null); then echo exists=no; exit 0; fi; "
                + "echo exists=yes; echo \"uid=$jp_uid\"; echo \"euid=$(id -u)\"; "
                + "if [ -e \"/var/lib/systemd/linger/$jp_u\" ]; then echo linger=yes; else echo linger=no; fi; "
                + "if [ -S \"/run/user/$jp_uid/bus\" ]; then echo bus=yes; else echo bus=no; fi; "
                + "if command -v loginctl >/dev/null 2>&1; then echo loginctl=yes; else echo loginctl=no; fi";
    }
}
