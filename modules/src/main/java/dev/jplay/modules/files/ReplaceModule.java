package dev.jplay.modules.files;

import dev.jplay.engine.regex.PythonRegex;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * Ansible's replace: every match of a regexp (Python syntax, re.MULTILINE) in a file, or in the
 * part of it between {@code after} and {@code before}, replaced by a template with backreferences,
 * as Python's {@code re.subn} does. The file is read in the probe round trip and written only when
 * the text changed.
 */
public final class ReplaceModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("replace")
                    .describe("Replaces all matches of a regular expression (Python syntax, multiline: ^ and $ match at "
                            + "each line) in a file, optionally only in the section after/before other expressions. "
                            + "Returns msg ('N replacements made') and backup_file.")
                    .option(OptionSpec.of("path", OptionType.PATH, "The file to edit (a symlink is followed to its real file).")
                            .asRequired().aliases("dest", "destfile", "name"))
                    .option(OptionSpec.of("regexp", OptionType.STR, "The regular expression to look for.").asRequired())
                    .option(OptionSpec.of("replace", OptionType.STR, "What each match becomes; \\1, \\g<1>, \\g<name> insert "
                            + "groups. Empty: matches are removed.").defaultValue(""))
                    .option(OptionSpec.of("after", OptionType.STR, "Only replace after the first match of this expression "
                            + "(dot matches newline)."))
                    .option(OptionSpec.of("before", OptionType.STR, "Only replace before the last match of this expression "
                            + "(with after: before the first match following after)."))
                    .option(OptionSpec.of("encoding", OptionType.STR, "The file's character encoding.").defaultValue("utf-8")))))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String path = HomePath.expand(ctx, HostArgument.checked("path", a.requireString("path")));
        String encoding = a.string("encoding").toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (!encoding.equals("utf-8") && !encoding.equals("utf8")) {
            throw new ModuleFailure("replace edits UTF-8 files only; encoding '" + a.string("encoding") + "' is not supported");
        }
        FileAttributes attrs = FileOptions.wanted(a);
        String validate = FileOptions.validateCommand(a);
        String after = a.string("after");
        String before = a.string("before");

        EditedFile file = EditedFile.load(ctx, path, attrs);
        if (!file.exists()) {
            throw new ModuleFailure("Path " + path + " does not exist !", Map.of("rc", 257));
        }
        String contents = file.text();
        int from = 0;
        int to = contents.length();
        String sectionPattern = sectionPattern(after, before);
        if (sectionPattern != null) {
            PythonRegex section = RegexOption.compile(sectionPattern, after != null ? "after" : "before", PythonRegex.DOTALL);
            Matcher m = section.matcher(contents);
            if (!m.find()) {
                return ModuleResult.ok().value("rc", 0)
                        .msg("Pattern for before/after params did not match the given file: " + sectionPattern).build();
            }
            from = m.start(section.javaGroupName("subsection"));
            to = m.end(section.javaGroupName("subsection"));
        }
        PythonRegex regexp = RegexOption.compile(a.string("regexp"), "regexp", PythonRegex.MULTILINE);
        String section = contents.substring(from, to);
        Matcher m = regexp.matcher(section);
        StringBuilder out = new StringBuilder();
        int count = 0;
        int last = 0;
        String template = a.string("replace");
        while (m.find()) {
            try {
                out.append(section, last, m.start()).append(regexp.expand(m, template));
            } catch (PythonRegex.Invalid e) {
                throw new ModuleFailure("option 'replace' has a " + e.getMessage());
            }
            last = m.end();
            count++;
        }
        out.append(section.substring(last));
        boolean changed = count > 0 && !out.toString().equals(section);
        String result = changed ? contents.substring(0, from) + out + contents.substring(to) : contents;

        FileContentWriter.Outcome o = file.save(ctx, result, changed, attrs, a.bool("backup"), validate);
        ModuleResult.Builder res = ModuleResult.changed(o.changed())
                .msg(EditedFile.withAttributes(changed ? count + " replacements made" : "", o))
                .value("rc", 0);
        if (o.backupFile() != null) {
            res.value("backup_file", o.backupFile());
        }
        o.diffs().forEach(res::diff);
        return res.build();
    }

    /** Ansible's section expression around the subsection group, or null for the whole file. */
    private static String sectionPattern(String after, String before) {
        boolean hasAfter = after != null && !after.isEmpty();
        boolean hasBefore = before != null && !before.isEmpty();
        if (hasAfter && hasBefore) {
            return after + "(?P<subsection>.*?)" + before;
        }
        if (hasAfter) {
            return after + "(?P<subsection>.*)";
        }
        return hasBefore ? "(?P<subsection>.*)" + before : null;
    }
}
