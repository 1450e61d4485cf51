package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** hash, checksum, md5, sha1, password_hash, b64encode, b64decode: as Ansible computes them on the text's UTF-8 bytes. */
final class HashFilters {
    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256",
            "sha384", "SHA-384", "sha512", "SHA-512", "sha3_256", "SHA3-256", "sha3_512", "SHA3-512");
    private static final String SALT_CHARS = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HashFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("hash", (v, a, c) -> hex(PyValues.str(v), PyValues.str(a.get(0, "hashtype", "sha1"))));
        b.filter("checksum", (v, a, c) -> hex(PyValues.str(v), "sha1"));
        b.filter("sha1", (v, a, c) -> hex(PyValues.str(v), "sha1"));
        b.filter("md5", (v, a, c) -> hex(PyValues.str(v), "md5"));
        b.filter("password_hash", (v, a, c) -> passwordHash(PyValues.str(v), PyValues.str(a.get(0, "hashtype", "sha512")),
                a.get(1, "salt", null), a.get(2, "salt_size", null), a.get(3, "rounds", null), a.get(4, "ident", null)));
        b.filter("b64encode", (v, a, c) -> Base64.getEncoder().encodeToString(PyValues.str(v).getBytes(charset(a))));
        b.filter("b64decode", (v, a, c) -> b64decode(PyValues.str(v), charset(a)));
    }

    private static Charset charset(CallArgs a) {
        String name = PyValues.str(a.get(0, "encoding", "utf-8"));
        String normal = name.toUpperCase(java.util.Locale.ROOT).replace('_', '-');
        for (String candidate : new String[]{normal, normal.replaceFirst("-(LE|BE)$", "$1")}) {
            try {
                return Charset.forName(candidate);
            } catch (IllegalArgumentException e) {
                // try the next spelling
            }
        }
        throw new FilterError("unknown encoding: " + name);
    }

    static String hex(String text, String type) {
        String algorithm = DIGESTS.get(type);
        if (algorithm == null) {
            throw new FilterError("unsupported hash type " + type + "; expected one of " + String.join(", ", new java.util.TreeSet<>(DIGESTS.keySet())));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new FilterError("unsupported hash type " + type);
        }
    }

    /** Python's base64.b64decode: characters outside the alphabet skipped, padding required. */
    private static String b64decode(String s, Charset cs) {
        String clean = s.replaceAll("[^A-Za-z0-9+/=]", "");
        String data = clean.replaceAll("=+$", "");
        if (data.contains("=")) {
            data = data.substring(0, data.indexOf('='));
        }
        if (data.length() % 4 == 1) {
            throw new FilterError("b64decode: Invalid base64-encoded string: number of data characters (" + data.length()
                    + ") cannot be 1 more than a multiple of 4");
        }
        int padded = (4 - data.length() % 4) % 4;
        int have = clean.length() - clean.replaceAll("=+$", "").length();
        if (have < padded) {
            throw new FilterError("b64decode: Incorrect padding");
        }
        return new String(Base64.getDecoder().decode(data + "=".repeat(padded)), cs);
    }

    /** Ansible's password_hash through crypt(3): sha512 ($6$) and sha256 ($5$), salt up to 16 of [./0-9A-Za-z]. */
    static String passwordHash(String password, String type, Object saltArg, Object saltSize, Object roundsArg, Object ident) {
        boolean sha512 = switch (type) {
            case "sha512", "sha512_crypt" -> true;
            case "sha256", "sha256_crypt" -> false;
            default -> throw new FilterError("password_hash: jplay supports the hash types sha512 and sha256, not " + type);
        };
        String salt;
        if (saltArg != null) {
            salt = PyValues.str(saltArg);
        } else {
            int size = saltSize == null ? 16 : (int) Operands.integer(saltSize, "password_hash(salt_size)");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < size; i++) {
                sb.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
            }
            salt = sb.toString();
        }
        if (!salt.matches("[./0-9A-Za-z]*")) {
            throw new FilterError("invalid characters in salt");
        }
        if (salt.length() > 16) {
            throw new FilterError("invalid salt size");
        }
        Integer rounds = roundsArg == null ? null : (int) Operands.integer(roundsArg, "password_hash(rounds)");
        return ShaCrypt.crypt(password, salt, rounds, sha512);
    }
}
