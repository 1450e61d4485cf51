package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code getent}: runs {@code getent DATABASE [KEY]} and sets the fact
 * {@code getent_DATABASE}: each line's first field maps to the other fields (a key seen twice maps to
 * a list of them), as Ansible does. Never changes anything.
 */
public final class GetentModule implements Module {

    private static final Set<String> COLON = Set.of("passwd", "shadow", "group", "gshadow");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]+");
    private static final ModuleSpec SPEC = ModuleSpec.builder("getent")
            .describe("Reads a name service database (passwd, group, hosts, services...) with getent; sets getent_<database>.")
            .option(OptionSpec.of("database", OptionType.STR, "The database, e.g. passwd, group, hosts, services.").asRequired())
            .option(OptionSpec.of("key", OptionType.STR, "The key to look up (default: all entries, where the database "
                    + "can be enumerated)."))
            .option(OptionSpec.of("service", OptionType.STR, "Override the NSS service (getent -s)."))
            .option(OptionSpec.of("split", OptionType.STR, "The field separator (default ':' for passwd, shadow, group, gshadow; "
                    + "blanks otherwise)."))
            .option(OptionSpec.of("fail_key", OptionType.BOOL, "Fail when the key is not found (else the fact maps it to null).")
                    .defaultValue(true))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String database = a.string("database");
        if (!DATABASE.matcher(database).matches()) {
            throw new ModuleFailure("database '" + database + "' is not a database name (letters, digits, _)");
        }
        String key = a.string("key");
        String split = a.has("split") ? a.string("split") : COLON.contains(database) ? ":" : null;
        StringBuilder cmd = new StringBuilder("command -v getent >/dev/null 2>&1 || { echo 'getent is not installed on the host' >&2; "
                + "exit 127; }; getent");
        if (a.has("service")) {
            cmd.append(" -s ").append(quote(a.string("service")));
        }
        cmd.append(" -- ").append(database);
        if (key != null) {
            cmd.append(' ').append(quote(key));
        }
        ExecResult r = ctx.exec(cmd.toString());
        String tree = "getent_" + database;
        Map<String, Object> entries = new LinkedHashMap<>();
        switch (r.exitCode()) {
            case 0 -> {
                parse(r.out(), split, entries);
                return facts(tree, entries, "");
            }
            case 1 -> throw new ModuleFailure("Missing arguments, or database unknown.");
            case 2 -> {
                String msg = "One or more supplied key could not be found in the database.";
                if (!a.bool("fail_key")) {
                    entries.put(key, null);
                    return facts(tree, entries, msg);
                }
                throw new ModuleFailure(msg);
            }
            case 3 -> throw new ModuleFailure("Enumeration not supported on this database.");
            default -> throw new ModuleFailure(r.exitCode() == 127 ? r.errTrimmed() : "Unexpected failure! (rc " + r.exitCode() + ": "
                    + r.errTrimmed() + ")");
        }
    }

    private static ModuleResult facts(String tree, Map<String, Object> entries, String msg) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(tree, entries);
        return ModuleResult.ok().fact(tree, entries).value("ansible_facts", facts).msg(msg).build();
    }

    /** Each line's first field maps to the rest; a repeated key to a list of them (Python's str.split, as Ansible). */
    @SuppressWarnings("unchecked")
    static void parse(String out, String split, Map<String, Object> entries) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> lines = new ArrayList<>(Arrays.asList(out.split("\r\n|\n|\r", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (String line : lines) {
            List<String> record = split == null ? Arrays.asList(line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+"))
                    : Arrays.asList(line.split(Pattern.quote(split), -1));
            if (record.isEmpty()) {
                record = List.of("");
            }
            String k = record.get(0);
            List<String> rest = new ArrayList<>(record.subList(1, record.size()));
            Integer n = seen.get(k);
            if (n == null) {
                entries.put(k, rest);
                seen.put(k, 1);
            } else {
                if (n == 1) {
                    List<Object> many = new ArrayList<>();
                    many.add(entries.get(k));
                    entries.put(k, many);
                }
                ((List<Object>) entries.get(k)).add(rest);
                seen.put(k, n + 1);
            }
        }
    }
}
