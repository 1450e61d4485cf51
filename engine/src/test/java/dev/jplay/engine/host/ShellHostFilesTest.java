package dev.jplay.engine.host;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileState;
import dev.jplay.engine.spi.ModuleFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real files through the local connection: atomic writes, stat, attributes. */
class ShellHostFilesTest {
    private final LocalConnection local = new LocalConnection();
    private final ShellHostFiles files = new ShellHostFiles((script, in) -> {
        try {
            return local.exec(ExecRequest.of(script).withStdin(in));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    @Test
    void writesAtomicallyWithTheModeAskedForAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret.conf");
        files.write(f.toString(), "token=1\n".getBytes(StandardCharsets.UTF_8), new FileAttributes("0600", null, null));
        assertEquals("token=1\n", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left beside the target");
        }
        FileState st = files.stat(f.toString());
        assertTrue(st.isFile());
        assertEquals("0600", st.mode());
        assertEquals(64, st.sha256().length());
    }

    @Test
    void rewriteKeepsExistingModeWhenNoneIsGiven(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        files.write(f.toString(), "new".getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
        assertEquals("new", Files.readString(f));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aValidatedWriteChecksTheByteCountAndGivesANewFileTheUmasksMode(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("validated.conf");
        Files.writeString(f, "old\n");
        // fewer bytes than announced (a transfer that broke off): refused before validate and rename
        var shortTransfer = local.exec(ExecRequest.of(ShellHostFiles.writeScript(f.toString(), FileAttributes.NONE, 10, "grep -q new %s"))
                .withStdin("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, shortTransfer.exitCode(), shortTransfer.err());
        assertTrue(shortTransfer.err().contains("incomplete transfer: 4 of 10 bytes"), shortTransfer.err());
        assertEquals("old\n", Files.readString(f));
        // validate refuses: exit 3 with the marker and the command's code; nothing changed
        var refused = local.exec(ExecRequest.of(ShellHostFiles.writeScript(f.toString(), FileAttributes.NONE, 4, "grep -q absent %s"))
                .withStdin("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, refused.exitCode());
        assertTrue(refused.err().contains(ShellHostFiles.VALIDATE_FAILED + "1"), refused.err());
        assertEquals("old\n", Files.readString(f));
        // a new file written through validate gets 0666 minus the umask, as without validate
        Path fresh = dir.resolve("fresh.conf");
        var ok = local.exec(ExecRequest.of("umask 022; " + ShellHostFiles.writeScript(fresh.toString(), FileAttributes.NONE, 4, "grep -q new %s"))
                .withStdin("new\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temp file left beside the targets");
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("keep");
        Files.writeString(f, "old");
        ModuleFailure e = assertThrows(ModuleFailure.class, () ->
                files.write(f.toString(), "new".getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", "no-such-user-jplay", null)));
        assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void statAndReadAbsentPaths(@TempDir Path dir) throws Exception {
        assertFalse(files.stat(dir.resolve("nope").toString()).exists());
        assertTrue(files.read(dir.resolve("nope").toString()).isEmpty());
        Files.createSymbolicLink(dir.resolve("l"), Path.of("target"));
        FileState l = files.stat(dir.resolve("l").toString());
        assertTrue(l.isLink());
        assertEquals("target", l.linkTarget());
    }

    @Test
    void attributesChangeOnlyWhenTheyDiffer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m");
        Files.writeString(f, "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(files.applyAttributes(f.toString(), new FileAttributes("0644", null, null), false));
        assertTrue(files.applyAttributes(f.toString(), new FileAttributes("0600", null, null), true));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "check mode changes nothing");
        assertTrue(files.applyAttributes(f.toString(), new FileAttributes("u+x", null, null), false));
        assertEquals("rwxr--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    /** Issue #10 class 4: a relative path starting with '-' is a file name to every command of a write (mktemp, chmod, mv). */
    @Test
    void relativePathsStartingWithADashAreFileNames(@TempDir Path dir) throws Exception {
        ShellHostFiles inDir = new ShellHostFiles((script, in) -> {
            try {
                return local.exec(ExecRequest.of("cd " + dev.jplay.engine.connection.ShellQuote.quote(dir.toString()) + " && " + script)
                        .withStdin(in));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (String name : java.util.List.of("-l", "--help", "-")) {
            inDir.write(name, "x\n".getBytes(StandardCharsets.UTF_8), new FileAttributes("0640", null, null));
            assertEquals("x\n", Files.readString(dir.resolve(name)));
            assertEquals("0640", inDir.stat(name).mode());
            assertTrue(inDir.read(name).isPresent());
            inDir.applyAttributes(name, new FileAttributes("0600", null, null), false);
            assertEquals("0600", inDir.stat(name).mode());
        }
    }
}
