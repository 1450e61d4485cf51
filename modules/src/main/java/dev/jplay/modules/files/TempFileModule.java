package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's tempfile: a new, uniquely named file (mode 0600) or folder (0700) made by {@code mktemp}
 * on the host, and its stat, in one round trip. Always changed, as a new name every run is its
 * point; skipped in check mode, as Ansible's is.
 */
public final class TempFileModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("tempfile")
            .describe("Creates a temporary file or folder on the host with a random name (mktemp) and returns its "
                    + "path, with mode, owner, group, uid, gid, size and state. Always changed; not run in check mode. "
                    + "Remove it with file state=absent when done.")
            .option(OptionSpec.of("state", OptionType.STR, "A file or a folder.").defaultValue("file")
                    .choices("file", "directory"))
            .option(OptionSpec.of("path", OptionType.PATH, "The folder to create it in; default $TMPDIR or /tmp on the host."))
            .option(OptionSpec.of("prefix", OptionType.STR, "Start of the name.").defaultValue("ansible."))
            .option(OptionSpec.of("suffix", OptionType.STR, "End of the name (needs GNU mktemp on the host when not empty).")
                    .defaultValue(""))
            .noCheckMode()
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String prefix = HostArgument.checked("prefix", a.string("prefix"));
        String suffix = HostArgument.checked("suffix", a.string("suffix"));
        if (prefix.contains("/") || suffix.contains("/")) {
            throw new ModuleFailure("prefix and suffix must not contain '/'; put the folder in path");
        }
        String dir = a.has("path") ? quote(HomePath.expand(ctx, HostArgument.checked("path", a.string("path"))))
                : "\"${TMPDIR:-/tmp}\"";
        boolean directory = "directory".equals(a.string("state"));
        String script = "jp_t=$(mktemp " + (directory ? "-d " : "") + "-p " + dir
                + (suffix.isEmpty() ? "" : " --suffix=" + quote(suffix)) + " -- " + quote(prefix + "XXXXXXXX") + ") || exit 1\n"
                + "stat -c '%a\n%u\n%U\n%g\n%G\n%s' -- \"$jp_t\" && printf '%s' \"$jp_t\"";
        ExecResult r = ctx.exec(script);
        // the path last: a folder given in path may hold newlines, the six numbers and names cannot
        String[] f = r.out().split("\n", 7);
        if (!r.ok() || f.length < 7) {
            throw new ModuleFailure("cannot create a temporary " + (directory ? "folder" : "file") + ": " + r.errTrimmed(),
                    Map.of("rc", r.exitCode()));
        }
        return ModuleResult.changed(true)
                .value("path", f[6])
                .value("state", directory ? "directory" : "file")
                .value("mode", String.format("%04o", Integer.parseInt(f[0], 8)))
                .value("uid", Long.parseLong(f[1]))
                .value("owner", f[2])
                .value("gid", Long.parseLong(f[3]))
                .value("group", f[4])
                .value("size", Long.parseLong(f[5]))
                .build();
    }
}
