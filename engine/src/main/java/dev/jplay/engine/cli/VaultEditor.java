package dev.jplay.engine.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;

/**
 * Lets a person edit plaintext for {@code jplay vault create|edit}: the text goes into a file readable
 * by its owner only (0600) in a fresh private directory (0700), {@code $EDITOR} (else {@code vi}, as
 * ansible-vault) is run on it with the terminal, and what it saved is read back. The plaintext (and
 * whatever else the editor left in the directory, such as swap files) is overwritten and removed in
 * every case, also when the editor fails.
 *
 * @param command the editor as the user wrote it; the shell splits it into words (so
 *                {@code EDITOR="code --wait"} works) and the file name is passed as a separate argument
 */
record VaultEditor(String command) {
    static final String DEFAULT = "vi";

    static VaultEditor fromEnvironment(Map<String, String> env) {
        String e = env.get("EDITOR");
        return new VaultEditor(e == null || e.isBlank() ? DEFAULT : e);
    }

    /**
     * The text after editing.
     *
     * @param suffix the edited file's extension (".yml"), so the editor highlights it as such
     */
    byte[] edit(byte[] plaintext, String suffix) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jplay-vault-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = Files.createFile(dir.resolve("plaintext" + suffix),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, plaintext);
            run(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit the plaintext: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                shred(dir);
            }
        }
    }

    private void run(Path file) throws IOException {
        // "$0" would be the shell's name: the editor's words come from the shell, the file is "$1", never parsed
        ProcessBuilder b = new ProcessBuilder("/bin/sh", "-c", command + " \"$1\"", "jplay-vault-editor", file.toString()).inheritIO();
        Process p = b.start();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the editor ran", e);
        }
        if (code != 0) {
            throw new IOException("the editor '" + command + "' exited with code " + code + "; nothing was saved");
        }
    }

    /** Overwrites each file with zeros before removing it, so the plaintext does not stay on disk. */
    private static void shred(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        byte[] zeros = new byte[(int) Math.min(attrs.size(), Integer.MAX_VALUE)];
                        Arrays.fill(zeros, (byte) 0);
                        Files.write(f, zeros);
                    }
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the plaintext in " + dir + ": " + e.getMessage(), e);
        }
    }
}
