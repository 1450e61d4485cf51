package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** file for real: every state, first run changes, second does not, check mode changes nothing. */
class FileModuleLocalTest {
    @TempDir
    Path tmp;
    LocalRunner file;

    @BeforeEach
    void setUp() {
        file = new LocalRunner(new FileModule(), tmp);
    }

    @Test
    void directoryIsCreatedWithItsParentsAndTheMode() throws IOException {
        Path d = tmp.resolve("a/b/c");
        var a = args("path", d.toString(), "state", "directory", "mode", "0750");
        ModuleResult first = file.ok(a);
        assertTrue(first.changed());
        assertTrue(Files.isDirectory(d));
        assertEquals("0750", mode(d));
        assertEquals("0750", mode(tmp.resolve("a")), "new parents get the mode too, as in Ansible");
        assertFalse(file.ok(a).changed());
    }

    /** Inventory hosts that share one machine create the same folders at the same moment. */
    @Test
    void runsCreatingTheSameFoldersAtOnceAllSucceed() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                Path d = tmp.resolve("race" + round + "/p/q/r/s");
                var a = args("path", d.toString(), "state", "directory", "mode", "0755");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<ModuleResult>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return file.run(a);
                    }));
                }
                go.countDown();
                for (var f : runs) {
                    ModuleResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    assertFalse(r.failed(), () -> "a concurrent run failed: " + r.msg());
                }
                assertTrue(Files.isDirectory(d));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void checkModeCreatesNothing() {
        Path d = tmp.resolve("x/y");
        ModuleResult r = file.check(args("path", d.toString(), "state", "directory"));
        assertTrue(r.changed());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void diffModeShowsTheStateChange() {
        Path d = tmp.resolve("d");
        ModuleResult r = file.diff(args("path", d.toString(), "state", "directory"));
        assertTrue(r.changed());
        assertEquals("path: " + d + "\nstate: absent\n", r.diffs().get(0).before());
        assertEquals("path: " + d + "\nstate: directory\n", r.diffs().get(0).after());
    }

    @Test
    void recurseFixesOnlyWhatDiffers() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("tree/sub"));
        Path f1 = Files.writeString(d.resolve("f1"), "x");
        Path f2 = Files.writeString(tmp.resolve("tree/f2"), "x");
        Files.setPosixFilePermissions(f1, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(f2, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(tmp.resolve("tree/link"), Path.of("/etc/hostname"));
        var a = args("path", tmp.resolve("tree").toString(), "state", "directory", "recurse", true, "mode", "u=rwX,g=rX,o=");
        ModuleResult first = file.ok(a);
        assertTrue(first.changed());
        assertEquals("0750", mode(tmp.resolve("tree")));
        assertEquals("0750", mode(d));
        assertEquals("0750", mode(f1), "X keeps execute on a file that had it");
        assertEquals("0640", mode(f2));
        assertFalse(file.ok(a).changed());

        var owner = args("path", tmp.resolve("tree").toString(), "recurse", true, "owner", "nobody");
        assertTrue(file.ok(owner).changed());
        assertEquals("nobody", Files.getOwner(f1).getName());
        assertEquals("nobody", Files.getOwner(tmp.resolve("tree/link"), LinkOption.NOFOLLOW_LINKS).getName());
        assertEquals("root", Files.getOwner(Path.of("/etc/hostname")).getName(), "the link's target is not touched");
        assertFalse(file.ok(owner).changed());
    }

    @Test
    void fileStateSetsAttributesAndFailsOnAMissingFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(file.ok(args("path", f.toString(), "mode", "0600")).changed());
        assertEquals("0600", mode(f));
        assertFalse(file.ok(args("path", f.toString(), "mode", "0600", "state", "file")).changed());
        ModuleResult missing = file.run(args("path", tmp.resolve("nope").toString(), "state", "file"));
        assertTrue(missing.failed());
        assertTrue(missing.msg().startsWith("file (" + tmp.resolve("nope") + ") is absent, cannot continue"), missing.msg());
    }

    @Test
    void touchAlwaysChangesUnlessTimesArePreserved() throws IOException {
        Path f = tmp.resolve("stamp");
        assertTrue(file.ok(args("path", f.toString(), "state", "touch", "mode", "0640")).changed());
        assertTrue(Files.exists(f));
        assertEquals("0640", mode(f));
        assertTrue(file.ok(args("path", f.toString(), "state", "touch")).changed(), "Ansible's touch reports a change");
        var idempotent = args("path", f.toString(), "state", "touch", "mode", "0640",
                "modification_time", "preserve", "access_time", "preserve");
        assertFalse(file.ok(idempotent).changed());
        Path fresh = tmp.resolve("fresh");
        assertTrue(file.ok(args("path", fresh.toString(), "state", "touch", "modification_time", "preserve",
                "access_time", "preserve")).changed(), "a missing file is created");
        assertFalse(file.ok(args("path", fresh.toString(), "state", "touch", "modification_time", "preserve",
                "access_time", "preserve")).changed());
    }

    @Test
    void anExplicitModificationTimeIsSetOnce() throws IOException {
        Path f = Files.writeString(tmp.resolve("old"), "x");
        var a = args("path", f.toString(), "state", "touch", "modification_time", "202001021530.45", "access_time", "preserve");
        assertTrue(file.ok(a).changed());
        Instant want = LocalDateTime.of(2020, 1, 2, 15, 30, 45).atZone(ZoneId.systemDefault()).toInstant();
        assertEquals(FileTime.from(want), Files.getLastModifiedTime(f));
        assertFalse(file.ok(a).changed());
        var formatted = args("path", f.toString(), "modification_time", "2020-01-02 15:30:45",
                "modification_time_format", "%Y-%m-%d %H:%M:%S");
        assertFalse(file.ok(formatted).changed(), "the same time in another format is no change");
    }

    @Test
    void absentRemovesFilesAndFolders() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("gone/sub"));
        Files.writeString(d.resolve("f"), "x");
        var a = args("path", tmp.resolve("gone").toString(), "state", "absent");
        ModuleResult check = file.check(a);
        assertTrue(check.changed());
        assertTrue(Files.exists(d));
        assertTrue(file.ok(a).changed());
        assertFalse(Files.exists(tmp.resolve("gone")));
        assertFalse(file.ok(a).changed());
    }

    @Test
    void symlinkIsCreatedRepointedAndLeftAlone() throws IOException {
        Files.writeString(tmp.resolve("v1"), "1");
        Files.writeString(tmp.resolve("v2"), "2");
        Path link = tmp.resolve("current");
        var v1 = args("path", link.toString(), "src", "v1", "state", "link");
        assertTrue(file.ok(v1).changed());
        assertEquals(Path.of("v1"), Files.readSymbolicLink(link));
        assertFalse(file.ok(v1).changed());
        ModuleResult diff = file.diff(args("path", link.toString(), "src", "v2", "state", "link"));
        assertTrue(diff.changed());
        assertEquals(Path.of("v2"), Files.readSymbolicLink(link));
        assertTrue(diff.diffs().stream().anyMatch(d -> d.before().contains("src: v1") && d.after().contains("src: v2")));
    }

    @Test
    void symlinkRefusesToReplaceAFileWithoutForce() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        Files.writeString(tmp.resolve("target"), "t");
        ModuleResult r = file.run(args("path", f.toString(), "src", "target", "state", "link"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("refusing to convert from file to symlink"), r.msg());
        assertTrue(file.ok(args("path", f.toString(), "src", "target", "state", "link", "force", true)).changed());
        assertTrue(Files.isSymbolicLink(f));
    }

    @Test
    void symlinkToAMissingSourceNeedsForce() {
        Path link = tmp.resolve("dangling");
        ModuleResult r = file.run(args("path", link.toString(), "src", "/nonexistent/jplay", "state", "link"));
        assertTrue(r.failed());
        assertTrue(r.msg().startsWith("src file does not exist"), r.msg());
        assertTrue(file.ok(args("path", link.toString(), "src", "/nonexistent/jplay", "state", "link", "force", true)).changed());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void hardLinkIsCreatedOnce() throws IOException {
        Path src = Files.writeString(tmp.resolve("data"), "x");
        Path hard = tmp.resolve("alias");
        var a = args("path", hard.toString(), "src", src.toString(), "state", "hard");
        assertTrue(file.ok(a).changed());
        assertEquals(Files.getAttribute(src, "unix:ino"), Files.getAttribute(hard, "unix:ino"));
        assertFalse(file.ok(a).changed());
        Path other = Files.writeString(tmp.resolve("other"), "y");
        ModuleResult r = file.run(args("path", hard.toString(), "src", other.toString(), "state", "hard"));
        assertTrue(r.failed(), "a different hard link is not replaced without force");
        assertTrue(file.ok(args("path", hard.toString(), "src", other.toString(), "state", "hard", "force", true)).changed());
        assertEquals(Files.getAttribute(other, "unix:ino"), Files.getAttribute(hard, "unix:ino"));
    }

    @Test
    void defaultStateIsWhatThePathIs() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("dir"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        ModuleResult r = file.ok(args("path", d.toString(), "mode", "0700"));
        assertTrue(r.changed());
        assertEquals("directory", r.values().get("state"));
        assertEquals("0700", mode(d));
    }

    @Test
    void attributesFollowASymlinkToItsTarget() throws IOException {
        Path target = Files.writeString(tmp.resolve("target"), "x");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertTrue(file.ok(args("path", link.toString(), "mode", "0600")).changed());
        assertEquals("0600", mode(target));
        assertFalse(file.ok(args("path", link.toString(), "mode", "0600")).changed());
    }

    @Test
    void tildeMeansTheHostUsersHome() {
        ModuleResult r = file.ok(args("path", "~", "state", "directory"));
        assertFalse(r.changed());
        assertEquals(System.getenv().getOrDefault("HOME", "/root"), r.values().get("path"));
    }
}
