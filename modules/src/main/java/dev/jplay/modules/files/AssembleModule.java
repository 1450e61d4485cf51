package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.regex.PythonRegex;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's assemble: the regular files of a folder (on the host, or on the controller with
 * remote_src=false), in name order, joined as Ansible joins them (a newline after a fragment that
 * lacks one, the delimiter between fragments), then put at dest like copy's content: written
 * atomically only when it differs, with backup, validate, check and diff mode. The host's fragments
 * come in one round trip (names and contents base64, so any name or byte is safe).
 */
public final class AssembleModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.validate(FileOptions.backup(FileOptions.attributes(
            ModuleSpec.builder("assemble")
                    .describe("Builds dest from the files of the src folder, sorted by name (optionally only names matching "
                            + "regexp, a delimiter between them). Returns src, dest, checksum (SHA-1), md5sum, msg.")
                    .option(OptionSpec.of("src", OptionType.PATH, "The folder of fragments: on the host, or with "
                            + "remote_src=false on the controller (the role's or playbook's files/, or a path).").asRequired())
                    .option(OptionSpec.of("dest", OptionType.PATH, "The file to build on the host.").asRequired())
                    .option(OptionSpec.of("remote_src", OptionType.BOOL, "src is on the host (false: on the controller).")
                            .defaultValue(true))
                    .option(OptionSpec.of("delimiter", OptionType.STR, "Text put between fragments (escapes like \\n "
                            + "decoded; a newline added after it when it has none)."))
                    .option(OptionSpec.of("regexp", OptionType.STR, "Only fragments whose name this Python regexp finds."))
                    .option(OptionSpec.of("ignore_hidden", OptionType.BOOL, "Leave out names starting with a dot.")
                            .defaultValue(false)))))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String src = HostArgument.checked("src", a.requireString("src"));
        String dest = HomePath.expand(ctx, HostArgument.checked("dest", a.requireString("dest")));
        PythonRegex regexp = null;
        if (a.has("regexp")) {
            try {
                regexp = PythonRegex.compile(a.string("regexp"), 0);
            } catch (PythonRegex.Invalid e) {
                throw new ModuleFailure("Invalid Regexp (" + e.getMessage() + ") in \"" + a.string("regexp") + "\"");
            }
        }
        String validate = FileOptions.validateCommand(a);
        Map<String, byte[]> fragments = a.bool("remote_src") ? hostFragments(ctx, HomePath.expand(ctx, src))
                : controllerFragments(ctx, src);
        byte[] content = join(fragments, a.string("delimiter"), regexp, a.bool("ignore_hidden"));

        ModuleResult r = new FileCopy(content, null, dest, true, false, FileOptions.wanted(a), a.bool("backup"), validate)
                .run(ctx);
        if (r.failed()) {
            return r;
        }
        ModuleResult.Builder res = ModuleResult.changed(r.changed()).msg("OK").values(r.values())
                .value("src", src).value("checksum", hex("SHA-1", content)).value("md5sum", hex("MD5", content));
        r.diffs().forEach(res::diff);
        return res.build();
    }

    /** Ansible's assemble_from_fragments. */
    static byte[] join(Map<String, byte[]> sortedFragments, String delimiter, PythonRegex regexp, boolean ignoreHidden)
            throws ModuleFailure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] delim = delimiter == null || delimiter.isEmpty() ? null : EscapeDecode.of(delimiter);
        boolean delimitMe = false;
        boolean addNewline = false;
        for (var f : sortedFragments.entrySet()) {
            String name = f.getKey();
            if (regexp != null && !regexp.search(name) || ignoreHidden && name.startsWith(".")) {
                continue;
            }
            byte[] c = f.getValue();
            if (addNewline) {
                out.write('\n');
            }
            if (delimitMe && delim != null) {
                out.writeBytes(delim);
                if (delim[delim.length - 1] != '\n') {
                    out.write('\n');
                }
            }
            out.writeBytes(c);
            delimitMe = true;
            addNewline = c.length == 0 || c[c.length - 1] != '\n';
        }
        return out.toByteArray();
    }

    /** The regular files (symlinks followed) of a folder on the host, by name. */
    private static Map<String, byte[]> hostFragments(ModuleContext ctx, String src) throws ModuleFailure {
        String script = "jp_s=" + quote(src) + "; case $jp_s in -*) jp_s=./$jp_s;; esac\n"
                + "[ -e \"$jp_s\" ] || { echo missing; exit 0; }; [ -d \"$jp_s\" ] || { echo notdir; exit 0; }; echo ok\n"
                + "for jp_f in \"$jp_s\"/* \"$jp_s\"/.*; do [ -f \"$jp_f\" ] || continue\n"
                + "  printf '%s' \"${jp_f##*/}\" | base64 | tr -d '\\n'; echo; base64 < \"$jp_f\" | tr -d '\\n' || exit 1; echo\n"
                + "done";
        ExecResult r = ctx.exec(script);
        String[] lines = r.out().split("\n", -1);
        if (!r.ok()) {
            throw new ModuleFailure("cannot read the fragments in " + src + ": " + r.errTrimmed());
        }
        switch (lines[0]) {
            case "missing" -> throw new ModuleFailure("Source (" + src + ") does not exist");
            case "notdir" -> throw new ModuleFailure("Source (" + src + ") is not a directory");
            default -> {
                // ok
            }
        }
        Map<String, byte[]> m = new TreeMap<>();
        Base64.Decoder d = Base64.getMimeDecoder();
        for (int i = 1; i + 1 < lines.length; i += 2) {
            m.put(new String(d.decode(lines[i]), StandardCharsets.UTF_8), d.decode(lines[i + 1]));
        }
        return m;
    }

    private static Map<String, byte[]> controllerFragments(ModuleContext ctx, String src) throws ModuleFailure {
        Path dir = ctx.findFile(src);
        if (!Files.exists(dir)) {
            throw new ModuleFailure("Source (" + src + ") does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new ModuleFailure("Source (" + src + ") is not a directory");
        }
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
            for (Path p : files) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new ModuleFailure("cannot read the fragments in " + dir + ": " + e.getMessage());
        }
        return m;
    }

    private static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is always available", e);
        }
    }
}
