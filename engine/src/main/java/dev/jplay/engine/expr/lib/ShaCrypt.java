package dev.jplay.engine.expr.lib;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * glibc's SHA-crypt ({@code $5$} SHA-256 and {@code $6$} SHA-512, Ulrich Drepper's specification), which
 * crypt(3) and passlib write for Ansible's password_hash. 5000 rounds unless given (then written as rounds=N).
 */
final class ShaCrypt {
    private static final String B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int[][] ORDER_512 = {{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26},
        {6, 27, 48}, {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
        {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
    private static final int[][] ORDER_256 = {{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5},
        {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};

    private ShaCrypt() {
    }

    /** crypt(password, "$6$[rounds=N$]salt"): {@code sha512} true for $6$, false for $5$. */
    static String crypt(String password, String salt, Integer rounds, boolean sha512) {
        String algorithm = sha512 ? "SHA-512" : "SHA-256";
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = (salt.length() > 16 ? salt.substring(0, 16) : salt).getBytes(StandardCharsets.UTF_8);
        int n = rounds == null ? 5000 : Math.max(1000, Math.min(999_999_999, rounds));
        MessageDigest a = digest(algorithm);
        a.update(key);
        a.update(s);
        MessageDigest bd = digest(algorithm);
        bd.update(key);
        bd.update(s);
        bd.update(key);
        byte[] b = bd.digest();
        int len = b.length;
        for (int i = key.length; i > 0; i -= len) {
            a.update(b, 0, Math.min(i, len));
        }
        for (int i = key.length; i > 0; i >>= 1) {
            if ((i & 1) != 0) {
                a.update(b);
            } else {
                a.update(key);
            }
        }
        byte[] ac = a.digest();
        MessageDigest dp = digest(algorithm);
        for (int i = 0; i < key.length; i++) {
            dp.update(key);
        }
        byte[] p = repeat(dp.digest(), key.length);
        MessageDigest ds = digest(algorithm);
        for (int i = 0; i < 16 + (ac[0] & 0xff); i++) {
            ds.update(s);
        }
        byte[] sBytes = repeat(ds.digest(), s.length);
        byte[] c = ac;
        for (int i = 0; i < n; i++) {
            MessageDigest r = digest(algorithm);
            r.update((i & 1) != 0 ? p : c);
            if (i % 3 != 0) {
                r.update(sBytes);
            }
            if (i % 7 != 0) {
                r.update(p);
            }
            r.update((i & 1) != 0 ? c : p);
            c = r.digest();
        }
        StringBuilder out = new StringBuilder(sha512 ? "$6$" : "$5$");
        if (rounds != null) {
            out.append("rounds=").append(n).append('$');
        }
        out.append(new String(s, StandardCharsets.UTF_8)).append('$');
        for (int[] t : sha512 ? ORDER_512 : ORDER_256) {
            b64(out, c[t[0]] & 0xff, c[t[1]] & 0xff, c[t[2]] & 0xff, 4);
        }
        if (sha512) {
            b64(out, 0, 0, c[63] & 0xff, 2);
        } else {
            b64(out, 0, c[31] & 0xff, c[30] & 0xff, 3);
        }
        return out.toString();
    }

    private static void b64(StringBuilder out, int b2, int b1, int b0, int n) {
        int w = (b2 << 16) | (b1 << 8) | b0;
        for (int i = 0; i < n; i++) {
            out.append(B64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
