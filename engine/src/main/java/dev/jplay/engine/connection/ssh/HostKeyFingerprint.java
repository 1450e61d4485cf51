package dev.jplay.engine.connection.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/** How OpenSSH shows a public key: {@code ssh-ed25519 SHA256:base64-without-padding}. */
public final class HostKeyFingerprint {
    private HostKeyFingerprint() {
    }

    /** The key's wire blob, base64: the second field of a known_hosts line. */
    static String base64(PublicKey key) {
        Buffer.PlainBuffer buf = new Buffer.PlainBuffer().putPublicKey(key);
        return java.util.Base64.getEncoder().encodeToString(buf.getCompactData());
    }

    static String type(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** {@code SHA256:...} as {@code ssh-keygen -l} prints it. */
    public static String sha256(PublicKey key) {
        Buffer.PlainBuffer buf = new Buffer.PlainBuffer().putPublicKey(key);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(buf.getCompactData());
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** {@code ssh-ed25519 SHA256:...}. */
    public static String describe(PublicKey key) {
        return type(key) + " " + sha256(key);
    }
}
