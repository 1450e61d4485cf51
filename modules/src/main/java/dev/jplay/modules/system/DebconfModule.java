package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.builtin.debconf: one debconf answer of a package, read with {@code debconf-show PKG} and set by
 * feeding {@code "PKG QUESTION VTYPE VALUE"} to {@code debconf-set-selections} on stdin (so the value is
 * never on a command line). Decisions are Ansible's: a question not shown yet, or a different value
 * (booleans compared lower-cased), is a change. debconf-show never shows a password, so a password
 * question is a change every time, as in Ansible; its value is masked in msg, current, previous and diff.
 */
public final class DebconfModule implements Module {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+:/-]*");
    static final String MASK = "********";

    private static final ModuleSpec SPEC = ModuleSpec.builder("debconf")
            .describe("Sets a debconf answer of a package (debconf-set-selections), the way a package's install would ask it.")
            .option(OptionSpec.of("name", OptionType.STR, "The package whose answers these are.").asRequired().aliases("pkg"))
            .option(OptionSpec.of("question", OptionType.STR, "The question, e.g. tzdata/Areas.").aliases("selection", "setting"))
            .option(OptionSpec.of("vtype", OptionType.STR, "The question's type.").choices("boolean", "error", "multiselect", "note",
                    "password", "seen", "select", "string", "text", "title"))
            .option(OptionSpec.of("value", OptionType.STR, "The answer (masked for vtype=password).").aliases("answer"))
            .option(OptionSpec.of("unseen", OptionType.BOOL, "Do not mark the question as seen (debconf-set-selections -u).")
                    .defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String pkg = a.string("name");
        String question = a.string("question");
        String vtype = a.string("vtype");
        String value = a.string("value");
        boolean given = question != null || vtype != null || value != null;
        if (given && (question == null || vtype == null || value == null)) {
            throw new ModuleFailure("parameters are required together: question, vtype, value");
        }
        if (!WORD.matcher(pkg).matches()) {
            throw new ModuleFailure("name '" + pkg + "' is not a package name");
        }
        if (question != null && !WORD.matcher(question).matches()) {
            throw new ModuleFailure("question '" + question + "' is not a debconf question name (no blanks)");
        }
        boolean secret = "password".equals(vtype);
        if (value != null && (value.contains("\n") || value.contains("\r") || value.indexOf('\0') >= 0)) {
            throw new ModuleFailure("value of " + question + " must be one line (debconf-set-selections reads one answer a line)");
        }
        ExecResult r = ctx.exec("export LANG=C LC_ALL=C; command -v debconf-show >/dev/null 2>&1 || { echo "
                + "'debconf-show is not installed on the host (debconf package)' >&2; exit 127; }; debconf-show " + quote(pkg));
        if (!r.ok()) {
            throw new ModuleFailure(r.errTrimmed().isEmpty() ? "debconf-show " + pkg + " failed (rc " + r.exitCode() + ")" : r.errTrimmed());
        }
        Map<String, String> prev = selections(r.out());
        if (question == null) {
            return ModuleResult.ok().value("current", prev).build();
        }
        if ("boolean".equals(vtype)) {
            value = value.toLowerCase(java.util.Locale.ROOT);
        }
        String existing = prev.get(question);
        boolean changed = existing == null || !value.equals("boolean".equals(vtype) ? existing.toLowerCase(java.util.Locale.ROOT) : existing);
        if (!changed) {
            return ModuleResult.ok().value("current", prev).build();
        }
        String shown = secret ? MASK : value;
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put(question, existing == null ? "" : existing);
        Map<String, Object> current = Map.of(question, shown);
        ModuleResult.Builder b = ModuleResult.changed(true).value("current", current).value("previous", previous)
                .msg("set " + pkg + " " + question + " (" + vtype + ")");
        if (ctx.diffMode()) {
            b.diff(new FileDiff("before", question + ": " + (existing == null ? "" : existing) + "\n", "after", question + ": " + shown + "\n"));
        }
        if (ctx.checkMode()) {
            return b.build();
        }
        byte[] line = (pkg + " " + question + " " + vtype + " " + value + "\n").getBytes(StandardCharsets.UTF_8);
        ExecResult s = ctx.exec("command -v debconf-set-selections >/dev/null 2>&1 || { echo 'debconf-set-selections is not installed "
                + "on the host (debconf package)' >&2; exit 127; }; debconf-set-selections" + (a.bool("unseen") ? " -u" : ""), line);
        if (!s.ok()) {
            String err = s.errTrimmed();
            throw new ModuleFailure(secret ? err.replace(value, MASK) : err);
        }
        return b.build();
    }

    /** debconf-show lines "* question: value" (the star: seen), as Ansible splits them. */
    static Map<String, String> selections(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            while (key.startsWith("*")) {
                key = key.substring(1);
            }
            m.put(key.strip(), line.substring(colon + 1).strip());
        }
        return m;
    }
}
