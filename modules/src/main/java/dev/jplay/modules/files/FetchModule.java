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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's fetch: a file from the host to the controller, under {@code dest/<host>/<src>} or, with
 * flat, at dest itself. One round trip: the controller's SHA-1 of its copy goes into the script,
 * which sends the content only when the host's SHA-1 differs. The controller's file is replaced
 * atomically (temp file beside it, then rename). Skipped in check mode, as Ansible's.
 */
public final class FetchModule implements Module {
    private static final String SAME = "jplay-fetch:same";
    private static final String CONTENT = "jplay-fetch:content ";

    private static final ModuleSpec SPEC = ModuleSpec.builder("fetch")
            .describe("Copies a file from the host to the controller: dest/<inventory_hostname>/<src path>, or dest "
                    + "itself with flat (a dest ending in / takes src's file name). Transfers only when the SHA-1 "
                    + "differs. Returns dest, checksum, md5sum, remote_checksum. Not run in check mode.")
            .option(OptionSpec.of("src", OptionType.PATH, "The file on the host (not a folder).").asRequired())
            .option(OptionSpec.of("dest", OptionType.PATH, "Where on the controller; relative to the playbook's folder.")
                    .asRequired())
            .option(OptionSpec.of("flat", OptionType.BOOL, "Put the file at dest itself, without host name and src path.")
                    .defaultValue(false))
            .option(OptionSpec.of("fail_on_missing", OptionType.BOOL, "Fail when src is missing or a folder.")
                    .defaultValue(true))
            .option(OptionSpec.of("validate_checksum", OptionType.BOOL, "Check the fetched copy's SHA-1 against the "
                    + "host's.").defaultValue(true))
            .noCheckMode()
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String src = HomePath.expand(ctx, HostArgument.checked("src", a.requireString("src")));
        String destOption = HostArgument.checked("dest", a.requireString("dest"));
        boolean failOnMissing = a.bool("fail_on_missing");
        Path dest = destination(ctx, src, destOption, a.bool("flat"));
        Optional<byte[]> local = readLocal(dest);
        String localSha1 = local.map(b -> hex("SHA-1", b)).orElse("");

        String q = quote(src);
        String script = "if [ -d " + q + " ]; then echo jplay-fetch:directory; exit 0; fi\n"
                + "if [ ! -e " + q + " ]; then echo jplay-fetch:missing; exit 0; fi\n"
                + "if [ ! -r " + q + " ]; then echo jplay-fetch:unreadable; exit 0; fi\n"
                + "s=$(sha1sum < " + q + ") || exit 1; s=${s%% *}\n"
                + "if [ \"$s\" = " + quote(localSha1.isEmpty() ? "none" : localSha1) + " ]; then echo " + SAME + "; "
                + "else printf '" + CONTENT + "%s\\n' \"$s\"; exec cat -- " + q + "; fi";
        ExecResult r = ctx.exec(script);
        byte[] out = r.stdout();
        int nl = indexOfNewline(out);
        String marker = nl < 0 ? "" : new String(out, 0, nl, StandardCharsets.UTF_8);
        if (marker.equals("jplay-fetch:missing") || marker.equals("jplay-fetch:directory")
                || marker.equals("jplay-fetch:unreadable")) {
            String msg = switch (marker) {
                case "jplay-fetch:missing" -> "the remote file does not exist, not transferring, ignored";
                case "jplay-fetch:directory" -> "remote file is a directory, fetch cannot work on directories";
                default -> "file is not readable: " + src;
            };
            if (failOnMissing) {
                return ModuleResult.failed(msg);
            }
            return ModuleResult.ok().msg(marker.endsWith("directory") ? msg + ", not transferring, ignored" : msg)
                    .value("file", src).build();
        }
        if (!r.ok() || !(marker.equals(SAME) || marker.startsWith(CONTENT))) {
            throw new ModuleFailure("cannot read " + src + " on the host: " + r.errTrimmed(), java.util.Map.of("rc", r.exitCode()));
        }
        if (marker.equals(SAME)) {
            byte[] bytes = local.orElseThrow();
            return ModuleResult.ok().value("md5sum", hex("MD5", bytes)).value("file", src).value("dest", dest.toString())
                    .value("checksum", localSha1).build();
        }
        String remoteSha1 = marker.substring(CONTENT.length()).trim();
        byte[] content = Arrays.copyOfRange(out, nl + 1, out.length);
        String newSha1 = hex("SHA-1", content);
        if (a.bool("validate_checksum") && !newSha1.equals(remoteSha1)) {
            return ModuleResult.ok().failed().msg("checksum mismatch").value("file", src).value("dest", dest.toString())
                    .value("checksum", newSha1).value("remote_checksum", remoteSha1).build();
        }
        writeLocal(dest, content);
        return ModuleResult.changed(true).value("md5sum", hex("MD5", content)).value("dest", dest.toString())
                .value("remote_md5sum", null).value("checksum", newSha1).value("remote_checksum", remoteSha1).build();
    }

    /** Ansible's placement of the copy, refusing a src whose '..' would climb out of dest. */
    static Path destination(ModuleContext ctx, String src, String dest, boolean flat) throws ModuleFailure {
        Path base = ctx.playbookDir().resolve(dest).normalize();
        Path target;
        if (flat) {
            if (dest.endsWith("/")) {
                target = base.resolve(PosixPath.basename(src));
            } else {
                if (Files.isDirectory(base)) {
                    throw new ModuleFailure("dest is an existing directory, use a trailing slash if you want to fetch src "
                            + "into that directory");
                }
                target = base;
            }
        } else {
            String relative = (ctx.host() + "/" + src).replaceAll("/+", "/");
            target = base.resolve(relative).normalize();
            if (!target.startsWith(base.resolve(ctx.host()).normalize()) || ctx.host().contains("/") || ctx.host().equals("..")) {
                throw new ModuleFailure("Detected directory traversal, expected to be contained in '" + base + "' but got '"
                        + target + "'");
            }
        }
        return target.normalize();
    }

    private static Optional<byte[]> readLocal(Path p) throws ModuleFailure {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new ModuleFailure("cannot read the controller's copy " + p + ": " + e.getMessage());
        }
    }

    private static void writeLocal(Path dest, byte[] content) throws ModuleFailure {
        try {
            Files.createDirectories(dest.getParent());
            Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + ".", ".jplay-tmp");
            try {
                Files.write(tmp, content);
                // the mode a plain open() gives under the usual umask 022, as Ansible's copy gets; not the temp file's 0600
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModuleFailure("Failed to fetch the file: " + e);
        }
    }

    private static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is always available", e);
        }
    }

    private static int indexOfNewline(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
