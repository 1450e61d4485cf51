package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * community.general.modprobe: a kernel module loaded ({@code modprobe NAME PARAMS}) or unloaded
 * ({@code modprobe -r}), as {@code /proc/modules} and {@code modules.builtin} show it; with
 * {@code persistent}, also the boot-time files: present writes {@code /etc/modules-load.d/NAME.conf} (and
 * {@code /etc/modprobe.d/NAME.conf} with "options NAME PARAMS") when no such file names the module, absent
 * comments out every line naming it, as Ansible does. Files are written atomically; params are refused
 * when they are not plain key=value words, so nothing reaches sh or a file unquoted.
 */
public final class ModprobeModule implements Module {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern PARAM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(=[A-Za-z0-9_.,:/+@%-]*)?");
    static final String LOAD_DIR = "/etc/modules-load.d";
    static final String OPTIONS_DIR = "/etc/modprobe.d";
    private static final String FILE = "--jplay-file ";

    private static final ModuleSpec SPEC = ModuleSpec.builder("modprobe")
            .describe("Loads or unloads a kernel module (modprobe), optionally also at boot (/etc/modules-load.d, /etc/modprobe.d).")
            .option(OptionSpec.of("name", OptionType.STR, "The kernel module.").asRequired())
            .option(OptionSpec.of("state", OptionType.STR, "present: loaded; absent: unloaded.").choices("present", "absent")
                    .defaultValue("present"))
            .option(OptionSpec.of("params", OptionType.STR, "Module parameters, e.g. 'numdummies=2'.").defaultValue(""))
            .option(OptionSpec.of("persistent", OptionType.STR, "present: load at boot with these params; absent: not at boot; "
                    + "disabled: leave the boot files alone.").choices("disabled", "present", "absent").defaultValue("disabled"))
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
            throw new ModuleFailure("name '" + name + "' is not a kernel module name (letters, digits, _ and -)");
        }
        String params = a.string("params").strip();
        List<String> words = params.isEmpty() ? List.of() : List.of(params.split("\\s+"));
        for (String w : words) {
            if (!PARAM.matcher(w).matches()) {
                throw new ModuleFailure("params word '" + w + "' is not a module parameter (key or key=value of letters, digits and _ . , : / + @ % -)");
            }
        }
        boolean present = a.string("state").equals("present");
        String persistent = a.string("persistent");
        Probe p = probe(ctx, name);

        List<String> said = new ArrayList<>();
        ModuleResult.Builder b = ModuleResult.ok();
        boolean load = present && !p.loaded() && !p.builtin();
        boolean unload = !present && p.loaded();
        if (!present && p.builtin()) {
            throw new ModuleFailure("module " + name + " is builtin and can not be removed");
        }
        Map<String, String> writes = new LinkedHashMap<>();
        if (persistent.equals("present")) {
            if (p.files().entrySet().stream().noneMatch(e -> e.getKey().startsWith(LOAD_DIR + "/") && ModprobeFiles.loads(e.getValue(), name))) {
                writes.put(LOAD_DIR + "/" + name + ".conf", name + "\n");
            }
            if (!words.isEmpty()) {
                String options = "options " + name + " " + String.join(" ", words);
                if (p.files().entrySet().stream().noneMatch(e -> e.getKey().startsWith(OPTIONS_DIR + "/")
                        && ModprobeFiles.hasOptions(e.getValue(), options))) {
                    String mine = OPTIONS_DIR + "/" + name + ".conf";
                    for (var e : p.files().entrySet()) {
                        if (e.getKey().startsWith(OPTIONS_DIR + "/") && !e.getKey().equals(mine)) {
                            String off = ModprobeFiles.commentOptions(e.getValue(), name);
                            if (!off.equals(e.getValue())) {
                                writes.put(e.getKey(), off);
                            }
                        }
                    }
                    String old = p.files().getOrDefault(mine, "");
                    writes.put(mine, ModprobeFiles.commentOptions(old, name) + options + "\n");
                }
            }
        } else if (persistent.equals("absent")) {
            for (var e : p.files().entrySet()) {
                String off = e.getKey().startsWith(LOAD_DIR + "/") ? ModprobeFiles.commentLoads(e.getValue(), name)
                        : ModprobeFiles.commentOptions(e.getValue(), name);
                if (!off.equals(e.getValue())) {
                    writes.put(e.getKey(), off);
                }
            }
        }
        if (load) {
            said.add("modprobe " + name + (words.isEmpty() ? "" : " " + String.join(" ", words)));
        }
        if (unload) {
            said.add("modprobe -r " + name);
        }
        for (var w : writes.entrySet()) {
            said.add("wrote " + w.getKey());
            if (ctx.diffMode()) {
                b.diff(FileDiff.of(w.getKey(), p.files().getOrDefault(w.getKey(), ""), w.getValue()));
            }
        }
        boolean changed = load || unload || !writes.isEmpty();
        b.changed(changed).value("name", name).value("params", params).value("state", a.string("state"));
        if (!changed || ctx.checkMode()) {
            return b.msg(String.join("; ", said)).build();
        }
        if (load || unload) {
            String cmd = "command -v modprobe >/dev/null 2>&1 || { echo 'modprobe is not installed on the host (kmod package)' >&2; exit 127; }; "
                    + "modprobe " + (unload ? "-r " : "") + quote(name);
            for (String w : load ? words : List.<String>of()) {
                cmd += " " + quote(w);
            }
            ExecResult r = ctx.exec(cmd);
            if (!r.ok()) {
                throw new ModuleFailure(refusal(name, unload, r), Map.of("rc", r.exitCode(), "stderr", r.err()));
            }
        }
        if (!writes.isEmpty()) {
            ctx.exec("mkdir -p " + LOAD_DIR + " " + OPTIONS_DIR);
        }
        for (var w : writes.entrySet()) {
            ctx.files().write(w.getKey(), w.getValue().getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", null, null));
        }
        return b.msg(String.join("; ", said)).build();
    }

    /** modprobe's own words, plus why it usually is refused (not root, or a container without the module's files). */
    private static String refusal(String name, boolean unload, ExecResult r) {
        String err = r.errTrimmed();
        String why = "";
        if (err.contains("Operation not permitted") || err.contains("Permission denied")) {
            why = " (loading kernel modules needs root on the host itself: run with become: true; a container cannot load them)";
        } else if (err.contains("not found in directory")) {
            why = " (the module is not installed for the running kernel; in a container /lib/modules is the host's business)";
        }
        return "modprobe " + (unload ? "-r " : "") + name + " failed (rc " + r.exitCode() + "): " + err + why;
    }

    /** What one round trip finds: loaded (in /proc/modules), builtin, and the boot files that name the module. */
    private record Probe(boolean loaded, boolean builtin, Map<String, String> files) {
    }

    private static Probe probe(ModuleContext ctx, String name) throws ModuleFailure {
        String procName = name.replace('-', '_');
        String script = "export LANG=C LC_ALL=C; jp_n=" + quote(name) + "; jp_p=" + quote(procName) + "; "
                + "if awk -v m=\"$jp_p\" '$1 == m {f=1} END {exit !f}' /proc/modules 2>/dev/null; then echo loaded=yes; fi; "
                + "jp_b=/lib/modules/$(uname -r)/modules.builtin; "
                + "if [ -r \"$jp_b\" ] && grep -Eq \"/($jp_n|$jp_p)\\.ko(\\.[a-z]+)?$\" \"$jp_b\"; then echo builtin=yes; fi; "
                + "for jp_f in " + LOAD_DIR + "/*.conf " + OPTIONS_DIR + "/*.conf; do [ -f \"$jp_f\" ] || continue; "
                + "grep -Eq \"(^|[[:space:]])($jp_n|$jp_p)([[:space:]]|$)\" \"$jp_f\" || continue; "
                + "printf '%s%s\\n' '" + FILE + "' \"$jp_f\"; cat -- \"$jp_f\" | sed 's/^/|/'; done";
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure("probing kernel module " + name + " failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        boolean loaded = false;
        boolean builtin = false;
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        for (String line : r.out().split("\n")) {
            if (line.startsWith(FILE)) {
                current = line.substring(FILE.length());
                files.put(current, "");
            } else if (current != null && line.startsWith("|")) {
                files.put(current, files.get(current) + line.substring(1) + "\n");
            } else if (line.equals("loaded=yes")) {
                loaded = true;
            } else if (line.equals("builtin=yes")) {
                builtin = true;
            }
        }
        return new Probe(loaded, builtin, files);
    }
}
