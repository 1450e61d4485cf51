package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** replace, slurp and tempfile for real through the local connection, in a temp folder. */
class HostFileModulesLocalTest {
    @TempDir
    Path tmp;

    @Test
    void replaceChangesOnceKeepsTheModeAndHonoursCheckAndDiff() throws IOException {
        Path conf = tmp.resolve("app conf");
        Files.writeString(conf, "listen 80\n[tls]\nlisten 443\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        LocalRunner replace = new LocalRunner(new ReplaceModule(), tmp);
        var a = args("path", conf.toString(), "regexp", "^listen (\\d+)$", "replace", "listen 127.0.0.1:\\1", "after", "\\[tls\\]");

        ModuleResult check = replace.check(a);
        assertTrue(check.changed());
        assertEquals("listen 80\n[tls]\nlisten 443\n", Files.readString(conf), "check mode writes nothing");

        ModuleResult diff = replace.diff(a);
        assertTrue(diff.changed());
        assertEquals("1 replacements made", diff.msg());
        assertEquals("listen 80\n[tls]\nlisten 443\n", diff.diffs().get(0).before());
        assertEquals("listen 80\n[tls]\nlisten 127.0.0.1:443\n", diff.diffs().get(0).after());
        assertEquals("listen 80\n[tls]\nlisten 127.0.0.1:443\n", Files.readString(conf));
        assertEquals("0640", mode(conf));

        assertFalse(replace.ok(a).changed(), "second run");
    }

    @Test
    void replaceWithBackupKeepsTheOldFile() throws IOException {
        Path conf = tmp.resolve("c");
        Files.writeString(conf, "a\n");
        ModuleResult r = new LocalRunner(new ReplaceModule(), tmp).ok(args("path", conf.toString(), "regexp", "a",
                "replace", "b", "backup", true));
        String backup = (String) r.values().get("backup_file");
        assertEquals("a\n", Files.readString(Path.of(backup)));
        assertEquals("b\n", Files.readString(conf));
    }

    @Test
    void slurpReturnsBinaryContentBase64() throws IOException {
        Path bin = tmp.resolve("-blob");
        byte[] bytes = {0, 1, (byte) 0xff, '\n', 'x'};
        Files.write(bin, bytes);
        ModuleResult r = new LocalRunner(new SlurpModule(), tmp).ok(args("src", bin.toString()));
        assertFalse(r.changed());
        assertEquals(Base64.getEncoder().encodeToString(bytes), r.values().get("content"));
        ModuleResult missing = new LocalRunner(new SlurpModule(), tmp).run(args("src", tmp.resolve("none").toString()));
        assertTrue(missing.failed());
        assertEquals("file not found: " + tmp.resolve("none"), missing.msg());
    }

    @Test
    void tempfileMakesANewFileOrFolderEachRun() throws IOException {
        LocalRunner tempfile = new LocalRunner(new TempFileModule(), tmp);
        ModuleResult f = tempfile.ok(args("path", tmp.toString(), "prefix", "-p ", "suffix", ".txt"));
        Path file = Path.of((String) f.values().get("path"));
        assertTrue(f.changed());
        assertTrue(Files.isRegularFile(file));
        assertTrue(file.getFileName().toString().matches("-p .{8}\\.txt"), file.toString());
        assertEquals("0600", mode(file));
        assertEquals("0600", f.values().get("mode"));
        ModuleResult d = tempfile.ok(args("path", tmp.toString(), "state", "directory"));
        Path dir = Path.of((String) d.values().get("path"));
        assertTrue(Files.isDirectory(dir));
        assertEquals("0700", mode(dir));
        assertTrue(dir.getFileName().toString().startsWith("ansible."));
        assertFalse(dir.equals(Path.of((String) tempfile.ok(args("path", tmp.toString(), "state", "directory"))
                .values().get("path"))));
    }

    @Test
    void aNulInAPathIsRefusedAndQuotesStayData() throws IOException {
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "keep");
        ModuleResult nul = new LocalRunner(new SlurpModule(), tmp).run(args("src", victim + "\0/etc/shadow"));
        assertTrue(nul.failed());
        assertTrue(nul.msg().contains("NUL"), nul.msg());
        String evil = tmp + "/x'; rm -f '" + victim + "'; echo '";
        ModuleResult r = new LocalRunner(new ReplaceModule(), tmp).run(args("path", evil, "regexp", "a"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("does not exist"), r.msg());
        assertEquals("keep", Files.readString(victim, StandardCharsets.UTF_8));
    }
}
