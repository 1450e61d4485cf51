package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The file module's modification_time / access_time: {@code preserve} (leave it), {@code now}, or a
 * time in the given strftime format, read in the host's time zone (the probe asks the host's
 * {@code date} for the epoch). Defaults as Ansible: {@code now} for touch, {@code preserve} otherwise,
 * so {@code state: touch} with both set to {@code preserve} is idempotent.
 */
record Timestamps(String mtime, String atime, String mtimeLocal, String atimeLocal) {

    static final String PRESERVE = "preserve";
    static final String NOW = "now";

    static Timestamps of(ModuleArgs a, String state) throws ModuleFailure {
        String def = "touch".equals(state) ? NOW : PRESERVE;
        String m = a.string("modification_time") == null ? def : a.string("modification_time");
        String at = a.string("access_time") == null ? def : a.string("access_time");
        return new Timestamps(m, at, local(m, a.string("modification_time_format"), "modification_time"),
                local(at, a.string("access_time_format"), "access_time"));
    }

    /** An explicit time as "yyyy-MM-dd HH:mm:ss" for the host's date -d, or null for preserve/now. */
    private static String local(String value, String format, String option) throws ModuleFailure {
        if (value.equals(PRESERVE) || value.equals(NOW)) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(value, strftime(format == null ? "%Y%m%d%H%M.%S" : format));
            return t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ModuleFailure("Error while obtaining timestamp for time " + value + " using format " + format
                    + ": expected 'preserve', 'now' or a time in that format");
        }
    }

    /** A strftime format as a java.time formatter (the directives Ansible users write for timestamps). */
    static DateTimeFormatter strftime(String f) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                b.appendLiteral(c);
                continue;
            }
            char d = f.charAt(++i);
            switch (d) {
                case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
                case 'y' -> b.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
                case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                case 'b' -> b.appendPattern("MMM");
                case '%' -> b.appendLiteral('%');
                default -> throw new IllegalArgumentException("unsupported strftime directive %" + d);
            }
        }
        return b.parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter(java.util.Locale.ROOT);
    }

    boolean preserveBoth() {
        return mtime.equals(PRESERVE) && atime.equals(PRESERVE);
    }

    /** Adds the host-side conversion of explicit times to epoch seconds. */
    FileProbe probe(FileProbe p) {
        if (mtimeLocal != null) {
            p.value("time.m", "date -d " + quote(mtimeLocal) + " +%s");
        }
        if (atimeLocal != null) {
            p.value("time.a", "date -d " + quote(atimeLocal) + " +%s");
        }
        return p;
    }

    /** The touch commands that bring {@code current}'s times to what is wanted (empty when nothing to do). */
    List<String> commands(PathState current, ProbeResult probe, boolean noDeref) throws ModuleFailure {
        List<String> cmds = new ArrayList<>();
        String h = noDeref ? "-h " : "";
        String q = quote(current.path());
        if (mtime.equals(NOW) && atime.equals(NOW)) {
            cmds.add("touch -c " + h + "-- " + q);
            return cmds;
        }
        addOne(cmds, "-m", mtime, mtimeLocal == null ? null : epoch(probe, "time.m", mtime), current.mtime(), h, q);
        addOne(cmds, "-a", atime, atimeLocal == null ? null : epoch(probe, "time.a", atime), current.atime(), h, q);
        return cmds;
    }

    private static void addOne(List<String> cmds, String flag, String wanted, Long epoch, long current, String h, String q) {
        if (wanted.equals(NOW)) {
            cmds.add("touch -c " + flag + " " + h + "-- " + q);
        } else if (epoch != null && epoch != current) {
            cmds.add("touch -c " + flag + " " + h + "-d @" + epoch + " -- " + q);
        }
    }

    private static Long epoch(ProbeResult probe, String key, String value) throws ModuleFailure {
        String s = probe.value(key).trim();
        if (!s.matches("-?\\d+")) {
            throw new ModuleFailure("the host's date could not read the time " + value + " (GNU date -d is needed)");
        }
        return Long.parseLong(s);
    }
}
