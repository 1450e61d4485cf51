package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
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
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * community.general.timezone (the zone name; hwclock is not supported): with systemd running,
 * {@code timedatectl set-timezone}; without, /etc/localtime pointed at (or, when it is a plain file,
 * copied from) /usr/share/zoneinfo/NAME, and /etc/timezone rewritten where the host has one. A zone
 * the host has no zoneinfo file for fails, as in community.general.
 */
public final class TimezoneModule implements Module {

    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*");
    private static final ModuleSpec SPEC = ModuleSpec.builder("timezone")
            .describe("Sets the system time zone (timedatectl, or /etc/localtime and /etc/timezone).")
            .option(OptionSpec.of("name", OptionType.STR, "The zone, e.g. Europe/Berlin or Etc/UTC.").asRequired())
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String name = ctx.args().string("name");
        if (!ZONE.matcher(name).matches() || name.contains("..")) {
            throw new ModuleFailure("name '" + name + "' is not a time zone name (e.g. Europe/Berlin)");
        }
        ExecResult r = ctx.exec("export LC_ALL=C; jp_z=" + quote(name) + "; echo \"euid=$(id -u)\"; "
                + "[ -f \"/usr/share/zoneinfo/$jp_z\" ] && echo zonefile=yes; "
                + "if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1; then echo systemd=yes; "
                + "jp_c=$(timedatectl show -p Timezone --value 2>/dev/null) || "
                + "jp_c=$(timedatectl status | sed -n 's/^ *Time \\{0,1\\}zone: \\([^ ]*\\).*/\\1/p'); printf 'current=%s\\n' \"$jp_c\"; "
                + "else [ -L /etc/localtime ] && printf 'link=%s\\n' \"$(readlink /etc/localtime)\"; "
                + "[ -f /etc/localtime ] && [ ! -L /etc/localtime ] && echo localtime=file; "
                + "[ -f /etc/timezone ] && printf 'timezone=%s\\n' \"$(tr -d ' \\t\\r\\n' < /etc/timezone)\"; fi");
        if (!r.ok()) {
            throw new ModuleFailure("probing the time zone failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        ProbeLines p = ProbeLines.parse(r.out());
        if (!p.is("zonefile", "yes")) {
            throw new ModuleFailure("given timezone \"" + name + "\" is not available");
        }
        boolean systemd = p.is("systemd", "yes");
        String before;
        List<String> steps = new ArrayList<>();
        if (systemd) {
            before = p.get("current");
            if (!before.equals(name)) {
                steps.add("timedatectl set-timezone \"$jp_z\"");
            }
        } else {
            String link = p.get("link").replaceFirst("^(\\.\\./)*(/?usr)?/share/zoneinfo/", "").replaceFirst("^/", "");
            before = p.has("timezone") ? p.get("timezone") : link;
            boolean linkRight = p.has("link") && link.equals(name);
            if (!linkRight) {
                steps.add(p.is("localtime", "file") ? "cp -- \"/usr/share/zoneinfo/$jp_z\" /etc/localtime"
                        : "ln -sfn -- \"/usr/share/zoneinfo/$jp_z\" /etc/localtime");
            }
            if (p.has("timezone") && !p.get("timezone").equals(name)) {
                steps.add("printf '%s\\n' \"$jp_z\" > /etc/timezone");
            }
            if (!p.has("timezone") && p.is("localtime", "file")) {
                before = "";
            }
        }
        ModuleResult.Builder b = ModuleResult.changed(!steps.isEmpty());
        if (steps.isEmpty()) {
            return b.build();
        }
        Map<String, Object> diffBefore = new LinkedHashMap<>(Map.of("name", before));
        b.value("diff", Map.of("before", diffBefore, "after", Map.of("name", name)))
                .diff(new FileDiff("", "name: " + before + "\n", "", "name: " + name + "\n"))
                .msg("executed " + String.join("; ", steps).replace("\"$jp_z\"", name));
        if (ctx.checkMode()) {
            return b.build();
        }
        if (!p.is("euid", "0")) {
            throw new ModuleFailure("changing the time zone needs root: run the task with become: true");
        }
        ExecResult x = ctx.exec("jp_z=" + quote(name) + "; " + String.join(" && ", steps));
        if (!x.ok()) {
            throw new ModuleFailure("setting the time zone failed (rc " + x.exitCode() + "): " + x.errTrimmed());
        }
        return b.build();
    }
}
