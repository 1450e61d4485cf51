package dev.jplay.engine.vault;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ansible Vault's AES256 cipher (ansible/parsing/vault/__init__.py, VaultAES256): PBKDF2-HMAC-SHA256
 * with 10000 iterations turns password and a 32-byte salt into 80 bytes (AES key, HMAC key, CTR
 * counter); the PKCS#7-padded plaintext is encrypted with AES-256-CTR and authenticated with
 * HMAC-SHA256 over the ciphertext. The payload is {@code hex(hex(salt) \n hex(hmac) \n hex(ciphertext))}.
 */
final class VaultAes256 {
    static final int ITERATIONS = 10_000;
    static final int SALT_BYTES = 32;
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final int BLOCK = 16;
    private static final HexFormat HEX = HexFormat.of();

    private VaultAes256() {
    }

    /** The parts of a payload, checked for form before any password is tried. */
    record Payload(byte[] salt, byte[] hmac, byte[] ciphertext) {
    }

    /** The hex payload (what follows the header, without line breaks) for this plaintext. */
    static String encrypt(byte[] plaintext, byte[] password, byte[] salt) {
        Keys k = Keys.derive(password, salt);
        byte[] ciphertext = ctr(Cipher.ENCRYPT_MODE, k, pad(plaintext));
        byte[] hmac = hmac(k, ciphertext);
        String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac) + "\n" + HEX.formatHex(ciphertext);
        return HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
    }

    /** Splits and unhexes a payload. */
    static Payload parse(String payloadHex) {
        byte[] inner = unhex(payloadHex, "the vaulted data");
        String text = new String(inner, StandardCharsets.ISO_8859_1);
        String[] parts = text.split("\n", 3);
        if (parts.length != 3) {
            throw malformed("the vaulted data does not hold salt, HMAC and ciphertext");
        }
        byte[] salt = unhex(parts[0], "the salt");
        byte[] hmac = unhex(parts[1], "the HMAC");
        byte[] ciphertext = unhex(parts[2], "the ciphertext");
        if (salt.length == 0 || hmac.length != 32 || ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            throw malformed("the vaulted data is cut short or padded wrongly (salt " + salt.length + " bytes, HMAC " + hmac.length
                    + " bytes, ciphertext " + ciphertext.length + " bytes)");
        }
        return new Payload(salt, hmac, ciphertext);
    }

    /** The plaintext, or null when this password's HMAC does not match (wrong password or changed data). */
    static byte[] decrypt(Payload p, byte[] password) {
        Keys k = Keys.derive(password, p.salt());
        // MessageDigest.isEqual compares in constant time
        if (!MessageDigest.isEqual(hmac(k, p.ciphertext()), p.hmac())) {
            return null;
        }
        return unpad(ctr(Cipher.DECRYPT_MODE, k, p.ciphertext()));
    }

    private record Keys(byte[] aes, byte[] hmac, byte[] iv) {
        static Keys derive(byte[] password, byte[] salt) {
            byte[] d = Pbkdf2.hmacSha256(password, salt, ITERATIONS, 2 * KEY_BYTES + IV_BYTES);
            return new Keys(Arrays.copyOfRange(d, 0, KEY_BYTES), Arrays.copyOfRange(d, KEY_BYTES, 2 * KEY_BYTES),
                    Arrays.copyOfRange(d, 2 * KEY_BYTES, 2 * KEY_BYTES + IV_BYTES));
        }
    }

    private static byte[] ctr(int mode, Keys k, byte[] data) {
        try {
            // the JDK's CTR counts the whole 16-byte block big-endian, as the cryptography library does
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, new SecretKeySpec(k.aes(), "AES"), new IvParameterSpec(k.iv()));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot do AES-256-CTR", e);
        }
    }

    private static byte[] hmac(Keys k, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k.hmac(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static byte[] pad(byte[] data) {
        int n = BLOCK - data.length % BLOCK;
        byte[] out = Arrays.copyOf(data, data.length + n);
        Arrays.fill(out, data.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] data) {
        int n = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (n < 1 || n > BLOCK || n > data.length) {
            throw malformed("the decrypted data has no valid PKCS#7 padding");
        }
        for (int i = data.length - n; i < data.length; i++) {
            if ((data[i] & 0xff) != n) {
                throw malformed("the decrypted data has no valid PKCS#7 padding");
            }
        }
        return Arrays.copyOf(data, data.length - n);
    }

    private static byte[] unhex(String s, String what) {
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw malformed(what + " is not hexadecimal (" + e.getMessage() + ")");
        }
    }

    private static VaultException malformed(String msg) {
        return new VaultException(VaultException.Reason.MALFORMED, msg);
    }
}
