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

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/** Ansible's {@code group}: probes with {@code getent group} and acts with groupadd/groupmod/groupdel. */
public final class GroupModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("group")
            .describe("Manages a group (groupadd/groupmod/groupdel). Needs root (become: true) to change anything.")
            .option(OptionSpec.of("name", OptionType.STR, "Group name.").asRequired())
            .option(OptionSpec.of("gid", OptionType.INT, "The group's gid; an existing group gets it with groupmod."))
            .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
            .option(OptionSpec.of("system", OptionType.BOOL, "Create a system group (only when the group is created).")
                    .defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = a.requireString("name");
        boolean present = a.string("state").equals("present");
        Long gid = a.has("gid") ? a.integer("gid", -1) : null;

        ExecResult pr = ctx.exec("echo \"euid=$(id -u)\"; if jp_g=$(getent group -- " + quote(name) + "); then printf 'group=%s\\n' \"$jp_g\"; fi"
                + (gid != null ? "; if jp_o=$(getent group -- " + gid + "); then printf 'gid_owner=%s\\n' \"${jp_o%%:*}\"; fi" : ""));
        if (!pr.ok()) {
            throw new ModuleFailure("cannot probe group " + name + ": " + pr.errTrimmed(), Map.of("rc", pr.exitCode()));
        }
        ProbeLines p = ProbeLines.parse(pr.out());
        boolean exists = p.has("group");
        Long current = exists ? Long.valueOf(p.get("group").split(":", -1)[2]) : null;
        ModuleResult.Builder b = ModuleResult.ok().value("name", name).value("state", present ? "present" : "absent");

        String cmd = null;
        String what = null;
        if (!present && exists) {
            cmd = "groupdel -- " + quote(name);
            what = "removed group " + name;
        } else if (present && !exists) {
            checkGidFree(p, gid, name);
            cmd = "groupadd" + (gid != null ? " -g " + gid : "") + (a.bool("system") ? " -r" : "") + " -- " + quote(name);
            what = "created group " + name;
        } else if (present && gid != null && !gid.equals(current)) {
            checkGidFree(p, gid, name);
            cmd = "groupmod -g " + gid + " -- " + quote(name);
            what = "gid " + current + " -> " + gid;
        }
        if (present && current != null) {
            b.value("gid", gid != null ? gid : current);
        } else if (present && gid != null) {
            b.value("gid", gid);
        }
        if (cmd == null) {
            return b.build();
        }
        b.changed(true).msg(what);
        if (ctx.checkMode()) {
            if (!p.is("euid", "0")) {
                b.warn("changing groups needs root: run the task with become: true");
            }
            return b.build();
        }
        if (!p.is("euid", "0")) {
            throw new ModuleFailure(what.replace("removed", "removing").replace("created", "creating") + " needs root: run the task "
                    + "with become: true");
        }
        ExecResult r = ctx.exec(cmd + (present ? "; getent group -- " + quote(name) + " | cut -d: -f3" : ""));
        if (!r.ok()) {
            throw new ModuleFailure(cmd.split(" ")[0] + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.errTrimmed()));
        }
        if (present && r.outTrimmed().matches("\\d+")) {
            b.value("gid", Long.parseLong(r.outTrimmed()));
        }
        return b.build();
    }

    private static void checkGidFree(ProbeLines p, Long gid, String name) throws ModuleFailure {
        if (gid != null && p.has("gid_owner") && !p.get("gid_owner").equals(name)) {
            throw new ModuleFailure("gid " + gid + " is already used by group " + p.get("gid_owner"));
        }
    }
}
