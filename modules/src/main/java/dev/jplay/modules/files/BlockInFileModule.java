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

/** Ansible's blockinfile: keeps a block of lines between two marker lines in a text file. */
public final class BlockInFileModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("blockinfile")
                    .describe("Inserts, updates or removes a block of lines surrounded by marker lines in a text file. The "
                            + "file is read once, edited in memory with Ansible's rules, and written (atomically) only when "
                            + "it changed. Use a different marker per block when a file holds several. Returns msg, "
                            + "backup_file.")
                    .option(OptionSpec.of("path", OptionType.PATH, "The file to edit (a symlink is followed to its real file).")
                            .asRequired().aliases("dest", "destfile", "name"))
                    .option(OptionSpec.of("state", OptionType.STR, "Whether the block should be there or not.")
                            .defaultValue("present").choices("present", "absent"))
                    .option(OptionSpec.of("marker", OptionType.STR, "The marker line template; {mark} becomes marker_begin "
                            + "or marker_end. Without {mark} the block is inserted again on every run.")
                            .defaultValue("# {mark} ANSIBLE MANAGED BLOCK"))
                    .option(OptionSpec.of("block", OptionType.STR, "The text between the markers; empty removes the block.")
                            .defaultValue("").aliases("content"))
                    .option(OptionSpec.of("insertafter", OptionType.STR, "When the markers are not found: insert after the "
                            + "last line matching this regexp (Python syntax; (?m) searches the whole file), or at EOF. "
                            + "Default EOF."))
                    .option(OptionSpec.of("insertbefore", OptionType.STR, "When the markers are not found: insert before the "
                            + "last line matching this regexp, or at BOF."))
                    .option(OptionSpec.of("create", OptionType.BOOL, "Create the file (and its folder) when it does not exist.")
                            .defaultValue(false))
                    .option(OptionSpec.of("marker_begin", OptionType.STR, "Replaces {mark} in the opening marker.")
                            .defaultValue("BEGIN"))
                    .option(OptionSpec.of("marker_end", OptionType.STR, "Replaces {mark} in the closing marker.")
                            .defaultValue("END")))))
            .mutuallyExclusive("insertbefore", "insertafter")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String path = HomePath.expand(ctx, a.requireString("path"));
        boolean present = "present".equals(a.string("state"));
        FileAttributes attrs = FileOptions.wanted(a);
        String validate = FileOptions.validateCommand(a);
        String after = a.string("insertafter");
        String before = a.string("insertbefore");
        if (after == null && before == null) {
            after = "EOF";
        }
        PythonRegex insertRe = null;
        if (after != null && !after.equals("EOF")) {
            insertRe = RegexOption.compile(after, "insertafter");
        } else if (before != null && !before.equals("BOF")) {
            insertRe = RegexOption.compile(before, "insertbefore");
        }

        EditedFile file = EditedFile.load(ctx, path, attrs);
        if (!file.exists()) {
            if (!a.bool("create") && present) {
                throw new ModuleFailure("Path " + path + " does not exist ! (create: true creates it)", Map.of("rc", 257));
            }
            if (!present) {
                return ModuleResult.ok().msg("File " + path + " not present").build();
            }
        }
        BlockInFileEdit.Result edit = BlockInFileEdit.edit(file.text(), present, a.string("block"), a.string("marker"),
                a.string("marker_begin"), a.string("marker_end"), insertRe, after, before);

        FileContentWriter.Outcome out = file.save(ctx, edit.content(), edit.changed(), attrs, a.bool("backup"), validate);
        ModuleResult.Builder res = ModuleResult.changed(out.changed()).msg(EditedFile.withAttributes(edit.msg(), out));
        if (out.backupFile() != null) {
            res.value("backup_file", out.backupFile());
        }
        out.diffs().forEach(res::diff);
        return res.build();
    }
}
