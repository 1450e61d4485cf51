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
import dev.jplay.modules.system.UserManager;
import dev.jplay.modules.system.UserManagerAccess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The systemd unit that runs a container, for the user's (or the system's) manager, in one of two styles:
 * <ul>
 *   <li>{@code generate}: {@code podman generate systemd --new} for a container created with the task's
 *       options under a throwaway name (so a container of the same name that the unit runs is never
 *       touched), then post-processed: header comments and [Install] dropped, StopWhenUnneeded=yes
 *       added on request. Written to ~/.config/systemd/user/container-NAME.service.</li>
 *   <li>{@code quadlet}: a {@code .container} file (podman 4.4+) in ~/.config/containers/systemd/, from
 *       which systemd generates NAME.service.</li>
 * </ul>
 * Generating needs the container's image on the host ({@code podman create} pulls a missing one). Check
 * mode creates and removes the throwaway container too (nothing else), and skips when the image is
 * missing rather than pull it.
 *
 * <p>The file is rewritten only when it differs once comments are ignored. Unless {@code daemon_reload}
 * is set, the module does not reload systemd: it reports {@code needs_daemon_reload} and
 * {@code unit_name} for the systemd module.
 */
public final class PodmanUnitModule implements Module {
    static final String AUTOUPDATE_LABEL = "io.containers.autoupdate";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    @Override
    public ModuleSpec spec() {
        ModuleSpec.Builder b = ModuleSpec.builder("podman_unit")
                .describe("Write the systemd unit that runs a container (podman generate systemd --new, or a Quadlet .container "
                        + "file); changed only when the unit differs, comments ignored. Does not daemon-reload: see "
                        + "needs_daemon_reload.")
                .option(OptionSpec.of("name", OptionType.STR, "container name; the unit is container-NAME.service (generate) or "
                        + "NAME.service (quadlet)").asRequired())
                .option(OptionSpec.of("style", OptionType.STR, "generate: podman generate systemd --new (any podman); quadlet: a "
                        + ".container file (podman 4.4+)").defaultValue("generate").choices("generate", "quadlet"))
                .option(OptionSpec.of("state", OptionType.STR, "present: the unit file is written; absent: it is removed")
                        .defaultValue("present").choices("present", "absent"))
                .option(OptionSpec.of("scope", OptionType.STR, "user: the task user's manager (~/.config/...); system: "
                        + "/etc/systemd/system or /etc/containers/systemd").defaultValue("user").choices("user", "system"))
                .option(OptionSpec.of("dest", OptionType.PATH, "unit file path (~/ is the task user's home); default from style "
                        + "and scope"));
        ContainerSpec.options().forEach(b::option);
        return b.option(OptionSpec.of("auto_update", OptionType.STR, "podman auto-update policy: registry (needs a fully "
                        + "qualified image) or local; sets label io.containers.autoupdate / AutoUpdate=").choices("registry", "local"))
                .option(OptionSpec.of("stop_when_unneeded", OptionType.BOOL, "add StopWhenUnneeded=yes to [Unit]: the service "
                        + "stops when nothing needs it any more (scale to zero behind a socket proxy)").defaultValue(false))
                .option(OptionSpec.of("wanted_by", OptionType.STR, "write an [Install] section with WantedBy= this target; default: "
                        + "none (the unit is started by a socket or a dependency)"))
                .option(OptionSpec.of("restart_policy", OptionType.STR, "systemd Restart= of the service")
                        .defaultValue("on-failure").choices("no", "on-success", "on-failure", "on-abnormal", "on-watchdog",
                                "on-abort", "always"))
                .option(OptionSpec.of("stop_timeout", OptionType.INT, "seconds podman waits for the container to stop"))
                .option(OptionSpec.of("description", OptionType.STR, "Description= of the unit"))
                .option(OptionSpec.of("daemon_reload", OptionType.BOOL, "after a change, reload the manager of the scope (the "
                        + "task user's, reached as the systemd module does) so the unit is known at once; default: leave it to "
                        + "the systemd module, see needs_daemon_reload").defaultValue(false))
                .option(PodmanCommand.executableOption())
                .build();
    }

