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

import java.util.List;
import java.util.Map;

/** Ansible's lineinfile: makes sure one line is in a text file (or is not), computed exactly as Ansible does. */
public final class LineInFileModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("lineinfile")
                    .describe("Ensures a line is present in a text file (replacing the line a regexp or search_string "
                            + "finds, or inserting it) or absent. The file is read once, edited in memory with Ansible's "
                            + "rules, and written (atomically) only when it changed. Regexps are Python's syntax. Returns "
                            + "msg, backup, found (state=absent).")
                    .option(OptionSpec.of("path", OptionType.PATH, "The file to edit (a symlink is followed to its real file).")
                            .asRequired().aliases("dest", "destfile", "name"))
                    .option(OptionSpec.of("state", OptionType.STR, "Whether the line should be there or not.")
                            .defaultValue("present").choices("present", "absent"))
                    .option(OptionSpec.of("regexp", OptionType.STR, "Regular expression (Python syntax) searched in every "
                            + "line: present replaces the last matching line (the first with firstmatch); absent removes "
                            + "all matching lines.").aliases("regex"))
                    .option(OptionSpec.of("search_string", OptionType.STR, "Literal text searched in every line, used like "
                            + "regexp."))
                    .option(OptionSpec.of("line", OptionType.STR, "The line to insert or replace with (state=present); "
                            + "with backrefs, \\1 or \\g<name> are filled from regexp's groups.").aliases("value"))
                    .option(OptionSpec.of("insertafter", OptionType.STR, "When nothing matches: insert after the last line "
                            + "matching this regexp, or at EOF. Default EOF."))
                    .option(OptionSpec.of("insertbefore", OptionType.STR, "When nothing matches: insert before the last line "
                            + "matching this regexp, or at BOF."))
                    .option(OptionSpec.of("backrefs", OptionType.BOOL, "Expand backreferences in line from regexp's match; "
                            + "when regexp matches no line, the file is left unchanged.").defaultValue(false))
                    .option(OptionSpec.of("create", OptionType.BOOL, "Create the file (and its folder) when it does not exist; "
                            + "else a missing file fails the task.").defaultValue(false))
                    .option(OptionSpec.of("firstmatch", OptionType.BOOL, "Use the first matching line for regexp/"
                            + "insertafter/insertbefore instead of the last.").defaultValue(false)))))
            .mutuallyExclusive("insertbefore", "insertafter")
            .mutuallyExclusive("regexp", "search_string")
            .mutuallyExclusive("backrefs", "search_string")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String path = HomePath.expand(ctx, a.requireString("path"));
        String regexpText = a.string("regexp");
        String searchString = a.string("search_string");
        String line = a.string("line");
        boolean present = "present".equals(a.string("state"));
        FileAttributes attrs = FileOptions.wanted(a);
        String validate = FileOptions.validateCommand(a);

        String warning = null;
        if ("".equals(regexpText) || "".equals(searchString)) {
            boolean re = "".equals(regexpText);
            warning = "The " + (re ? "regular expression" : "search string") + " is an empty string, which will match every "
                    + "line in the file. This may have unintended consequences, such as replacing the last line in the file "
                    + "rather than appending." + (re ? " If this is desired, use '^' to match every line in the file and "
                    + "avoid this warning." : "");
        }
        if (present) {
            if (a.bool("backrefs") && regexpText == null) {
                throw new ModuleFailure("regexp is required with backrefs=true");
            }
            if (line == null) {
                throw new ModuleFailure("line is required with state=present");
            }
        } else if (regexpText == null && searchString == null && line == null) {
            throw new ModuleFailure("one of line, search_string, or regexp is required with state=absent");
        }
        PythonRegex regexp = regexpText == null ? null : RegexOption.compile(regexpText, "regexp");

        EditedFile file = EditedFile.load(ctx, path, attrs);
        if (!file.exists()) {
            if (!present) {
                return ModuleResult.ok().msg("file not present").value("found", 0).build();
            }
            if (!a.bool("create")) {
                throw new ModuleFailure("Destination " + path + " does not exist ! (create: true creates it)",
                        Map.of("rc", 257));
            }
        }
        List<String> lines = LineInFileEdit.readlines(file.exists() ? file.text() : "");
        LineInFileEdit.Result edit;
        if (present) {
            String after = a.string("insertafter");
            String before = a.string("insertbefore");
            if (after == null && before == null) {
                after = "EOF";
            }
            edit = LineInFileEdit.present(lines, regexp, searchString, line, after, before, a.bool("backrefs"),
                    a.bool("firstmatch"));
        } else {
            edit = LineInFileEdit.absent(lines, regexp, searchString, line);
        }

        FileContentWriter.Outcome out = file.save(ctx, edit.text(), edit.changed(), attrs, a.bool("backup"), validate);
        ModuleResult.Builder res = ModuleResult.changed(out.changed())
                .msg(EditedFile.withAttributes(edit.msg(), out))
                .value("backup", out.backupFile() == null ? "" : out.backupFile());
        if (!present) {
            res.value("found", edit.found());
        }
        if (warning != null) {
            res.warn(warning);
        }
        out.diffs().forEach(res::diff);
        return res.build();
    }
}
