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

import java.nio.charset.StandardCharsets;

/** Ansible's template: renders a Jinja2 file (FreeMarker for .ftl) on the controller and puts the result on the host. */
public final class TemplateModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("template")
                    .describe("Renders a Jinja2 template (.j2, or any name; .ftl files are FreeMarker) with the task's variables and "
                            + "Ansible's template_* variables (ansible_managed, template_path...), and writes the result to a "
                            + "path on the host, only when its SHA-256 differs from the file there. Templates are looked up "
                            + "in the role's, the playbook's and the project's templates/ folders. Returns dest, checksum "
                            + "(SHA-256), size, mode, owner, group, backup_file.")
                    .option(OptionSpec.of("src", OptionType.PATH, "The template's name on the template search path, e.g. "
                            + "'nginx.conf.j2'.").asRequired())
                    .option(OptionSpec.of("dest", OptionType.PATH, "Path on the host. When it is a folder (or ends with "
                            + "'/'), the file goes inside it under src's base name.").asRequired())
                    .option(OptionSpec.of("force", OptionType.BOOL, "Replace the file when its content differs; false only "
                            + "creates a missing file.").defaultValue(true))
                    .option(OptionSpec.of("follow", OptionType.BOOL, "When dest is a symlink, write the file it points to; "
                            + "false replaces the link with a regular file.").defaultValue(false))
                    .option(OptionSpec.of("newline_sequence", OptionType.STR, "Line ending of the written file.")
                            .defaultValue("\\n").choices("\\n", "\\r", "\\r\\n")))))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String src = a.requireString("src");
        String dest = HomePath.expand(ctx, a.requireString("dest"));
        FileAttributes attrs = FileOptions.wanted(a);
        if ("preserve".equals(attrs.mode())) {
            throw new ModuleFailure("mode=preserve is not supported by template; give the mode, e.g. '0644'");
        }
        String validate = FileOptions.validateCommand(a);
        String text = ctx.renderTemplate(src);
        String newline = switch (a.string("newline_sequence")) {
            case "\\r" -> "\r";
            case "\\r\\n" -> "\r\n";
            default -> "\n";
        };
        if (!newline.equals("\n")) {
            text = text.replaceAll("\r\n|\r|\n", newline.equals("\r") ? "\r" : "\r\n");
        }
        return new FileCopy(text.getBytes(StandardCharsets.UTF_8), src, dest, a.bool("force"), a.bool("follow"), attrs,
                a.bool("backup"), validate).run(ctx);
    }
}
