package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a built image was built from, as one hash stored in the image label {@code containerfile.hash}
 * (the podman collection's label). The collection hashes only the Containerfile, so a changed file
 * in the context never triggers a rebuild; here the hash covers the Containerfile and every path in
 * the build context: names, types, modes, symlink targets and file contents.
 *
 * <p>The Containerfile is hashed apart from the context listing, so check mode can use the hash of
 * a Containerfile that is not written yet. The label is {@code sha256(contextDigest + " " + containerfileSha)}.
 * Files matched by .containerignore still count (a change there may rebuild without need).
 */
public final class BuildFingerprint {
    public static final String LABEL = "containerfile.hash";

    private BuildFingerprint() {
    }

    /**
     * Shell printing the digest of the context listing, leaving out the Containerfile at context-relative
     * path {@code $cfrel} (a shell variable set by the caller; empty when the Containerfile lies outside).
     * Needs GNU find, sort, xargs and sha256sum.
     */
    public static String contextDigestScript(String contextDir) {
        // a subshell, so the cd does not leak into the rest of the probe
        return "(cd " + ShellQuote.quote(contextDir) + " && { "
                + "LC_ALL=C find . -mindepth 1 ! -path \"./$cfrel\" -printf '%y %m %p %l\\n' | LC_ALL=C sort; "
                + "LC_ALL=C find . -mindepth 1 -type f ! -path \"./$cfrel\" -print0 | LC_ALL=C sort -z | xargs -0r sha256sum; "
                + "} | sha256sum | cut -c1-64)";
    }

    /** The label value for a context digest and the Containerfile's SHA-256. */
    public static String label(String contextDigest, String containerfileSha) {
        return sha256Hex(contextDigest.strip() + " " + containerfileSha.strip());
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
