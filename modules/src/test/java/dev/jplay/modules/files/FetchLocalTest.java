package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.jplay.modules.files.LocalRunner.args;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fetch for real: the host is this machine, the controller's folder a temp dir. */
class FetchLocalTest {
    @TempDir
    Path tmp;

    @Test
    void fetchesOnceThenOnlyWhenTheHostFileChanges() throws IOException {
        Path src = tmp.resolve("host/-data file");
        Files.createDirectories(src.getParent());
        byte[] bytes = {1, 2, 0, '\n', (byte) 0x80};
        Files.write(src, bytes);
        LocalRunner fetch = new LocalRunner(new FetchModule(), tmp.resolve("pb"));
        var a = args("src", src.toString(), "dest", "fetched");
        ModuleResult first = fetch.ok(a);
        assertTrue(first.changed());
        Path copy = Path.of(tmp.resolve("pb/fetched/testhost") + src.toString());
        assertEquals(copy.toString(), first.values().get("dest"));
        assertArrayEquals(bytes, Files.readAllBytes(copy));
        assertFalse(fetch.ok(a).changed(), "second run");
        Files.writeString(src, "new\n");
        assertTrue(fetch.ok(a).changed());
        assertEquals("new\n", Files.readString(copy));
    }

    @Test
    void flatIntoAFolderAndMissingFiles() throws IOException {
        Path src = tmp.resolve("motd");
        Files.writeString(src, "hi\n");
        LocalRunner fetch = new LocalRunner(new FetchModule(), tmp);
        ModuleResult r = fetch.ok(args("src", src.toString(), "dest", tmp.resolve("out") + "/", "flat", true));
        assertEquals("hi\n", Files.readString(tmp.resolve("out/motd")));
        assertTrue(r.changed());
        ModuleResult dir = fetch.run(args("src", src.toString(), "dest", tmp.resolve("out").toString(), "flat", true));
        assertTrue(dir.failed());
        assertTrue(dir.msg().startsWith("dest is an existing directory"), dir.msg());
        ModuleResult missing = fetch.run(args("src", tmp.resolve("none").toString(), "dest", "x", "fail_on_missing", false));
        assertFalse(missing.failed());
        assertFalse(missing.changed());
    }
}
