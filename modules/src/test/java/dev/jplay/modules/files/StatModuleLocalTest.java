package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static dev.jplay.modules.files.LocalRunner.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stat for real: the facts match what Java sees, and nothing is ever changed. */
class StatModuleLocalTest {
    @TempDir
    Path tmp;
    LocalRunner stat;

    @BeforeEach
    void setUp() {
        stat = new LocalRunner(new StatModule(), tmp);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stat(Object... kv) {
        ModuleResult r = stat.ok(args(kv));
        assertFalse(r.changed());
        return (Map<String, Object>) r.values().get("stat");
    }

    @Test
    void aRegularFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("f.txt"), "hello\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        Map<String, Object> s = stat("path", f.toString());
        assertEquals(true, s.get("exists"));
        assertEquals(true, s.get("isreg"));
        assertEquals(false, s.get("isdir"));
        assertEquals("0750", s.get("mode"));
        assertEquals(6L, s.get("size"));
        assertEquals("root", s.get("pw_name"));
        assertEquals(0L, s.get("uid"));
        assertEquals(true, s.get("xusr"));
        assertEquals(false, s.get("roth"));
        assertEquals(true, s.get("readable"));
        assertEquals(FileContentWriter.sha256("hello\n".getBytes()), s.get("checksum"));
        assertEquals(Files.getAttribute(f, "unix:ino"), s.get("inode"));
        assertEquals(Files.getLastModifiedTime(f).toMillis() / 1000, s.get("mtime"));
        assertEquals("text/plain", s.get("mimetype"));
    }

    @Test
    void otherChecksumAlgorithms() throws IOException {
        Path f = Files.writeString(tmp.resolve("f"), "hello\n");
        assertEquals("f572d396fae9206628714fb2ce00f72e94f2258f", stat("path", f.toString(), "checksum_algorithm", "sha1")
                .get("checksum"));
        assertNull(stat("path", f.toString(), "get_checksum", false).get("checksum"));
    }

    @Test
    void aMissingPath() {
        assertEquals(Map.of("exists", false), stat("path", tmp.resolve("nope").toString()));
    }

    @Test
    void aSymlinkWithAndWithoutFollow() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("real"));
        Map<String, Object> own = stat("path", link.toString());
        assertEquals(true, own.get("islnk"));
        assertEquals("real", own.get("lnk_target"));
        assertEquals(target.toString(), own.get("lnk_source"));
        Map<String, Object> followed = stat("path", link.toString(), "follow", true);
        assertEquals(false, followed.get("islnk"));
        assertEquals(true, followed.get("isdir"));
        Files.delete(target);
        assertEquals(false, stat("path", link.toString(), "follow", true).get("exists"), "a dangling link followed is missing");
        assertEquals(true, stat("path", link.toString()).get("exists"));
    }

    @Test
    void checkModeStillReports() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("d"));
        ModuleResult r = stat.check(args("path", d.toString()));
        assertFalse(r.changed());
        assertTrue((Boolean) ((Map<?, ?>) r.values().get("stat")).get("isdir"));
    }
}
