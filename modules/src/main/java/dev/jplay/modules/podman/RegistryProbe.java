package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ShellQuote;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry which image a tag points to, to decide whether a push (or pull) would change
 * anything.
 *
 * <p>The manifest digest cannot be compared: podman keeps an uncompressed manifest locally and
 * compresses layers on push, so the local {@code .Digest} never equals the registry's. The config
 * blob travels unchanged (also when pushing as v2s2), and its digest is the image ID. So: same
 * config digest in the registry as the local image ID means the registry already has this image.
 *
 * <p>The manifest is read with {@code skopeo inspect --raw} when skopeo is installed (it takes
 * --tls-verify and --authfile), else with {@code podman manifest inspect}. Podman before 4.4 refuses
 * single-image manifests there, but its error message carries the raw manifest, which is all we
 * need. Old podman has no --tls-verify for manifest inspect: an insecure registry then has to be
 * marked insecure in registries.conf (module registry_config); otherwise the probe finds nothing,
 * and the module pushes (and reports changed) as the podman collection always does.
 */
public final class RegistryProbe {
    private static final Pattern CONFIG_DIGEST =
            Pattern.compile("\\\\?\"config\\\\?\"\\s*:\\s*\\{[^}]*?\\\\?\"digest\\\\?\"\\s*:\\s*\\\\?\"(sha256:[0-9a-f]{64})");

    private RegistryProbe() {
    }

    /**
     * Shell printing the registry's manifest for {@code ref} (stdout and stderr together; exit code
     * is not meaningful).
     */
    public static String manifestScript(PodmanCommand podman, String ref, Boolean tlsVerify, String authFile) {
        StringBuilder skopeo = new StringBuilder("skopeo inspect --raw");
        StringBuilder pm = new StringBuilder(podman.line("manifest", "inspect"));
        if (tlsVerify != null) {
            skopeo.append(" --tls-verify=").append(tlsVerify);
        }
        if (authFile != null) {
            skopeo.append(" --authfile ").append(ShellQuote.quote(authFile));
        }
        String podmanFlags = "";
        if (tlsVerify != null) {
            podmanFlags += " ${__jp_tls:+--tls-verify=" + tlsVerify + "}";
        }
        if (authFile != null) {
            podmanFlags += " ${__jp_auth:+--authfile " + ShellQuote.quote(authFile) + "}";
        }
        skopeo.append(' ').append(ShellQuote.quote("docker://" + ref));
        return "if command -v skopeo >/dev/null 2>&1; then " + skopeo + "; else "
                + "__jp_help=$(" + podman.line("manifest", "inspect", "--help") + " 2>&1); "
                + "case \"$__jp_help\" in *--tls-verify*) __jp_tls=1;; *) __jp_tls=;; esac; "
                + "case \"$__jp_help\" in *--authfile*) __jp_auth=1;; *) __jp_auth=;; esac; "
                + pm + podmanFlags + " " + ShellQuote.quote(ref) + "; fi";
    }

    /** The config digest ({@code sha256:...}) in what the manifest probe printed, if any. */
    public static Optional<String> configDigest(String probeOutput) {
        Matcher m = CONFIG_DIGEST.matcher(probeOutput);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the registry's config digest is this local image ID (with or without {@code sha256:}). */
    public static boolean sameImage(Optional<String> remoteConfigDigest, String localImageId) {
        if (remoteConfigDigest.isEmpty() || localImageId == null || localImageId.isBlank()) {
            return false;
        }
        String id = localImageId.startsWith("sha256:") ? localImageId : "sha256:" + localImageId;
        return remoteConfigDigest.get().equals(id);
    }
}
