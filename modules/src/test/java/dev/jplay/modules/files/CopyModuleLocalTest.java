package dev.jplay.modules.files;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** copy for real on this machine: first run changes, second does not; check mode touches nothing; diff shows content. */
class CopyModuleLocalTest {
    @TempDir
    Path tmp;
    Path base;
    Path host;
    LocalRunner copy;

    @BeforeEach
    void setUp() throws IOException {
        base = Files.createDirectories(tmp.resolve("playbook"));
        host = Files.createDirectories(tmp.resolve("host"));
        copy = new LocalRunner(new CopyModule(), base);
    }

    @Test
    void contentIsWrittenOnceThenLeftAlone() throws IOException {
        Path dest = host.resolve("motd");
        ModuleResult first = copy.ok(args("content", "hello\n", "dest", dest.toString()));
        assertTrue(first.changed());
        assertEquals("hello\n", Files.readString(dest));
        assertEquals(FileContentWriter.sha256("hello\n".getBytes()), first.values().get("checksum"));
        assertEquals(6L, first.values().get("size"));
        assertEquals(dest.toString(), first.values().get("dest"));

        ModuleResult second = copy.ok(args("content", "hello\n", "dest", dest.toString()));
        assertFalse(second.changed());
    }

    @Test
    void checkModeChangesNothingButReportsTheChange() {
        Path dest = host.resolve("motd");
        ModuleResult r = copy.check(args("content", "hello\n", "dest", dest.toString(), "mode", "0600"));
        assertFalse(r.failed(), r.msg());
        assertTrue(r.changed());
        assertFalse(Files.exists(dest));
    }

    @Test
    void diffModeShowsBeforeAndAfter() throws IOException {
        Path dest = host.resolve("conf");
        Files.writeString(dest, "old\n");
        ModuleResult r = copy.diff(args("content", "new\n", "dest", dest.toString()));
        assertTrue(r.changed());
        assertEquals(1, r.diffs().size());
        assertEquals("old\n", r.diffs().get(0).before());
        assertEquals("new\n", r.diffs().get(0).after());
        assertEquals("new\n", Files.readString(dest));
    }

    @Test
    void onlyTheModeIsFixedWhenTheContentIsRight() throws IOException {
        Path dest = host.resolve("secret");
        Files.writeString(dest, "s\n");
        Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rw-r--r--"));
        long inode = (long) Files.getAttribute(dest, "unix:ino");
        ModuleResult r = copy.ok(args("content", "s\n", "dest", dest.toString(), "mode", "0600"));
        assertTrue(r.changed());
        assertEquals("0600", mode(dest));
        assertEquals(inode, (long) Files.getAttribute(dest, "unix:ino"), "attributes fixed in place, not rewritten");
        assertFalse(copy.ok(args("content", "s\n", "dest", dest.toString(), "mode", "0600")).changed());
        assertFalse(copy.ok(args("content", "s\n", "dest", dest.toString(), "mode", "u=rw,g=,o=")).changed(),
                "the same mode written symbolically is no change");
    }

    @Test
    void aSymbolicModeIsResolvedForANewFile() throws IOException {
        Path dest = host.resolve("tool");
        copy.ok(args("content", "#!/bin/sh\n", "dest", dest.toString(), "mode", "u=rwx,g=rx,o="));
        assertEquals("0750", mode(dest));
    }

    @Test
    void aSourceFileGoesInsideADestinationFolder() throws IOException {
        Files.createDirectories(base.resolve("files"));
        Files.writeString(base.resolve("files/app.conf"), "x=1\n");
        ModuleResult r = copy.ok(args("src", "app.conf", "dest", host.toString()));
        assertTrue(r.changed());
        assertEquals("x=1\n", Files.readString(host.resolve("app.conf")));
        assertEquals(host.resolve("app.conf").toString(), r.values().get("dest"));
        assertFalse(copy.ok(args("src", "app.conf", "dest", host.toString())).changed());
    }

    @Test
    void aDestinationEndingWithSlashIsCreated() throws IOException {
        Files.createDirectories(base.resolve("files"));
        Files.writeString(base.resolve("files/app.conf"), "x=1\n");
        copy.ok(args("src", "app.conf", "dest", host + "/new/dir/"));
        assertEquals("x=1\n", Files.readString(host.resolve("new/dir/app.conf")));
    }

