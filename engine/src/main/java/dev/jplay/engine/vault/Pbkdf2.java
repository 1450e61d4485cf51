package dev.jplay.engine.vault;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * PBKDF2 with HMAC-SHA256 (RFC 8018) over raw password bytes. The JDK's PBKDF2WithHmacSHA256 takes
 * the password as {@code char[]} and encodes it itself; Ansible derives from the password file's
 * bytes as they are, so jplay does the (short) derivation on {@link Mac} directly.
 */
final class Pbkdf2 {
    private static final int H_LEN = 32;

    private Pbkdf2() {
    }

    static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            byte[] out = new byte[length];
            int blocks = (length + H_LEN - 1) / H_LEN;
            for (int i = 1; i <= blocks; i++) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
                byte[] u = mac.doFinal();
                byte[] t = u.clone();
                for (int c = 1; c < iterations; c++) {
                    mac.update(u);
                    mac.doFinal(u, 0); // in place: 10000 rounds without allocating
                    for (int k = 0; k < H_LEN; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, (i - 1) * H_LEN, Math.min(H_LEN, length - (i - 1) * H_LEN));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
