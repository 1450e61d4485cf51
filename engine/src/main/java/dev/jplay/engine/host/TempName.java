package dev.jplay.engine.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of the temp file an atomic write fills beside its target: {@code NAME.jplay-tmp.XXXXXX}.
 * A name too long for that (NAME_MAX is 255 bytes, the suffix takes 17) is shortened to its first
 * bytes, {@code ~} and a hash of the whole name, so every name a file system takes can be written.
 * A relative path starting with '-' gets {@code ./} so no command reads it as an option.
 */
final class TempName {
    static final String SUFFIX = ".jplay-tmp.";
    private static final int NAME_MAX = 255;
    private static final int RANDOM = 6;
    private static final int HASH = 8;

    private TempName() {
    }

    /** The path as commands should get it: {@code -l} becomes {@code ./-l}. */
    static String operand(String path) {
        return path.startsWith("-") ? "./" + path : path;
    }

    /** The temp file's path without its random part: mktemp's template is this plus {@code XXXXXX}. */
    static String prefix(String path) {
        String p = operand(path);
        int slash = p.lastIndexOf('/');
        String dir = p.substring(0, slash + 1);
        String name = p.substring(slash + 1);
        int room = NAME_MAX - SUFFIX.length() - RANDOM;
        if (name.getBytes(StandardCharsets.UTF_8).length <= room) {
            return dir + name + SUFFIX;
        }
        int keep = room - 1 - HASH;
        StringBuilder head = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > keep) {
                break;
            }
            head.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return dir + head + "~" + hash(name) + SUFFIX;
    }

    private static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
