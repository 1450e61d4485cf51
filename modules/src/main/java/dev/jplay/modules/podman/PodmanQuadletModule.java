package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs or removes Quadlet files (containers.podman.podman_quadlet). The collection drives
 * {@code podman quadlet install/rm} (podman 5.6+); jplay does the same file work itself so it runs on any
 * podman with Quadlet: {@code src} (a Quadlet file on the host, or a flat folder of them) and {@code files}
 * are copied into the quadlet folder ({@code /etc/containers/systemd} for root, else
 * {@code ~/.config/containers/systemd}) when their content differs, then systemd is reloaded (the
 * collection's {@code --reload-systemd}, default on) so the generated services exist. absent removes the
 * named files. Idempotent on content; URLs are refused (the collection reinstalls them every run).
 */
public final class PodmanQuadletModule implements Module {
    static final List<String> SUFFIXES = List.of(".container", ".pod", ".network", ".volume", ".kube", ".image", ".build",
            ".artifact");

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("podman_quadlet")
                .describe("Install (copy when the content differs) or remove Quadlet files and reload systemd.")
                .option(OptionSpec.of("state", OptionType.STR, "present: install src (and files); absent: remove name")
                        .defaultValue("present").choices("present", "absent"))
                .option(OptionSpec.of("src", OptionType.STR, "present: a Quadlet file on the host, or a folder of files (no "
                        + "subfolders) holding at least one Quadlet file"))
                .option(OptionSpec.of("files", OptionType.LIST, "present: more files on the host to install beside src "
                        + "(e.g. a config a .container mounts)"))
                .option(OptionSpec.of("name", OptionType.LIST, "absent: installed file names; a name without a Quadlet suffix "
                        + "removes every NAME.container, NAME.pod, ... there is"))
                .option(OptionSpec.of("quadlet_dir", OptionType.PATH, "the quadlet folder (default /etc/containers/systemd for "
                        + "root, ~/.config/containers/systemd for others)"))
                .option(OptionSpec.of("reload_systemd", OptionType.BOOL, "daemon-reload the manager (root: the system's; else the "
                        + "task user's) after a change, so the generated services exist").defaultValue(true))
                .option(OptionSpec.of(PodmanCommand.EXECUTABLE, OptionType.STR, "taken for the collection's tasks; jplay installs "
                        + "the files without podman").defaultValue("podman"))
                .notImplemented("a containers.podman.podman_quadlet option", CollectionOptions.QUADLET)
                .requiredOneOf("src", "name")
                .build();
    }

    /** One file to install: where it is on the host, and its name in the quadlet folder. */
    record Install(String source, String name) {
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        UnitValues.refuseControlInAll(a);
        PodmanOperands.check(a, "name");
        boolean present = !"absent".equals(a.string("state"));
        String dirOpt = a.string("quadlet_dir");
        String dirShell = dirOpt == null ? "\"$( [ \"$(id -u)\" = 0 ] && echo " + QuadletState.ROOT_DIR + " || echo \"$HOME/"
                + QuadletState.USER_DIR + "\")\""
                : dirOpt.startsWith("~/") ? "\"$HOME\"/" + ShellQuote.quote(dirOpt.substring(2)) : ShellQuote.quote(dirOpt);
        StringBuilder s = new StringBuilder("__jp_qd=").append(dirShell).append("; ");
        s.append(ScriptSections.capture("dir", "printf %s \"$__jp_qd\"", false));
        s.append(ScriptSections.capture("uid", "id -u", false));
        List<String> sources = new ArrayList<>();
        if (present) {
            String src = a.string("src");
            if (src == null) {
                throw new ModuleFailure("state present needs src: a Quadlet file or folder on the host");
            }
            sources.add(src);
            sources.addAll(a.stringList("files"));
            for (String p : sources) {
                if (p.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                    throw new ModuleFailure("'" + p + "' is a URL: jplay installs Quadlet files from paths on the host (fetch it "
                            + "first with get_url), so that a second run can tell nothing changed");
                }
            }
            // each entry: "F rc path" (rc of cmp with the installed copy: 0 same, else differs/missing) or "D path"
            s.append(ScriptSections.capture("entries", "__jp_one() { n=$(basename -- \"$1\"); cmp -s -- \"$1\" \"$__jp_qd/$n\"; "
                    + "printf 'F %s %s\\n' \"$?\" \"$1\"; }; " + entryLoop(src, true)
                    + String.join("", a.stringList("files").stream().map(f -> entryLoop(f, false)).toList()) + "true", false));
        } else {
            List<String> names = a.stringList("name");
            if (names.isEmpty()) {
                throw new ModuleFailure("state absent needs name: the installed Quadlet file(s) to remove");
            }
            StringBuilder found = new StringBuilder();
            for (String n : names) {
                if (n.contains("/")) {
                    throw new ModuleFailure("option 'name': '" + n + "' must be a file name in the quadlet folder, not a path");
                }
                List<String> candidates = SUFFIXES.stream().anyMatch(n::endsWith) ? List.of(n)
                        : SUFFIXES.stream().map(x -> n + x).toList();
                for (String c : candidates) {
                    found.append("[ -e \"$__jp_qd\"/").append(ShellQuote.quote(c)).append(" ] && printf '%s\\n' ")
                            .append(ShellQuote.quote(c)).append("; ");
                }
            }
            s.append(ScriptSections.capture("entries", found + "true", false));
        }
        ExecResult pr = ctx.exec(s.toString());
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.ok("entries")) {
            throw new ModuleFailure("reading the Quadlet files failed: " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        String dir = out.text("dir");
        boolean root = out.text("uid").strip().equals("0");
        List<String> lines = out.text("entries").lines().filter(l -> !l.isBlank()).toList();
        ModuleResult.Builder res = ModuleResult.changed(false).value("quadlet_dir", dir);
        List<String> touched = new ArrayList<>();
        if (present) {
            Map<String, Install> installs = installs(lines, a.string("src"));
            List<Install> changed = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("F ") && !line.startsWith("F 0 ")) {
                    Install i = installs.get(line.substring(line.indexOf(' ', 2) + 1));
                    if (i != null) {
                        changed.add(i);
                    }
                }
            }
            for (Install i : changed) {
                touched.add(dir + "/" + i.name());
                if (ctx.diffMode()) {
                    String before = ctx.files().read(dir + "/" + i.name()).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
                    String after = ctx.files().read(i.source()).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
                    res.diff(FileDiff.of(dir + "/" + i.name(), before, after));
                }
            }
            if (!changed.isEmpty() && !ctx.checkMode()) {
                StringBuilder act = new StringBuilder("set -e; __jp_qd=").append(ShellQuote.quote(dir)).append("; mkdir -p -- \"$__jp_qd\"; ");
                for (Install i : changed) {
                    // a temp file beside the target, then a rename: systemd never reads a half-written unit
                    String target = "\"$__jp_qd\"/" + ShellQuote.quote(i.name());
                    String tmp = "\"$__jp_qd\"/" + ShellQuote.quote(".jplay-" + i.name() + ".tmp");
                    act.append("cp -- ").append(ShellQuote.quote(i.source())).append(' ').append(tmp).append("; chmod 0644 ")
                            .append(tmp).append("; mv -f -- ").append(tmp).append(' ').append(target).append("; ");
                }
                ExecResult r = ctx.exec(act.toString());
                if (!r.ok()) {
                    throw new ModuleFailure("installing Quadlet files into " + dir + " failed: " + r.errTrimmed(),
                            Map.of("rc", r.exitCode(), "stderr", r.err()));
                }
            }
        } else {
            for (String name : lines) {
                touched.add(dir + "/" + name.strip());
            }
            if (!touched.isEmpty() && !ctx.checkMode()) {
                StringBuilder rm = new StringBuilder("rm -f --");
                for (String t : touched) {
                    rm.append(' ').append(ShellQuote.quote(t));
                }
                ExecResult r = ctx.exec(rm.toString());
                if (!r.ok()) {
                    throw new ModuleFailure("removing Quadlet files failed: " + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.err()));
                }
            }
            if (ctx.diffMode()) {
                for (String t : touched) {
                    res.diff(FileDiff.of(t, "(present)\n", ""));
                }
            }
        }
        boolean reloaded = !touched.isEmpty() && !ctx.checkMode() && a.bool("reload_systemd") && reload(ctx, root);
        return res.changed(!touched.isEmpty()).value("quadlets", touched).value("daemon_reloaded", reloaded)
                .msg(touched.isEmpty() ? "Quadlet files are " + (present ? "up to date" : "absent")
                        : (ctx.checkMode() ? "would " : "") + (present ? "install " : "remove ") + String.join(", ", touched))
                .build();
    }

    /** The shell that lists one source: a file as itself, a folder's entries one by one (folders marked D). */
    private static String entryLoop(String path, boolean folderAllowed) {
        String q = ShellQuote.quote(path);
        return "if [ -d " + q + " ]; then " + (folderAllowed
                ? "for __jp_f in " + q + "/* " + q + "/.[!.]*; do [ -e \"$__jp_f\" ] || continue; "
                + "if [ -d \"$__jp_f\" ]; then printf 'D %s\\n' \"$__jp_f\"; else __jp_one \"$__jp_f\"; fi; done; "
                : "printf 'D %s\\n' " + q + "; ")
                + "elif [ -f " + q + " ]; then __jp_one " + q + "; else printf 'M %s\\n' " + q + "; fi; ";
    }

    /** What to install, checked: no subfolders, nothing missing, at least one Quadlet file from src. */
    static Map<String, Install> installs(List<String> lines, String src) throws ModuleFailure {
        Map<String, Install> m = new LinkedHashMap<>();
        boolean quadlet = false;
        for (String line : lines) {
            if (line.startsWith("D ")) {
                throw new ModuleFailure("'" + line.substring(2) + "' is a folder: jplay installs a folder of Quadlet files without "
                        + "subfolders, and files must be files");
            }
            if (line.startsWith("M ")) {
                throw new ModuleFailure("'" + line.substring(2) + "' does not exist on the host");
            }
            if (!line.startsWith("F ")) {
                continue;
            }
            String path = line.substring(line.indexOf(' ', 2) + 1);
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.startsWith("-")) {
                throw new ModuleFailure("'" + path + "': a Quadlet file name must not start with '-'");
            }
            if (m.values().stream().anyMatch(i -> i.name().equals(name))) {
                throw new ModuleFailure("two files would be installed as " + name + " (" + path + ")");
            }
            if (SUFFIXES.stream().anyMatch(name::endsWith) && (path.equals(src) || path.startsWith(src.endsWith("/") ? src : src + "/"))) {
                quadlet = true;
            }
            m.put(path, new Install(path, name));
        }
        if (!quadlet) {
            throw new ModuleFailure("src '" + src + "' holds no Quadlet file (" + String.join(", ", SUFFIXES) + ")");
        }
        return m;
    }

    private static boolean reload(ModuleContext ctx, boolean root) throws ModuleFailure {
        ExecResult r = root ? ctx.exec("systemctl daemon-reload")
                : UserManagerAccess.run(ctx, null, UserManager.SYSTEMCTL + " daemon-reload", true).result();
        if (!r.ok()) {
            throw new ModuleFailure("the Quadlet files changed, but daemon-reload failed: " + r.errTrimmed()
                    + " (set reload_systemd: false where systemd is not running)", Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        return true;
    }
}
