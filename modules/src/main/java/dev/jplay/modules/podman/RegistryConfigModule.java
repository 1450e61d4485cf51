package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A registries.conf drop-in with one {@code [[registry]]} table (containers-registries.conf(5)),
 * e.g. to let podman use a local registry over plain HTTP. Written only when its content differs;
 * one round trip when nothing changes.
 */
public final class RegistryConfigModule implements Module {
    static final String DROP_IN_DIR = "/etc/containers/registries.conf.d";

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("registry_config")
                .describe("Write (or remove) a registries.conf.d drop-in for one registry: insecure (HTTP), blocked, prefix, "
                        + "mirrors.")
                .option(OptionSpec.of("location", OptionType.STR, "the registry, e.g. 198.18.77.1:5000 or quay.io/team")
                        .asRequired())
                .option(OptionSpec.of("insecure", OptionType.BOOL, "allow plain HTTP and unverified TLS"))
                .option(OptionSpec.of("blocked", OptionType.BOOL, "refuse to pull from this registry"))
                .option(OptionSpec.of("prefix", OptionType.STR, "image names this entry applies to (default: location)"))
                .option(OptionSpec.of("mirrors", OptionType.LIST, "mirror locations tried before this registry"))
                .option(OptionSpec.of("dest", OptionType.PATH, "drop-in file; default "
                        + DROP_IN_DIR + "/50-jplay-LOCATION.conf (/ in LOCATION becomes _)"))
                .option(OptionSpec.of("state", OptionType.STR, "present or absent").defaultValue("present")
                        .choices("present", "absent"))
                .build();
    }

    static String defaultDest(String location) {
        return DROP_IN_DIR + "/50-jplay-" + location.replace('/', '_') + ".conf";
    }

    /** The TOML of the drop-in: only the keys the task sets. */
    static String render(ModuleArgs a) {
        StringBuilder s = new StringBuilder("# written by jplay registry_config\n[[registry]]\n");
        s.append("location = ").append(tomlString(a.string("location"))).append('\n');
        if (a.string("prefix") != null) {
            s.append("prefix = ").append(tomlString(a.string("prefix"))).append('\n');
        }
        if (a.has("insecure")) {
            s.append("insecure = ").append(a.bool("insecure")).append('\n');
        }
        if (a.has("blocked")) {
            s.append("blocked = ").append(a.bool("blocked")).append('\n');
        }
        for (String m : a.stringList("mirrors")) {
            s.append("\n[[registry.mirror]]\nlocation = ").append(tomlString(m)).append('\n');
        }
        return s.toString();
    }

    static String tomlString(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String location = a.requireString("location");
        if (location.isBlank()) {
            throw new ModuleFailure("location is empty: give the registry, e.g. 198.18.77.1:5000");
        }
        String dest = a.optString("dest").orElse(defaultDest(location.strip()));
        boolean present = !"absent".equals(a.string("state"));
        String q = ShellQuote.quote(dest);
        String dir = dest.contains("/") ? dest.substring(0, Math.max(1, dest.lastIndexOf('/'))) : ".";

        ExecResult pr = ctx.exec(ScriptSections.capture("dir", "[ -d " + ShellQuote.quote(dir) + " ]", false)
                + ScriptSections.capture("current", "[ -f " + q + " ] && cat -- " + q, false));
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.has("current.rc")) {
            throw new ModuleFailure("cannot read " + dest + ": " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        boolean exists = out.ok("current");
        String current = exists ? out.text("current") : "";
        ModuleResult.Builder res = ModuleResult.changed(false).value("dest", dest).value("location", location)
                .value("state", present ? "present" : "absent");

        if (!present) {
            if (exists && !ctx.checkMode()) {
                ExecResult rm = ctx.exec("rm -f -- " + q);
                if (!rm.ok()) {
                    throw new ModuleFailure("cannot remove " + dest + ": " + rm.errTrimmed() + " (become root?)",
                            Map.of("rc", rm.exitCode(), "stderr", rm.err()));
                }
            }
            if (exists && ctx.diffMode()) {
                res.diff(FileDiff.of(dest, current, ""));
            }
            return res.changed(exists).msg(exists ? (ctx.checkMode() ? "would remove " : "removed ") + dest : dest + " is absent")
                    .build();
        }

        String wanted = render(a);
        boolean changed = !wanted.equals(current);
        if (changed && ctx.diffMode()) {
            res.diff(FileDiff.of(dest, current, wanted));
        }
        if (changed && !ctx.checkMode()) {
            if (!out.ok("dir")) {
                ExecResult mk = ctx.exec("mkdir -p -- " + ShellQuote.quote(dir));
                if (!mk.ok()) {
                    throw new ModuleFailure("cannot create " + dir + ": " + mk.errTrimmed() + " (become root?)",
                            Map.of("rc", mk.exitCode(), "stderr", mk.err()));
                }
            }
            ctx.files().write(dest, wanted.getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", null, null));
        }
        return res.changed(changed).value("content", wanted)
                .msg(changed ? (ctx.checkMode() ? "would write " : "wrote ") + dest : dest + " is up to date").build();
    }
}
