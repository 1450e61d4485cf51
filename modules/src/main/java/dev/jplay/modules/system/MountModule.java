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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.posix.mount on Linux: the fstab entry of a mount point (edited as Ansible does, see
 * {@link FstabTable}; written atomically) and whether it is mounted ({@code mountpoint -q}), with
 * mount/umount/remount run with the path as one argv word. A failed mount puts the old fstab back and
 * removes the folders it created, as Ansible. Values that would break an fstab line (line breaks, tabs,
 * '#') are refused; spaces, '\' and '&' are escaped as Ansible does. Not supported: state ephemeral.
 */
public final class MountModule implements Module {

    private static final String FSTAB_MARK = "--jplay-fstab--";
    private static final ModuleSpec SPEC = ModuleSpec.builder("mount")
            .describe("Controls a mount point and its fstab entry: mounted, unmounted, present, absent, absent_from_fstab, "
                    + "remounted.")
            .option(OptionSpec.of("path", OptionType.PATH, "The mount point (absolute).").asRequired().aliases("name"))
            .option(OptionSpec.of("src", OptionType.PATH, "The device, label or remote to mount (needed with mounted and present)."))
            .option(OptionSpec.of("fstype", OptionType.STR, "The filesystem type (needed with mounted and present)."))
            .option(OptionSpec.of("opts", OptionType.STR, "Mount options (default: defaults)."))
            .option(OptionSpec.of("dump", OptionType.STR, "The dump field.").defaultValue("0"))
            .option(OptionSpec.of("passno", OptionType.STR, "The fsck pass field.").defaultValue("0"))
            .option(OptionSpec.of("fstab", OptionType.STR, "The fstab file to edit (and to mount from, with mount -T)."))
            .option(OptionSpec.of("boot", OptionType.BOOL, "false adds noauto to opts.").defaultValue(true))
            .option(OptionSpec.of("backup", OptionType.BOOL, "Back up fstab before changing it.").defaultValue(false))
            .option(OptionSpec.of("state", OptionType.STR, "mounted: in fstab and mounted; unmounted: not mounted (fstab kept); "
                    + "present: in fstab only; absent: out of fstab, unmounted, its folder removed; absent_from_fstab: out of "
                    + "fstab only; remounted: remount (always a change).").asRequired()
                    .choices("mounted", "unmounted", "present", "absent", "absent_from_fstab", "remounted"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String state = a.string("state");
        String path = fstabValue("path", a.string("path"));
        if (!path.startsWith("/")) {
            throw new ModuleFailure("path must be absolute: got '" + path + "'");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.replaceAll("/+$", "");
        }
        String src = fstabValue("src", a.string("src"));
        String fstype = fstabValue("fstype", a.string("fstype"));
        if ((state.equals("mounted") || state.equals("present")) && (src == null || fstype == null)) {
            throw new ModuleFailure("state is " + state + " but all of the following are missing: "
                    + String.join(", ", Arrays.stream(new String[]{src == null ? "src" : null, fstype == null ? "fstype" : null})
                    .filter(x -> x != null).toList()));
        }
        String fstab = a.has("fstab") ? fstabValue("fstab", a.string("fstab")) : "/etc/fstab";
        List<String> opts = new ArrayList<>(List.of((a.has("opts") ? fstabValue("opts", a.string("opts")) : "defaults").split(",", -1)));
        ModuleResult.Builder b = ModuleResult.ok();
        String boot = "yes";
        if (a.bool("boot") && opts.contains("noauto")) {
            b.warn("Ignore the 'boot' due to 'opts' contains 'noauto'.");
        } else if (!a.bool("boot")) {
            boot = "no";
            opts.add("noauto");
        }
        String optText = String.join(",", opts);
        FstabTable.Entry want = new FstabTable.Entry(src == null ? null : FstabTable.escape(src), FstabTable.escape(path),
                fstype == null ? null : FstabTable.escape(fstype), FstabTable.escape(optText),
                FstabTable.escape(fstabValue("dump", a.string("dump"))), FstabTable.escape(fstabValue("passno", a.string("passno"))));

        Probe p = probe(ctx, path, fstab);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", path);
        if (src != null) {
            values.put("src", src);
        }
        if (fstype != null) {
            values.put("fstype", fstype);
        }
        values.put("opts", optText);
        values.put("dump", a.string("dump"));
        values.put("passno", a.string("passno"));
        values.put("fstab", fstab);
        values.put("boot", boot);
        values.put("backup_file", "");
        Actions act = new Actions(ctx, p, path, fstab, a.has("fstab") && !fstab.equals("/etc/fstab"), b, values, a.bool("backup"));

        boolean changed;
        switch (state) {
            case "present" -> changed = act.writeFstab(FstabTable.set(p.fstab(), want));
            case "absent_from_fstab" -> changed = act.writeFstab(FstabTable.unset(p.fstab(), want.name(), want.src()));
            case "absent" -> {
                changed = act.writeFstab(FstabTable.unset(p.fstab(), want.name(), want.src()));
                if (changed && !ctx.checkMode()) {
                    if (p.mounted()) {
                        act.run("umount -- \"$jp_p\"", "Error unmounting " + path + ": ");
                    }
                    if (p.exists()) {
                        act.run("rmdir -- \"$jp_p\"", "Error rmdir " + path + ": ");
                    }
                }
            }
            case "unmounted" -> {
                changed = p.mounted();
                if (changed && !ctx.checkMode()) {
                    act.run("umount -- \"$jp_p\"", "Error unmounting " + path + ": ");
                }
            }
            case "remounted" -> {
                changed = true;
                if (!ctx.checkMode()) {
                    act.remount(!optText.equals("defaults") ? optText : null, "Error remounting " + path + ": ");
                }
            }
            default -> changed = act.mounted(FstabTable.set(p.fstab(), want), optText);
        }
        return b.changed(changed).values(values).build();
    }

    /** A value headed for an fstab field: one line, no tab, no '#' (which would start a comment when read back). */
    private static String fstabValue(String option, String value) throws ModuleFailure {
        SingleLine.require(option, value);
        if (value != null && (value.indexOf('\t') >= 0 || value.indexOf('#') >= 0)) {
            throw new ModuleFailure(option + " cannot hold a tab or '#' (fstab would read it as a field break or a comment): got '"
                    + value + "'");
        }
        return value;
    }

    /** What one round trip finds. */
    record Probe(boolean root, boolean exists, boolean mounted, boolean fstabExists, String fstab) {
    }

    private static Probe probe(ModuleContext ctx, String path, String fstab) throws ModuleFailure {
        ExecResult r = ctx.exec("export LC_ALL=C; jp_p=" + quote(path) + "; jp_t=" + quote(fstab) + "; echo \"euid=$(id -u)\"; "
                + "[ -e \"$jp_p\" ] && echo exists=yes; "
                + "if command -v mountpoint >/dev/null 2>&1; then mountpoint -q -- \"$jp_p\" 2>/dev/null && echo mounted=yes; "
                + "else awk -v p=\"$jp_p\" '$5 == p { f = 1 } END { exit !f }' /proc/self/mountinfo && echo mounted=yes; fi; "
                + "[ -e \"$jp_t\" ] && echo fstab=yes; echo '" + FSTAB_MARK + "'; if [ -f \"$jp_t\" ]; then cat -- \"$jp_t\" || exit 3; fi");
        int m = r.out().indexOf(FSTAB_MARK + "\n");
        if (!r.ok() || m < 0) {
            throw new ModuleFailure("probing mount point " + path + " failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        ProbeLines p = ProbeLines.parse(r.out().substring(0, m));
        return new Probe(p.is("euid", "0"), p.is("exists", "yes"), p.is("mounted", "yes"), p.is("fstab", "yes"),
                r.out().substring(m + FSTAB_MARK.length() + 1));
    }

    /** The changing steps of one task, in check mode only reported. */
    private static final class Actions {
        private final ModuleContext ctx;
        private final Probe probe;
        private final String path;
        private final String fstab;
        private final boolean otherFstab;
        private final ModuleResult.Builder result;
        private final Map<String, Object> values;
        private final boolean backup;
        private boolean fstabWritten;

        Actions(ModuleContext ctx, Probe probe, String path, String fstab, boolean otherFstab, ModuleResult.Builder result,
                Map<String, Object> values, boolean backup) {
            this.ctx = ctx;
            this.probe = probe;
            this.path = path;
            this.fstab = fstab;
            this.otherFstab = otherFstab;
            this.result = result;
            this.values = values;
            this.backup = backup;
        }

        /** Writes fstab when the edit changed it; returns whether it did (or would). */
        boolean writeFstab(FstabTable.Edit edit) throws ModuleFailure {
            if (!edit.changed()) {
                return false;
            }
            if (ctx.diffMode()) {
                result.diff(FileDiff.of(fstab, probe.fstab(), edit.text()));
            }
            if (ctx.checkMode()) {
                return true;
            }
            if (!probe.fstabExists()) {
                ExecResult r = ctx.exec("mkdir -p -- \"$(dirname -- " + quote(fstab) + ")\"");
                if (!r.ok()) {
                    throw new ModuleFailure("Failed to open " + fstab + ": " + r.errTrimmed());
                }
            } else if (backup) {
                values.put("backup_file", ctx.files().backup(fstab));
            }
            ctx.files().write(fstab, edit.text().getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
            fstabWritten = true;
            return true;
        }

        /** state=mounted: the folder, the fstab entry, then mount (or remount when the entry changed under a mounted path). */
        boolean mounted(FstabTable.Edit edit, String opts) throws ModuleFailure {
            if (!ctx.checkMode() && (!probe.mounted() || edit.changed())) {
                requireRoot();
            }
            String created = null;
            if (!probe.exists() && !ctx.checkMode()) {
                ExecResult r = exec("jp_d=\"$jp_p\"; jp_c=; while [ ! -e \"$jp_d\" ]; do jp_c=\"$jp_d\"; jp_d=$(dirname -- \"$jp_d\"); "
                        + "done; mkdir -p -- \"$jp_p\" && printf '%s\\n' \"$jp_c\"");
                if (!r.ok()) {
                    throw new ModuleFailure("Error making dir " + path + ": " + r.errTrimmed());
                }
                created = r.outTrimmed();
            }
            boolean changed = writeFstab(edit);
            if (ctx.checkMode()) {
                return changed || !probe.mounted();
            }
            try {
                if (probe.mounted()) {
                    if (changed) {
                        remount(null, "Error mounting " + path + ": ");
                    }
                } else {
                    run(mount(), "Error mounting " + path + ": ");
                    changed = true;
                }
            } catch (ModuleFailure f) {
                undo(created);
                throw f;
            }
            return changed;
        }

        /** After a failed mount: the fstab as it was, the created folders gone (as Ansible). */
        private void undo(String created) {
            try {
                if (fstabWritten) {
                    ctx.files().write(fstab, probe.fstab().getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
                }
                if (created != null && !created.isEmpty()) {
                    exec("jp_c=" + quote(created) + "; jp_d=\"$jp_p\"; while rmdir -- \"$jp_d\" 2>/dev/null && [ \"$jp_d\" != \"$jp_c\" ]; "
                            + "do jp_d=$(dirname -- \"$jp_d\"); done; :");
                }
            } catch (ModuleFailure | RuntimeException e) {
                result.warn("could not undo everything after the failed mount: " + e.getMessage());
            }
        }

        private String mount() {
            return "mount" + (otherFstab ? " -T " + quote(fstab) : "") + " -- \"$jp_p\"";
        }

        /** mount -o remount[,opts]; when that fails: with opts, fail (as Ansible); else umount and mount. */
        void remount(String opts, String failure) throws ModuleFailure {
            requireRoot();
            ExecResult r = exec("mount -o " + quote(opts == null ? "remount" : "remount," + opts)
                    + (otherFstab ? " -T " + quote(fstab) : "") + " -- \"$jp_p\"");
            if (r.ok()) {
                return;
            }
            if (opts != null) {
                throw new ModuleFailure("Options were specified with remounted, but the remount command failed. Failing in order "
                        + "to prevent an unexpected mount result. Try replacing this command with a \"state: unmounted\" followed by "
                        + "a \"state: mounted\" using the full desired mount options instead.");
            }
            run("umount -- \"$jp_p\" && " + mount(), failure);
        }

        void run(String command, String failure) throws ModuleFailure {
            requireRoot();
            ExecResult r = exec(command);
            if (!r.ok()) {
                throw new ModuleFailure(failure + (r.out() + r.err()).strip(), Map.of("rc", r.exitCode()));
            }
        }

        private void requireRoot() throws ModuleFailure {
            if (!probe.root()) {
                throw new ModuleFailure("mounting and unmounting need root: run the task with become: true");
            }
        }

        private ExecResult exec(String script) {
            return ctx.exec("export LC_ALL=C; jp_p=" + quote(path) + "; " + script);
        }
    }
}