    /** Where the unit goes: as the shell must write it, and as shown. */
    record Dest(String shell, String display, String homeRelative) {
        static Dest of(String path) {
            if (path.startsWith("~/")) {
                return new Dest("\"$HOME\"/" + ShellQuote.quote(path.substring(2)), path, path.substring(2));
            }
            return new Dest(ShellQuote.quote(path), path, null);
        }

        String resolve(String home) {
            return homeRelative == null ? display : (home.endsWith("/") ? home : home + "/") + homeRelative;
        }
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        // every option reaches the unit file, directly or through podman generate: one line each
        UnitValues.refuseControlInAll(a);
        PodmanOperands.check(a, "name", "image", PodmanCommand.EXECUTABLE, "wanted_by");
        PodmanCommand podman = PodmanCommand.from(a);
        String name = a.requireString("name");
        boolean quadlet = "quadlet".equals(a.string("style"));
        boolean present = !"absent".equals(a.string("state"));
        boolean user = !"system".equals(a.string("scope"));
        String unitName = quadlet ? name + ".service" : "container-" + name + ".service";
        Dest dest = Dest.of(a.optString("dest").orElse(defaultDest(name, quadlet, user)));
        ContainerSpec spec = ContainerSpec.forUnit(a);
        if (present && spec.image() == null) {
            throw new ModuleFailure("podman_unit needs image (the image the unit's container runs)");
        }
        if (!quadlet && a.string("auto_update") != null) {
            spec = spec.withLabel(AUTOUPDATE_LABEL, a.string("auto_update"));
        }
        String tempName = UnitText.tempName();

