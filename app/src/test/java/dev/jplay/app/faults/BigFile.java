package dev.jplay.app.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** A file of random bytes big enough that copying it takes a while, and its SHA-256. */
public record BigFile(Path path, long size, String sha256) {

    public static BigFile create(Path path, int megabytes) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Random random = new Random(megabytes);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream o = Files.newOutputStream(path)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(chunk);
                md.update(chunk);
                o.write(chunk);
            }
        }
        return new BigFile(path, (long) megabytes * chunk.length, HexFormat.of().formatHex(md.digest()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
