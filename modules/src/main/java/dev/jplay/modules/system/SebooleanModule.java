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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.posix.seboolean: an SELinux boolean on or off, read with {@code getsebool} and set with
 * {@code setsebool} ({@code -P} when persistent, which also writes the policy store). As Ansible: a host
 * whose SELinux is disabled fails with "SELinux is disabled on this host." unless ignore_selinux_state.
 * The persistent value is not compared on its own: a boolean whose running value is already right is
 * left alone, as Ansible does when its semanage check finds nothing pending.
 */
public final class SebooleanModule implements Module {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern VALUE = Pattern.compile("^(\\S+) --> (on|off)(?: pending: (on|off))?\\s*$", Pattern.MULTILINE);

    private static final ModuleSpec SPEC = ModuleSpec.builder("seboolean")
            .describe("Turns an SELinux boolean on or off (getsebool/setsebool), optionally persistently (setsebool -P).")
            .option(OptionSpec.of("name", OptionType.STR, "The boolean, e.g. httpd_can_network_connect.").asRequired())
            .option(OptionSpec.of("state", OptionType.BOOL, "true: on, false: off.").asRequired())
            .option(OptionSpec.of("persistent", OptionType.BOOL, "Keep the value across reboots (setsebool -P).").defaultValue(false))
            .option(OptionSpec.of("ignore_selinux_state", OptionType.BOOL, "Go on when SELinux looks disabled (e.g. in a chroot).")
                    .defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = a.string("name");
        if (!NAME.matcher(name).matches()) {
            throw new ModuleFailure("name '" + name + "' is not an SELinux boolean name (letters, digits and _)");
        }
        boolean on = a.bool("state");
        boolean persistent = a.bool("persistent");
        ExecResult p = ctx.exec("export LANG=C LC_ALL=C; if [ -r /sys/fs/selinux/enforce ] || [ -r /selinux/enforce ]; then echo selinux=on; "
                + "else echo selinux=off; fi; command -v getsebool >/dev/null 2>&1 || { echo tools=missing; exit 0; }; "
                + "getsebool " + quote(name) + " 2>&1; echo \"rc=$?\"");
        ProbeLines lines = ProbeLines.parse(p.out());
        Map<String, Object> values = Map.of("name", name, "state", on, "persistent", persistent);
        if (!lines.is("selinux", "on") && !a.bool("ignore_selinux_state")) {
            throw new ModuleFailure("SELinux is disabled on this host.", values);
        }
        if (lines.is("tools", "missing")) {
            throw new ModuleFailure("getsebool is not installed on the host (policycoreutils / libselinux-utils package)", values);
        }
        Matcher m = VALUE.matcher(p.out());
        if (!lines.is("rc", "0") || !m.find()) {
            throw new ModuleFailure("SELinux boolean " + name + " does not exist.", values);
        }
        boolean current = m.group(2).equals("on");
        boolean pending = m.group(3) == null ? current : m.group(3).equals("on");
        boolean changed = current != on || pending != on;
        ModuleResult.Builder b = ModuleResult.changed(changed).values(values);
        if (!changed) {
            return b.build();
        }
        b.msg("set " + name + " " + (on ? "on" : "off") + (persistent ? " (persistent)" : ""));
        if (ctx.checkMode()) {
            return b.build();
        }
        ExecResult s = ctx.exec("setsebool " + (persistent ? "-P " : "") + quote(name) + " " + (on ? "on" : "off"));
        if (!s.ok()) {
            throw new ModuleFailure("Failed to manage policy for boolean " + name + ": " + (s.out() + s.err()).strip(), values);
        }
        return b.build();
    }
}
