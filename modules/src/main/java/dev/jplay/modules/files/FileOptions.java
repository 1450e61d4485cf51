package dev.jplay.modules.files;

import dev.jplay.engine.host.FileMode;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/** The options every file module shares, declared once, with Ansible's names and meaning. */
final class FileOptions {
    private FileOptions() {
    }

    /** mode, owner, group. */
    static ModuleSpec.Builder attributes(ModuleSpec.Builder b) {
        return b.option(OptionSpec.of("mode", OptionType.MODE, "Permissions the file ends with: octal ('0644'; quote it in "
                        + "YAML, or a bare 644 is read as octal digits) or symbolic ('u=rw,g=r,o=r', 'u+x'). Unset: an existing "
                        + "file keeps its mode, a new one gets the umask default."))
                .option(OptionSpec.of("owner", OptionType.STR, "User name or uid that should own the file (needs become to "
                        + "give a file away). Unset: kept, or the connecting/become user for a new file."))
                .option(OptionSpec.of("group", OptionType.STR, "Group name or gid that should own the file. Unset: kept, or "
                        + "the user's primary group for a new file."));
    }

    static ModuleSpec.Builder backup(ModuleSpec.Builder b) {
        return b.option(OptionSpec.of("backup", OptionType.BOOL, "Before changing the file, copy it to "
                + "'<path>.<timestamp>~' beside it (the copy's path is returned as backup_file).").defaultValue(false));
    }

    static ModuleSpec.Builder validate(ModuleSpec.Builder b) {
        return b.option(OptionSpec.of("validate", OptionType.STR, "Command that checks the new file before it replaces the "
                + "old one; '%s' stands for the temporary file (e.g. 'visudo -cf %s', 'sshd -t -f %s'). It runs with sh on "
                + "the host; a non-zero exit fails the task and leaves the old file in place."));
    }

    /** The wanted attributes; modes as normalised text (octal or symbolic). */
    static FileAttributes wanted(ModuleArgs a) {
        return new FileAttributes(FileMode.normalize(a.string("mode")), blankToNull(a.string("owner")),
                blankToNull(a.string("group")));
    }

    /** Checks a validate command has its %s, as Ansible does. */
    static String validateCommand(ModuleArgs a) throws ModuleFailure {
        String v = a.string("validate");
        if (v != null && !v.contains("%s")) {
            throw new ModuleFailure("validate must contain %s (where the temporary file goes): " + v);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
