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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.posix.sysctl: a kernel parameter in a sysctl file (rewritten atomically, as Ansible does) and,
 * with {@code reload}, applied with {@code sysctl -p FILE}; with {@code sysctl_set}, set directly with
 * {@code sysctl -w} when the running value differs. Decisions are Ansible's; in addition, diff mode shows
 * the file, names and values are refused when they could break the file's line or the command.
 */
public final class SysctlModule implements Module {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./:@+*-]*");
    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f");
    private static final String PROC_MARK = "--jplay-proc--";
    private static final String FILE_MARK = "--jplay-file--";
    private static final Pattern SET_FAILED = Pattern.compile("^sysctl: setting key \"[^\"]+\": (Invalid argument|Read-only file system)$",
            Pattern.MULTILINE);

    private static final ModuleSpec SPEC = ModuleSpec.builder("sysctl")
            .describe("Manages a kernel parameter in a sysctl file and, with reload, applies the file (sysctl -p); with "
                    + "sysctl_set, sets the running value (sysctl -w) when it differs.")
            .option(OptionSpec.of("name", OptionType.STR, "The parameter, e.g. net.ipv4.ip_forward.").asRequired().aliases("key"))
            .option(OptionSpec.of("value", OptionType.STR, "Its value (booleans become 1 and 0, as Ansible). Needed with "
                    + "state=present.").aliases("val"))
            .option(OptionSpec.of("state", OptionType.STR, "present or absent (in the file).").choices("present", "absent")
                    .defaultValue("present"))
            .option(OptionSpec.of("reload", OptionType.BOOL, "Apply the file with sysctl -p when something changed.").defaultValue(true))
            .option(OptionSpec.of("sysctl_set", OptionType.BOOL, "Also set the running value with sysctl -w when it differs.")
                    .defaultValue(false))
            .option(OptionSpec.of("ignoreerrors", OptionType.BOOL, "Ignore unknown keys (sysctl -e).").defaultValue(false))
            .option(OptionSpec.of("sysctl_file", OptionType.PATH, "The file to edit.").defaultValue("/etc/sysctl.conf"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String key = a.string("name").strip();
        boolean present = a.string("state").equals("present");
        String file = SingleLine.require("sysctl_file", a.string("sysctl_file"));
        if (key.isEmpty()) {
            throw new ModuleFailure("name cannot be blank");
        }
        if (!KEY.matcher(key).matches()) {
            throw new ModuleFailure("name '" + key + "' is not a sysctl key (letters, digits and _ . / : @ + * -, not starting with -)");
        }
        String value = parseValue(a);
        if (present && a.string("value") == null) {
            throw new ModuleFailure("value cannot be None");
        }
        if (present && value.isEmpty()) {
            throw new ModuleFailure("value cannot be blank");
        }
        SingleLine.require("value", value);
        boolean ignore = a.bool("ignoreerrors");

        Probe p = probe(ctx, key, file);
        SysctlConf conf = SysctlConf.parse(p.fileText());
        String inFile = conf.value(key);
        boolean changed = false;
        boolean writeFile = false;
        boolean setProc = false;
        boolean reload = a.bool("reload");
        if (inFile == null && present) {
            changed = writeFile = true;
        } else if (inFile != null && !present) {
            changed = writeFile = true;
        } else if (inFile != null && !inFile.equals(value)) {
            changed = writeFile = true;
        } else if (inFile != null && reload && !sameWords(p.proc(), value)) {
            changed = true;
        }
        if (a.bool("sysctl_set") && present && !sameWords(p.proc(), value)) {
            changed = true;
            setProc = p.proc() != null;
        }
        ModuleResult.Builder b = ModuleResult.changed(changed);
        if (!changed) {
            return b.build();
        }
        String after = writeFile ? conf.with(key, present ? value : null) : p.fileText();
        if (ctx.diffMode() && writeFile) {
            b.diff(FileDiff.of(file, p.fileText(), after));
        }
        List<String> said = new ArrayList<>();
        if (writeFile) {
            said.add((present ? "set " + key + "=" + value : "removed " + key) + " in " + file);
        }
        if (setProc) {
            said.add("sysctl -w " + key);
        }
        if (reload) {
            said.add("sysctl -p " + file);
        }
        b.msg(String.join("; ", said));
        boolean needsRoot = setProc || reload;
        if (needsRoot && !p.root()) {
            if (ctx.checkMode()) {
                return b.warn("setting kernel parameters needs root: run the task with become: true").build();
            }
            throw new ModuleFailure("setting kernel parameters needs root: run the task with become: true");
        }
        if (ctx.checkMode()) {
            return b.build();
        }
        if (writeFile) {
            ctx.files().write(p.realPath(), after.getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
        }
        String e = ignore ? " -e" : "";
        if (setProc) {
            sysctl(ctx, "sysctl" + e + " -w " + quote(key + "=" + value), "setting " + key + " failed: ");
        }
        if (reload) {
            sysctl(ctx, "sysctl" + e + " -p " + quote(p.realPath()), "Failed to reload sysctl: ");
        }
        return b.build();
    }

    /** Runs one sysctl command; a failure (or a refused key on stderr, which sysctl -e does not count) fails the task. */
    private static void sysctl(ModuleContext ctx, String command, String failure) throws ModuleFailure {
        ExecResult r = ctx.exec("export LANG=C LC_ALL=C LC_MESSAGES=C; " + command);
        if (!r.ok() || SET_FAILED.matcher(r.err()).find()) {
            throw new ModuleFailure(failure + (r.out() + r.err()).strip(), Map.of("rc", r.exitCode()));
        }
    }

    /** Ansible's _parse_value: booleans (and their words) become 1 and 0, other text is trimmed. */
    private static String parseValue(ModuleArgs a) {
        String v = a.string("value");
        if (v == null) {
            return "";
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower)) {
            return "1";
        }
        if (FALSE.contains(lower)) {
            return "0";
        }
        return v.strip();
    }

    /** Both values, split on blanks, are the same words (the kernel prints tabs where a file has spaces). */
    private static boolean sameWords(String current, String wanted) {
        return current != null && Arrays.equals(current.strip().split("\\s+"), wanted.strip().split("\\s+"));
    }

    /** What one round trip finds: who runs, the running value (null: sysctl failed), the file and where it really is. */
    private record Probe(boolean root, String proc, String fileText, String realPath) {
    }

    private static Probe probe(ModuleContext ctx, String key, String file) throws ModuleFailure {
        String script = "export LANG=C LC_ALL=C LC_MESSAGES=C; jp_k=" + quote(key) + "; jp_f=" + quote(file) + "; "
                + "command -v sysctl >/dev/null 2>&1 || { echo 'sysctl is not installed on the host (procps package)' >&2; exit 127; }; "
                + "echo \"euid=$(id -u)\"; printf 'real=%s\\n' \"$(readlink -f -- \"$jp_f\" || printf %s \"$jp_f\")\"; "
                + "jp_v=$(sysctl -e -n \"$jp_k\" 2>/dev/null); echo \"proc_rc=$?\"; echo '" + PROC_MARK + "'; printf '%s\\n' \"$jp_v\"; "
                + "echo '" + FILE_MARK + "'; if [ -f \"$jp_f\" ]; then cat -- \"$jp_f\" || exit 3; fi";
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure("probing sysctl " + key + " failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        String out = r.out();
        int pm = out.indexOf(PROC_MARK + "\n");
        int fm = out.indexOf(FILE_MARK + "\n", pm);
        if (pm < 0 || fm < 0) {
            throw new ModuleFailure("probing sysctl " + key + ": unexpected output: " + r.outTrimmed());
        }
        ProbeLines head = ProbeLines.parse(out.substring(0, pm));
        String proc = out.substring(pm + PROC_MARK.length() + 1, fm);
        proc = proc.endsWith("\n") ? proc.substring(0, proc.length() - 1) : proc;
        String real = head.get("real").isEmpty() ? file : head.get("real");
        return new Probe(head.is("euid", "0"), head.is("proc_rc", "0") ? proc : null, out.substring(fm + FILE_MARK.length() + 1), real);
    }
}