        ExecResult pr = ctx.exec(probeScript(podman, a, spec, dest, quadlet, present, ctx.checkMode(), tempName));
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.has("current.rc")) {
            throw new ModuleFailure("probing unit " + dest.display() + " failed: " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        String path = dest.resolve(out.text("home"));
        boolean exists = out.ok("current");
        String current = exists ? out.text("current") : "";
        ModuleResult.Builder res = ModuleResult.changed(false).value("dest", path).value("unit_name", unitName)
                .value("style", quadlet ? "quadlet" : "generate").value("scope", user ? "user" : "system");

        if (!present) {
            if (exists && !ctx.checkMode()) {
                ExecResult rm = ctx.exec("rm -f -- " + ShellQuote.quote(path));
                if (!rm.ok()) {
                    throw new ModuleFailure("cannot remove " + path + ": " + rm.errTrimmed(), Map.of("rc", rm.exitCode(), "stderr", rm.err()));
                }
            }
            if (exists && ctx.diffMode()) {
                res.diff(FileDiff.of(path, current, ""));
            }
            boolean reloaded = exists && reload(ctx, user);
            return res.changed(exists).value("needs_daemon_reload", exists && !reloaded).value("daemon_reloaded", reloaded)
                    .msg(exists ? (ctx.checkMode() ? "would remove " : "removed ") + path : path + " is absent").build();
        }

        String wanted;
        if (quadlet) {
            requireQuadlet(out.text("version"), a.has("stop_timeout"));
            wanted = QuadletFile.render(name, spec, new QuadletFile.UnitSettings(a.string("description"),
                    a.bool("stop_when_unneeded"), a.string("auto_update"), a.string("restart_policy"),
                    a.has("stop_timeout") ? a.integer("stop_timeout", 10) : null, a.string("wanted_by")));
        } else {
            if (ctx.checkMode() && !out.ok("image")) {
                return ModuleResult.skipped("cannot predict the generated unit: image " + spec.image()
                        + " is not on the host yet (podman would pull it)");
            }
            if (!out.ok("generated")) {
                throw new ModuleFailure("podman generate systemd for " + name + " failed (rc " + out.rc("generated") + "): "
                        + pr.errTrimmed(), Map.of("rc", out.rc("generated"), "stderr", pr.err()));
            }
            wanted = withDescription(UnitText.fromGenerated(out.text("generated"), name, a.bool("stop_when_unneeded"),
                    a.string("wanted_by")), a.string("description"));
        }
        boolean changed = !exists || !UnitText.sameUnit(current, wanted);
        if (changed && ctx.diffMode()) {
            res.diff(FileDiff.of(path, current, wanted));
        }
        if (changed && !ctx.checkMode()) {
            ctx.files().write(path, wanted.getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", null, null));
        }
        boolean reloaded = changed && reload(ctx, user);
        return res.changed(changed).value("needs_daemon_reload", changed && !reloaded).value("daemon_reloaded", reloaded)
                .value("content", wanted)
                .msg(changed ? (ctx.checkMode() ? "would write " : "wrote ") + path : path + " is up to date").build();
    }

    /** daemon-reload when the task asks for it (never in check mode); true when it ran. */
    private static boolean reload(ModuleContext ctx, boolean user) throws ModuleFailure {
        if (!ctx.args().bool("daemon_reload") || ctx.checkMode()) {
            return false;
        }
        ExecResult r = user
                ? UserManagerAccess.run(ctx, null, UserManager.SYSTEMCTL + " daemon-reload", true).result()
                : ctx.exec("systemctl daemon-reload");
        if (!r.ok()) {
            throw new ModuleFailure("the unit file changed, but daemon-reload failed: " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        return true;
    }

    static String defaultDest(String name, boolean quadlet, boolean user) {
        if (quadlet) {
            return (user ? "~/.config/containers/systemd/" : "/etc/containers/systemd/") + name + ".container";
        }
        return (user ? "~/.config/systemd/user/" : "/etc/systemd/system/") + "container-" + name + ".service";
    }

    static String probeScript(PodmanCommand podman, ModuleArgs a, ContainerSpec spec, Dest dest, boolean quadlet, boolean present,
                              boolean check, String tempName) {
        StringBuilder s = new StringBuilder(PodmanCommand.userEnvironment());
        s.append(ScriptSections.capture("home", "printf %s \"$HOME\"", false));
        if (present && !check) {
            s.append("mkdir -p \"$(dirname -- ").append(dest.shell()).append(")\" 2>/dev/null; ");
        }
        s.append(ScriptSections.capture("current", "[ -f " + dest.shell() + " ] && cat -- " + dest.shell(), false));
        if (!present) {
            return s.toString();
        }
        if (quadlet) {
            s.append(ScriptSections.capture("version", podman.line("--version"), false));
            return s.toString();
        }
        List<String> create = new ArrayList<>(List.of("create"));
        create.addAll(spec.createArgs(tempName));
        List<String> gen = new ArrayList<>(List.of("generate", "systemd", "--new", "--name"));
        if (a.string("restart_policy") != null) {
            gen.add("--restart-policy=" + a.string("restart_policy"));
        }
        if (a.has("stop_timeout")) {
            gen.add("--stop-timeout=" + a.integer("stop_timeout", 10));
        }
        gen.add(tempName);
        String generate = podman.line(create) + " >/dev/null && " + podman.line(gen) + "; __jp_g=$?; "
                + podman.line("rm", "--force", tempName) + " >/dev/null 2>&1; (exit $__jp_g)";
        if (check) {
            // check mode must not pull: predict only from an image that is already there
            s.append(ScriptSections.capture("image", podman.line("image", "exists", spec.image()), false));
            s.append("__jp_img=$__jp_rc; ");
            generate = "if [ \"$__jp_img\" = 0 ]; then " + generate + "; else false; fi";
        }
        s.append(ScriptSections.capture("generated", generate, false));
        return s.toString();
    }

    static void requireQuadlet(String versionOutput, boolean stopTimeout) throws ModuleFailure {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            throw new ModuleFailure("cannot tell the podman version from '" + versionOutput.strip() + "'; quadlet needs podman 4.4+");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < 4 || (major == 4 && minor < 4)) {
            throw new ModuleFailure("style quadlet needs podman 4.4 or later; the host has " + m.group()
                    + ": use style: generate");
        }
        if (stopTimeout && major < 5) {
            throw new ModuleFailure("stop_timeout with style quadlet needs podman 5.0 (StopTimeout=); the host has " + m.group()
                    + ": drop stop_timeout or use style: generate");
        }
    }

    private static String withDescription(String unit, String description) {
        if (description == null) {
            return unit;
        }
        return unit.replaceFirst("(?m)^Description=.*$", Matcher.quoteReplacement("Description=" + UnitValues.text(description)));
    }
}
