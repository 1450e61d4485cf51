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
import java.util.List;
import java.util.Optional;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code cron}: a named job (the line after {@code #Ansible: NAME}) or environment variable
 * in a user's crontab (read with {@code crontab -l}, written with {@code crontab -} on stdin) or in a
 * cron file ({@code cron_file}: under /etc/cron.d, or an absolute path; written atomically). The edits
 * are ansible-core's ({@link CronTable}). Unlike Ansible, a value that would break its line (job, name,
 * a time field, user) is refused rather than warned about, and time fields must be single fields.
 */
public final class CronModule implements Module {

    private static final List<String> TIME_FIELDS = List.of("minute", "hour", "day", "month", "weekday");
    private static final ModuleSpec SPEC = ModuleSpec.builder("cron")
            .describe("Manages a named cron job or environment variable in a user's crontab (crontab -l / crontab -) or in a "
                    + "cron file under /etc/cron.d (cron_file).")
            .option(OptionSpec.of("name", OptionType.STR, "The job's name (its #Ansible: comment), or the variable's name with env.")
                    .asRequired())
            .option(OptionSpec.of("job", OptionType.STR, "The command to run, or the variable's value with env.").aliases("value"))
            .option(OptionSpec.of("user", OptionType.STR, "Whose crontab (default: the task's user); the user field of cron_file lines."))
            .option(OptionSpec.of("cron_file", OptionType.PATH, "A file under /etc/cron.d (a bare name) or an absolute path, "
                    + "instead of a user's crontab; needs user."))
            .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
            .option(OptionSpec.of("backup", OptionType.BOOL, "Save the crontab as it was to a file on the host first (backup_file).")
                    .defaultValue(false))
            .option(OptionSpec.of("minute", OptionType.STR, "Minute field.").defaultValue("*"))
            .option(OptionSpec.of("hour", OptionType.STR, "Hour field.").defaultValue("*"))
            .option(OptionSpec.of("day", OptionType.STR, "Day-of-month field.").aliases("dom").defaultValue("*"))
            .option(OptionSpec.of("month", OptionType.STR, "Month field.").defaultValue("*"))
            .option(OptionSpec.of("weekday", OptionType.STR, "Day-of-week field.").aliases("dow").defaultValue("*"))
            .option(OptionSpec.of("special_time", OptionType.STR, "@reboot, @daily... instead of the time fields.")
                    .choices("reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly"))
            .option(OptionSpec.of("disabled", OptionType.BOOL, "Write the job commented out.").defaultValue(false))
            .option(OptionSpec.of("env", OptionType.BOOL, "Manage an environment variable NAME=\"job\" instead of a job.")
                    .defaultValue(false))
            .option(OptionSpec.of("insertafter", OptionType.STR, "With env: add a new variable after this one."))
            .option(OptionSpec.of("insertbefore", OptionType.STR, "With env: add a new variable before this one."))
            .mutuallyExclusive("insertafter", "insertbefore")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = SingleLine.require("name", a.string("name"));
        String user = a.string("user");
        String job = a.string("job");
        boolean present = a.string("state").equals("present");
        boolean env = a.bool("env");
        String special = a.string("special_time");
        String cronFile = a.string("cron_file");
        validate(a, name, user, job, present, env, special, cronFile);
        String path = cronFile == null ? null : cronFile.startsWith("/") ? cronFile : "/etc/cron.d/" + cronFile;
        String header = path != null ? path : user != null ? "crontab for user \"" + user + "\"" : "crontab";

        ModuleResult.Builder b = ModuleResult.ok();
        if (path != null && !path.substring(path.lastIndexOf('/') + 1).matches("(?i)[A-Z0-9_-]+")) {
            b.warn("Filename portion of cron_file (\"" + path.substring(path.lastIndexOf('/') + 1) + "\") should consist solely of "
                    + "upper- and lower-case letters, digits, underscores, and hyphens");
        }
        Optional<String> before = path != null ? ctx.files().read(path).map(x -> new String(x, StandardCharsets.UTF_8))
                : Optional.of(readCrontab(ctx, user));
        CronTable table = path != null ? CronTable.ofFile(before.orElse("")) : CronTable.ofCrontab(before.get());
        String existing = table.existing();

        boolean changed = false;
        if (env) {
            String decl = name + "=\"" + job + "\"";
            Optional<Integer> old = table.findEnv(name);
            if (present && old.isEmpty()) {
                if (!table.addEnv(decl, a.string("insertafter"), a.string("insertbefore"))) {
                    throw new ModuleFailure("Variable named '" + (a.has("insertafter") ? a.string("insertafter") : a.string("insertbefore"))
                            + "' not found.");
                }
                changed = true;
            } else if (present && !table.line(old.get()).equals(decl)) {
                table.updateEnv(name, decl);
                changed = true;
            } else if (!present && old.isPresent()) {
                table.updateEnv(name, null);
                changed = true;
            }
        } else if (present) {
            String line = jobLine(a, job, special, cronFile != null ? user : null);
            Optional<CronTable.Found> old = table.find(name, line);
            if (old.isEmpty()) {
                table.addJob(name, line);
                changed = true;
            } else if (!old.get().job().equals(line) || old.get().adopted()) {
                table.updateJob(name, line);
                changed = true;
            }
        } else if (table.find(name, null).isPresent()) {
            table.removeJob(name);
            changed = true;
            if (path != null && table.isEmpty()) {
                return removeFile(ctx, b, path, cronFile, existing);
            }
        }
        if (!changed && !existing.isEmpty() && !existing.endsWith("\n") && !existing.endsWith("\r")) {
            changed = true;
        }
        b.value("jobs", table.jobNames()).value("envs", table.envNames());
        if (cronFile != null) {
            b.value("cron_file", cronFile);
        }
        if (!changed) {
            return b.build();
        }
        String after = table.render();
        b.changed(true).msg((present ? "updated " : "removed ") + (env ? "variable " : "job ") + name + " in " + header);
        if (ctx.diffMode()) {
            b.diff(new FileDiff(header, existing, header, after));
        }
        if (ctx.checkMode()) {
            return b.build();
        }
        if (a.bool("backup") && before.isPresent()) {
            b.value("backup_file", backup(ctx, path, existing));
        }
        if (path != null) {
            ctx.files().write(path, after.getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
        } else {
            writeCrontab(ctx, user, after);
        }
        return b.build();
    }

    private static void validate(ModuleArgs a, String name, String user, String job, boolean present, boolean env, String special,
                                 String cronFile) throws ModuleFailure {
        if (user != null) {
            SingleLine.field("user", user);
        }
        if (cronFile != null) {
            SingleLine.require("cron_file", cronFile);
            if (cronFile.equals("/etc/crontab")) {
                throw new ModuleFailure("Will not manage /etc/crontab via cron_file, see documentation.");
            }
        }
        for (String f : TIME_FIELDS) {
            SingleLine.field(f, a.string(f));
        }
        if (special != null && TIME_FIELDS.stream().anyMatch(f -> !a.string(f).equals("*"))) {
            throw new ModuleFailure("You must specify time and date fields or special time.");
        }
        if (present) {
            if (cronFile != null && user == null) {
                throw new ModuleFailure("To use cron_file=... parameter you must specify user=... as well");
            }
            if (job == null) {
                throw new ModuleFailure("You must specify 'job' to install a new cron job or variable");
            }
            if ((a.has("insertafter") || a.has("insertbefore")) && !env) {
                throw new ModuleFailure("Insertafter and insertbefore parameters are valid only with env=yes");
            }
            SingleLine.require("job", job.replaceAll("^[\r\n]+|[\r\n]+$", ""));
        }
        if (env && (name.contains(" ") || name.contains("="))) {
            throw new ModuleFailure("Invalid name for environment variable");
        }
    }

    /** The job's line: the time fields (or @special), the user for cron files, the command (Ansible's get_cron_job). */
    private static String jobLine(ModuleArgs a, String job, String special, String fileUser) {
        String command = job.replaceAll("^[\r\n]+|[\r\n]+$", "");
        String prefix = a.bool("disabled") ? "#" : "";
        String when = special != null ? "@" + special
                : String.join(" ", TIME_FIELDS.stream().map(a::string).toList());
        return prefix + when + (fileUser != null ? " " + fileUser : "") + " " + command;
    }

    /** The crontab command word: {@code -u USER} only when USER is not who the task runs as (as Ansible). */
    private static String crontab(String user) {
        if (user == null) {
            return "crontab";
        }
        return "jp_u=" + quote(user) + "; if [ \"$(id -un)\" = \"$jp_u\" ]; then set -- crontab; else set -- crontab -u \"$jp_u\"; fi; "
                + "command -v crontab >/dev/null 2>&1 || { echo 'crontab is not installed on the host (cron or cronie package)' >&2; "
                + "exit 127; }; \"$@\"";
    }

    private static String readCrontab(ModuleContext ctx, String user) throws ModuleFailure {
        String cmd = user == null ? "command -v crontab >/dev/null 2>&1 || { echo 'crontab is not installed on the host (cron or "
                + "cronie package)' >&2; exit 127; }; crontab" : crontab(user);
        ExecResult r = ctx.exec("export LC_ALL=C; " + cmd + " -l");
        if (r.exitCode() == 1) {
            return ""; // "no crontab for USER"
        }
        if (!r.ok()) {
            throw new ModuleFailure("Unable to read crontab (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        return r.out();
    }

    private static void writeCrontab(ModuleContext ctx, String user, String text) throws ModuleFailure {
        String cmd = user == null ? "crontab" : crontab(user);
        ExecResult r = ctx.exec("export LC_ALL=C; " + cmd + " -", text.getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new ModuleFailure("crontab - failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
    }

    private static String backup(ModuleContext ctx, String path, String existing) throws ModuleFailure {
        if (path != null) {
            return ctx.files().backup(path);
        }
        ExecResult t = ctx.exec("mktemp \"${TMPDIR:-/tmp}/crontabXXXXXXXX\"");
        if (!t.ok()) {
            throw new ModuleFailure("cannot create a backup file: " + t.errTrimmed());
        }
        String file = t.outTrimmed();
        ctx.files().write(file, existing.getBytes(StandardCharsets.UTF_8), new FileAttributes("0600", null, null));
        return file;
    }

    private static ModuleResult removeFile(ModuleContext ctx, ModuleResult.Builder b, String path, String cronFile, String existing)
            throws ModuleFailure {
        b.changed(true).value("cron_file", cronFile).value("state", "absent").msg("removed " + path + " (no jobs left)");
        if (ctx.diffMode()) {
            b.diff(new FileDiff(path, existing, "/dev/null", ""));
        }
        if (!ctx.checkMode()) {
            ExecResult r = ctx.exec("rm -f -- " + quote(path));
            if (!r.ok()) {
                throw new ModuleFailure("cannot remove " + path + ": " + r.errTrimmed());
            }
        }
        return b.build();
    }
}