    @Test
    void aMissingParentFolderFailsClearly() {
        ModuleResult r = copy.run(args("content", "x", "dest", host + "/missing/file"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("Destination directory " + host + "/missing does not exist"), r.msg());
    }

    @Test
    void forceFalseOnlyCreates() throws IOException {
        Path dest = host.resolve("keep");
        Files.writeString(dest, "mine\n");
        assertFalse(copy.ok(args("content", "theirs\n", "dest", dest.toString(), "force", false)).changed());
        assertEquals("mine\n", Files.readString(dest));
        Path fresh = host.resolve("fresh");
        assertTrue(copy.ok(args("content", "theirs\n", "dest", fresh.toString(), "force", false)).changed());
    }

    @Test
    void backupKeepsTheOldContent() throws IOException {
        Path dest = host.resolve("conf");
        Files.writeString(dest, "old\n");
        ModuleResult r = copy.ok(args("content", "new\n", "dest", dest.toString(), "backup", true));
        String backup = (String) r.values().get("backup_file");
        assertTrue(backup.startsWith(dest + "."), backup);
        assertEquals("old\n", Files.readString(Path.of(backup)));
        assertEquals("new\n", Files.readString(dest));
    }

    @Test
    void aFailingValidateLeavesTheOldFileAndNoTempFile() throws IOException {
        Path dest = host.resolve("sudoers");
        Files.writeString(dest, "good\n");
        ModuleResult r = copy.run(args("content", "bad\n", "dest", dest.toString(), "validate", "grep -q good %s"));
        assertTrue(r.failed());
        assertTrue(r.msg().startsWith("failed to validate: rc:1"), r.msg());
        assertEquals("good\n", Files.readString(dest));
        try (Stream<Path> s = Files.list(host)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
        ModuleResult ok = copy.ok(args("content", "good too\n", "dest", dest.toString(), "validate", "grep -q good %s"));
        assertTrue(ok.changed());
        assertEquals("good too\n", Files.readString(dest));
    }

    @Test
    void aSymlinkIsReplacedUnlessFollowed() throws IOException {
        Path real = host.resolve("real");
        Files.writeString(real, "a\n");
        Path link = Files.createSymbolicLink(host.resolve("link"), real);
        assertTrue(copy.ok(args("content", "b\n", "dest", link.toString(), "follow", true)).changed());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("b\n", Files.readString(real));
        assertFalse(copy.ok(args("content", "b\n", "dest", link.toString(), "follow", true)).changed());

        assertTrue(copy.ok(args("content", "b\n", "dest", link.toString())).changed(), "follow=false replaces the link");
        assertFalse(Files.isSymbolicLink(link));
        assertFalse(copy.ok(args("content", "b\n", "dest", link.toString())).changed());
    }

    @Test
    void ownerAndGroupAreComparedByIdAndChangedOnlyWhenDifferent() throws IOException {
        Path dest = host.resolve("owned");
        copy.ok(args("content", "x\n", "dest", dest.toString(), "owner", "root", "group", "root"));
        assertFalse(copy.ok(args("content", "x\n", "dest", dest.toString(), "owner", "0", "group", "0")).changed());
        ModuleResult r = copy.ok(args("content", "x\n", "dest", dest.toString(), "owner", "nobody"));
        assertTrue(r.changed());
        assertEquals("nobody", Files.getOwner(dest).getName());
        assertFalse(copy.ok(args("content", "x\n", "dest", dest.toString(), "owner", "nobody")).changed());
    }

    @Test
    void anUnknownOwnerFailsEvenInCheckMode() {
        ModuleResult r = copy.check(args("content", "x\n", "dest", host.resolve("f").toString(), "owner", "no-such-user-jplay"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("user 'no-such-user-jplay' does not exist"), r.msg());
    }

    @Test
    void modePreserveTakesTheSourceFileMode() throws IOException {
        Files.createDirectories(base.resolve("files"));
        Path src = Files.writeString(base.resolve("files/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwxr-x---"));
        copy.ok(args("src", "run.sh", "dest", host.resolve("run.sh").toString(), "mode", "preserve"));
        assertEquals("0750", mode(host.resolve("run.sh")));
    }

    @Test
    void worksThroughBecome() throws IOException {
        Path dest = host.resolve("via-sudo");
        ModuleResult r = copy.become(args("content", "root wrote this\n", "dest", dest.toString()), Become.sudo("root"));
        assertFalse(r.failed(), r.msg());
        assertTrue(r.changed());
        assertEquals("root wrote this\n", Files.readString(dest));
        assertFalse(copy.become(args("content", "root wrote this\n", "dest", dest.toString()), Become.sudo("root")).changed());
    }

    @Test
    void worksAsAnUnprivilegedBecomeUser() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectories(host.resolve("nobody-home"));
        Files.setOwner(home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path dest = home.resolve("f");
        ModuleResult r = copy.become(args("content", "mine\n", "dest", dest.toString()), Become.sudo("nobody"));
        assertFalse(r.failed(), r.msg());
        assertTrue(r.changed());
        assertEquals("nobody", r.values().get("owner"), "a new file belongs to the become user");
        assertEquals("nobody", Files.getOwner(dest).getName());
        assertFalse(copy.become(args("content", "mine\n", "dest", dest.toString()), Become.sudo("nobody")).changed());

        LocalRunner lineinfile = new LocalRunner(new LineInFileModule(), base);
        assertTrue(lineinfile.become(args("path", dest.toString(), "line", "more"), Become.sudo("nobody")).changed());
        assertEquals("mine\nmore\n", Files.readString(dest));
        ModuleResult denied = copy.become(args("content", "x", "dest", host.resolve("root-only").toString()),
                Become.sudo("nobody"));
        assertTrue(denied.failed(), "nobody cannot write into a root folder");
        assertTrue(denied.msg().contains("Permission denied"), denied.msg());
    }

    @Test
    void aFolderIsCopiedRecursivelyAndOnlyDifferencesAreWritten() throws IOException {
        Path src = Files.createDirectories(base.resolve("files/site"));
        Files.writeString(src.resolve("index.html"), "<h1>hi</h1>\n");
        Files.createDirectories(src.resolve("css"));
        Files.writeString(src.resolve("css/site.css"), "body{}\n");

        ModuleResult first = copy.ok(args("src", "site", "dest", host.toString(), "directory_mode", "0750", "mode", "0640"));
        assertTrue(first.changed());
        assertEquals("<h1>hi</h1>\n", Files.readString(host.resolve("site/index.html")));
        assertEquals("body{}\n", Files.readString(host.resolve("site/css/site.css")));
        assertEquals("0750", mode(host.resolve("site/css")));
        assertEquals("0640", mode(host.resolve("site/css/site.css")));
        assertFalse(copy.ok(args("src", "site", "dest", host.toString(), "directory_mode", "0750", "mode", "0640")).changed());

        Files.writeString(src.resolve("css/site.css"), "body{color:red}\n");
        long indexInode = (long) Files.getAttribute(host.resolve("site/index.html"), "unix:ino");
        ModuleResult third = copy.ok(args("src", "site", "dest", host.toString(), "directory_mode", "0750", "mode", "0640"));
        assertTrue(third.changed());
        assertEquals("body{color:red}\n", Files.readString(host.resolve("site/css/site.css")));
        assertEquals(indexInode, (long) Files.getAttribute(host.resolve("site/index.html"), "unix:ino"),
                "an unchanged file is not rewritten");

        ModuleResult contents = copy.ok(args("src", "site/", "dest", host.resolve("flat").toString() + "/"));
        assertTrue(contents.changed());
        assertTrue(Files.exists(host.resolve("flat/index.html")), "'site/' copies what is inside the folder");
    }

    @Test
    void aRecursiveCopyInCheckModeCreatesNothing() throws IOException {
        Path src = Files.createDirectories(base.resolve("files/tree/sub"));
        Files.writeString(src.resolve("f"), "x");
        ModuleResult r = copy.check(args("src", "tree", "dest", host.toString()));
        assertFalse(r.failed(), r.msg());
        assertTrue(r.changed());
        assertFalse(Files.exists(host.resolve("tree")));
    }
}
