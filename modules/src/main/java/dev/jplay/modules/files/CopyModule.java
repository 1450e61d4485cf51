package dev.jplay.modules.files;

import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Ansible's copy: puts a controller file, a controller folder tree, or inline content on the host. */
public final class CopyModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("copy")
                    .describe("Copies a file or a folder tree from the controller, or inline content, to a path on the host. "
                            + "A file is replaced (atomically) only when its SHA-256 differs; mode/owner/group are fixed "
                            + "when they differ. Returns dest, checksum (SHA-256), size, mode, owner, group, backup_file.")
                    .option(OptionSpec.of("src", OptionType.PATH, "File or folder on the controller, looked up in the role's "
                            + "and playbook's files/ folders, then as a path. A folder is copied recursively: 'dir' copies the "
                            + "folder itself into dest, 'dir/' copies what is inside it."))
                    .option(OptionSpec.of("content", OptionType.STR, "The file's content, given inline instead of src.")
                            .asSecret())
                    .option(OptionSpec.of("dest", OptionType.PATH, "Path on the host. When it is a folder (or ends with "
                            + "'/'), the file goes inside it under src's base name; a dest ending with '/' is created.")
                            .asRequired())
                    .option(OptionSpec.of("force", OptionType.BOOL, "Replace the file when its content differs; false only "
                            + "creates a missing file and leaves an existing one alone.").defaultValue(true))
                    .option(OptionSpec.of("follow", OptionType.BOOL, "When dest is a symlink, write the file it points to; "
                            + "false replaces the link with a regular file.").defaultValue(false))
                    .option(OptionSpec.of("directory_mode", OptionType.MODE, "Mode of the folders a recursive copy creates "
                            + "(existing folders are left as they are). Unset: the umask default.")))))
            .mutuallyExclusive("src", "content")
            .requiredOneOf("src", "content")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String dest = HomePath.expand(ctx, a.requireString("dest"));
        FileAttributes attrs = FileOptions.wanted(a);
        String validate = FileOptions.validateCommand(a);
        if (a.has("content")) {
            if ("preserve".equals(attrs.mode())) {
                throw new ModuleFailure("mode=preserve needs src (there is no source file to take the mode from)");
            }
            byte[] content = a.string("content").getBytes(StandardCharsets.UTF_8);
            return new FileCopy(content, null, dest, a.bool("force"), a.bool("follow"), attrs, a.bool("backup"), validate).run(ctx);
        }
        String src = a.requireString("src");
        Path local = ctx.findFile(src);
        if (Files.isDirectory(local)) {
            return new TreeCopy(local, src, dest, a.bool("force"), a.bool("follow"), attrs,
                    dev.jplay.engine.host.FileMode.normalize(a.string("directory_mode")), a.bool("backup")).run(ctx);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new ModuleFailure("cannot read " + local + " on the controller: " + e.getMessage());
        }
        if ("preserve".equals(attrs.mode())) {
            attrs = new FileAttributes(localMode(local), attrs.owner(), attrs.group());
        }
        return new FileCopy(content, src, dest, a.bool("force"), a.bool("follow"), attrs, a.bool("backup"), validate).run(ctx);
    }

    /** The controller file's permission bits as four octal digits, for mode=preserve. */
    static String localMode(Path file) throws ModuleFailure {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            int m = 0;
            for (PosixFilePermission p : perms) {
                m |= 1 << (8 - p.ordinal());
            }
            return String.format("%04o", m);
        } catch (IOException | UnsupportedOperationException e) {
            throw new ModuleFailure("mode=preserve: cannot read the mode of " + file + ": " + e.getMessage());
        }
    }
}
