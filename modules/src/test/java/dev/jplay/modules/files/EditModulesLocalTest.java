package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lineinfile and blockinfile for real: run twice, check mode, diff mode, symlinks, create, validate. */
class EditModulesLocalTest {
    @TempDir
    Path tmp;
    Path conf;
    LocalRunner lineinfile;
    LocalRunner blockinfile;

    @BeforeEach
    void setUp() throws IOException {
        conf = tmp.resolve("sshd_config");
        Files.writeString(conf, "Port 22\nPermitRootLogin yes\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        lineinfile = new LocalRunner(new LineInFileModule(), tmp);
        blockinfile = new LocalRunner(new BlockInFileModule(), tmp);
    }

    @Test
    void lineinfileChangesOnceAndKeepsTheMode() throws IOException {
        var a = args("path", conf.toString(), "regexp", "^PermitRootLogin", "line", "PermitRootLogin no");
        ModuleResult first = lineinfile.ok(a);
        assertTrue(first.changed());
        assertEquals("line replaced", first.msg());
        assertEquals("Port 22\nPermitRootLogin no\n", Files.readString(conf));
        assertEquals("0640", mode(conf), "an edit keeps the file's mode");
        assertFalse(lineinfile.ok(a).changed());
    }

    @Test
    void lineinfileCheckModeAndDiffMode() throws IOException {
        var a = args("path", conf.toString(), "line", "UseDNS no");
        ModuleResult check = lineinfile.check(a);
        assertTrue(check.changed());
        assertEquals("Port 22\nPermitRootLogin yes\n", Files.readString(conf));
        ModuleResult diff = lineinfile.diff(a);
        assertTrue(diff.changed());
        assertEquals("Port 22\nPermitRootLogin yes\n", diff.diffs().get(0).before());
        assertEquals("Port 22\nPermitRootLogin yes\nUseDNS no\n", diff.diffs().get(0).after());
    }

    @Test
    void lineinfileFollowsASymlinkToTheRealFile() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), conf);
        assertTrue(lineinfile.ok(args("path", link.toString(), "line", "X 1")).changed());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("Port 22\nPermitRootLogin yes\nX 1\n", Files.readString(conf));
        assertFalse(lineinfile.ok(args("path", link.toString(), "line", "X 1")).changed());
    }

    @Test
    void lineinfileCreatesFileAndFolder() throws IOException {
        Path fresh = tmp.resolve("new/dir/file.conf");
        ModuleResult r = lineinfile.ok(args("path", fresh.toString(), "line", "a=1", "create", true, "mode", "0600"));
        assertTrue(r.changed());
        assertEquals("a=1\n", Files.readString(fresh));
        assertEquals("0600", mode(fresh));
        assertFalse(lineinfile.ok(args("path", fresh.toString(), "line", "a=1", "create", true, "mode", "0600")).changed());
    }

    @Test
    void lineinfileOnAFolderFails() {
        ModuleResult r = lineinfile.run(args("path", tmp.toString(), "line", "x"));
        assertTrue(r.failed());
        assertEquals("Path " + tmp + " is a directory !", r.msg());
        assertEquals(256, r.values().get("rc"));
    }

    @Test
    void lineinfileValidateGuardsTheFile() throws IOException {
        ModuleResult r = lineinfile.run(args("path", conf.toString(), "line", "Broken", "validate", "! grep -q Broken %s"));
        assertTrue(r.failed());
        assertEquals("Port 22\nPermitRootLogin yes\n", Files.readString(conf));
    }

    @Test
    void lineinfileAbsentRemovesLines() throws IOException {
        var a = args("path", conf.toString(), "regexp", "^Port", "state", "absent");
        ModuleResult r = lineinfile.ok(a);
        assertTrue(r.changed());
        assertEquals(1, r.values().get("found"));
        assertEquals("PermitRootLogin yes\n", Files.readString(conf));
        assertFalse(lineinfile.ok(a).changed());
    }

    @Test
    void blockinfileChangesOnceThenUpdatesAndRemoves() throws IOException {
        var a = args("path", conf.toString(), "block", "Match User git\n  X11Forwarding no");
        assertTrue(blockinfile.ok(a).changed());
        String withBlock = "Port 22\nPermitRootLogin yes\n# BEGIN ANSIBLE MANAGED BLOCK\nMatch User git\n  X11Forwarding no\n"
                + "# END ANSIBLE MANAGED BLOCK\n";
        assertEquals(withBlock, Files.readString(conf));
        assertFalse(blockinfile.ok(a).changed());

        ModuleResult check = blockinfile.check(args("path", conf.toString(), "state", "absent"));
        assertTrue(check.changed());
        assertEquals(withBlock, Files.readString(conf), "check mode changes nothing");

        ModuleResult diff = blockinfile.diff(args("path", conf.toString(), "block", "Match User git\n  X11Forwarding yes"));
        assertTrue(diff.changed());
        assertEquals(withBlock, diff.diffs().get(0).before());

        assertTrue(blockinfile.ok(args("path", conf.toString(), "state", "absent")).changed());
        assertEquals("Port 22\nPermitRootLogin yes\n", Files.readString(conf));
        assertFalse(blockinfile.ok(args("path", conf.toString(), "state", "absent")).changed());
    }

    @Test
    void blockinfileBackup() throws IOException {
        ModuleResult r = blockinfile.ok(args("path", conf.toString(), "block", "x", "backup", true));
        String backup = (String) r.values().get("backup_file");
        assertEquals("Port 22\nPermitRootLogin yes\n", Files.readString(Path.of(backup)));
    }
}
