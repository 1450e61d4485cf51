package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.builtin.unarchive: unpacks a zip or tar (gz, bz2, xz or plain) archive into an existing directory
 * with the host's own unzip or tar. The archive is the controller's file (found like copy's src and sent to
 * a private temp directory on the host, removed afterwards) or, with remote_src, one already on the host.
 * As Ansible: {@code creates} skips, the handler is the first that can list the archive (ZipArchive,
 * TgzArchive, then TarArchive, which lets GNU tar recognise bz2 and xz itself), and the archive counts as
 * unarchived when {@code tar --compare} reports no difference that counts (see TarCompare; zip: every file's content is the same as a
 * fresh extraction's and every directory exists); mode/owner/group are then applied to each path in the
 * archive. extra_opts are passed as separate words; ones that would run commands or write elsewhere are refused.
 */
public final class UnarchiveModule implements Module {

    private static final String LIST = "--jplay-list--";
    private static final Set<String> REFUSED_OPTS = Set.of("--to-command", "--use-compress-program", "-I", "--checkpoint-action",
            "--rsh-command", "--rmt-command", "--info-script", "-F", "--new-volume-script", "-C", "--directory", "-f", "--file",
            "-d", "--index-file", "-T", "--files-from", "-X", "--exclude-from");

    private static final ModuleSpec SPEC = FileOptions.attributes(ModuleSpec.builder("unarchive")
            .describe("Unpacks a zip or tar archive (from the controller, or remote_src on the host) into a directory, with the "
                    + "host's unzip or tar; nothing happens when the directory already holds the archive's files.")
            .option(OptionSpec.of("src", OptionType.PATH, "The archive: a controller file (files/ of role and playbook, then as a "
                    + "path), or with remote_src a path on the host.").asRequired())
            .option(OptionSpec.of("dest", OptionType.PATH, "The existing directory to unpack into.").asRequired())
            .option(OptionSpec.of("remote_src", OptionType.BOOL, "src is already on the host.").defaultValue(false))
            .option(OptionSpec.of("copy", OptionType.BOOL, "Old name: copy=false means remote_src=true."))
            .option(OptionSpec.of("creates", OptionType.PATH, "Do nothing when this path exists on the host."))
            .option(OptionSpec.of("list_files", OptionType.BOOL, "Return the archive's paths as files.").defaultValue(false))
            .option(OptionSpec.of("exclude", OptionType.LIST, "Archive paths (patterns) not to unpack.").defaultValue(List.of()))
            .option(OptionSpec.of("extra_opts", OptionType.LIST, "More words for tar or unzip, e.g. ['--strip-components=1'].")
                    .defaultValue(List.of()))
            .option(OptionSpec.of("keep_newer", OptionType.BOOL, "Do not replace files newer than the archive's (tar "
                    + "--keep-newer-files, unzip -u).").defaultValue(false))
            .mutuallyExclusive("copy", "remote_src")).build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String src = a.string("src");
        String dest = a.string("dest");
        boolean remote = a.bool("remote_src") || a.has("copy") && a.raw("copy") != null && !a.bool("copy");
        List<String> excludes = a.stringList("exclude");
        List<String> extra = a.stringList("extra_opts");
        for (String o : extra) {
            String name = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
            if (REFUSED_OPTS.contains(name) || !o.startsWith("-") || o.contains("\n")) {
                throw new ModuleFailure("extra_opts word '" + o + "' is refused: extra_opts take options for tar/unzip, not ones "
                        + "that run commands or read or write other files (" + String.join(", ", REFUSED_OPTS.stream().sorted().toList()) + ")");
            }
        }
        if (src.matches("^[a-z]+://.*")) {
            throw new ModuleFailure("src '" + src + "' is a URL: jplay's unarchive takes a file; fetch it first with get_url");
        }
        String creates = a.string("creates");
        if (creates != null) {
            ExecResult c = ctx.exec("[ -e " + quote(creates) + " ]");
            if (c.ok()) {
                return ModuleResult.ok().skipped().msg("skipped, since " + creates + " exists").build();
            }
        }
        ExecResult d = ctx.exec("if [ -d " + quote(dest) + " ]; then echo dir=yes; fi; command -v tar >/dev/null 2>&1 && echo tar=yes; "
                + "command -v unzip >/dev/null 2>&1 && echo unzip=yes; echo \"euid=$(id -u)\"; true");
        if (!d.out().contains("dir=yes")) {
            throw new ModuleFailure("Destination '" + dest + "' is not a directory");
        }
        String tmp = null;
        try {
            String archive = src;
            if (!remote) {
                Path local = ctx.findFile(src);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(local);
                } catch (IOException e) {
                    throw new ModuleFailure("Source '" + src + "' not readable: " + e.getMessage());
                }
                ExecResult t = ctx.exec("mktemp -d \"${TMPDIR:-/tmp}/jplay-unarchive.XXXXXX\"");
                if (!t.ok()) {
                    throw new ModuleFailure("could not make a temp directory on the host: " + t.errTrimmed());
                }
                tmp = t.outTrimmed();
                archive = tmp + "/" + local.getFileName();
                ctx.files().write(archive, bytes, new FileAttributes("0600", null, null));
            }
            return unpack(ctx, a, src, archive, dest, excludes, extra, d.out());
        } finally {
            if (tmp != null) {
                ctx.exec("rm -rf -- " + quote(tmp));
            }
        }
    }

    private static ModuleResult unpack(ModuleContext ctx, ModuleArgs a, String src, String archive, String dest, List<String> excludes,
                                       List<String> extra, String tools) throws ModuleFailure {
        boolean hasTar = tools.contains("tar=yes");
        boolean hasUnzip = tools.contains("unzip=yes");
        String q = quote(archive);
        String script = "export LANG=C LC_ALL=C; [ -f " + q + " ] || { echo \"Source '" + src.replace("'", "") + "' does not exist\" >&2; exit 2; }; "
                + "[ -s " + q + " ] || { echo \"Invalid archive '" + src.replace("'", "") + "', the file is 0 bytes\" >&2; exit 2; }; "
                + (hasUnzip ? "if jp_l=$(unzip -Z1 " + q + " 2>/dev/null); then echo handler=ZipArchive; echo '" + LIST + "'; printf '%s\\n' \"$jp_l\"; exit 0; fi; " : "")
                + (hasTar ? "if jp_l=$(tar -tzf " + q + " 2>/dev/null); then echo handler=TgzArchive; echo '" + LIST + "'; printf '%s\\n' \"$jp_l\"; exit 0; fi; "
                + "if jp_l=$(tar -tf " + q + " 2>/dev/null); then echo handler=TarArchive; echo '" + LIST + "'; printf '%s\\n' \"$jp_l\"; exit 0; fi; " : "")
                + "echo handler=none";
        ExecResult r = ctx.exec(script);
        if (r.exitCode() == 2) {
            throw new ModuleFailure(r.errTrimmed());
        }
        String handler = r.out().lines().filter(l -> l.startsWith("handler=")).findFirst().orElse("handler=none").substring(8);
        if (handler.equals("none")) {
            List<String> why = new ArrayList<>();
            why.add(hasUnzip ? "ZipArchive: unzip cannot list it" : "ZipArchive: unzip is not installed on the host (unzip package)");
            why.add(hasTar ? "TgzArchive, TarArchive: tar cannot list it" : "TgzArchive, TarArchive: tar is not installed on the host (tar package)");
            throw new ModuleFailure("Failed to find handler for \"" + src + "\". Make sure the required command to extract the file is "
                    + "installed.\n" + String.join("\n", why));
        }
        int at = r.out().indexOf(LIST + "\n");
        List<String> files = new ArrayList<>();
        for (String line : r.out().substring(at + LIST.length() + 1).split("\n")) {
            if (!line.isEmpty() && !excluded(line, excludes)) {
                files.add(line);
            }
        }
        boolean zip = handler.equals("ZipArchive");
        String z = handler.equals("TgzArchive") ? " -z" : "";
        StringBuilder opts = new StringBuilder();
        for (String o : extra) {
            opts.append(' ').append(quote(o));
        }
        StringBuilder ex = new StringBuilder();
        for (String e : excludes) {
            ex.append(' ').append(quote("--exclude=" + e));
        }
        String unzipExcludes = excludes.isEmpty() ? "" : " -x" + excludes.stream().map(e -> " " + quote(e)).reduce("", String::concat);
        String qd = quote(dest);
        // zip has no compare mode: a fresh extraction in a temp directory, each file compared with cmp
        String compare = zip ? "set -e; jp_t=$(mktemp -d); trap 'rm -rf \"$jp_t\"' EXIT; unzip -qq -o" + opts + " " + q + " -d \"$jp_t\"" + unzipExcludes
                    + " >/dev/null 2>&1 || true; cd \"$jp_t\"; jp_d=0; find . -mindepth 1 | sed 's|^\\./||' > \"$jp_t.list\"; "
                    + "while IFS= read -r jp_f; do if [ -d \"$jp_f\" ] && [ ! -L \"$jp_f\" ]; then [ -d " + qd + "/\"$jp_f\" ] || jp_d=1; "
                    + "else cmp -s -- \"$jp_f\" " + qd + "/\"$jp_f\" || jp_d=1; fi; done < \"$jp_t.list\"; rm -f \"$jp_t.list\"; exit $jp_d"
                : "tar --compare -C " + qd + z + ex + opts + " -f " + q + " 2>&1; true";
        ExecResult cmp = ctx.exec("export LANG=C LC_ALL=C; " + compare);
        FileAttributes attrs = FileOptions.wanted(a);
        boolean unarchived = zip ? cmp.ok() : TarCompare.unarchived(cmp.out(), tools.contains("euid=0\n"), attrs.mode() != null,
                attrs.owner() != null, attrs.group() != null);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("handler", handler);
        values.put("dest", dest);
        values.put("src", src);
        boolean changed = !unarchived;
        if (!unarchived && !ctx.checkMode()) {
            String keep = a.bool("keep_newer") ? (zip ? " -u" : " --keep-newer-files") : "";
            String extract = zip ? "unzip -o" + keep + opts + " " + q + unzipExcludes + " -d " + qd
                    : "tar --extract -C " + qd + z + keep + ex + opts + " -f " + q;
            ExecResult x = ctx.exec("export LANG=C LC_ALL=C; " + extract);
            values.put("extract_results", Map.of("cmd", extract, "rc", x.exitCode(), "out", x.out(), "err", x.err()));
            if (!x.ok()) {
                throw new ModuleFailure("failed to unpack " + src + " to " + dest + ": " + x.errTrimmed(), values);
            }
        }
        if (!attrs.isEmpty() && (!ctx.checkMode() || unarchived)) {
            List<String> paths = new ArrayList<>();
            for (String f : files) {
                paths.add(dest + "/" + stripSlash(f));
                int slash = f.indexOf('/');
                String top = slash > 0 ? dest + "/" + f.substring(0, slash) : null;
                if (top != null && !paths.contains(top)) {
                    paths.add(top);
                }
            }
            for (String p : paths.stream().distinct().toList()) {
                changed |= ctx.files().applyAttributes(p, attrs, ctx.checkMode());
            }
        }
        if (a.bool("list_files")) {
            values.put("files", files);
        }
        return ModuleResult.changed(changed).values(values).msg(changed ? (ctx.checkMode() ? "would unpack " : "unpacked ") + src + " into " + dest : "").build();
    }

    private static String stripSlash(String f) {
        return f.endsWith("/") ? f.substring(0, f.length() - 1) : f;
    }

    /** An archive path matched by an exclude pattern (shell glob, as tar and unzip read them). */
    private static boolean excluded(String path, List<String> excludes) {
        for (String e : excludes) {
            String re = java.util.regex.Pattern.quote(e).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (stripSlash(path).matches(re) || stripSlash(path).matches(re + "/.*")) {
                return true;
            }
        }
        return false;
    }
}
