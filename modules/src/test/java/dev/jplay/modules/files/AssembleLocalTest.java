package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jplay.modules.files.LocalRunner.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** assemble for real: the cases of cases/assemble.yml (checked against ansible-core), from the host and the controller. */
class AssembleLocalTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> casesAgreeWithAnsible() {
        return FileModuleCasesTest.load("assemble").stream().flatMap(c -> Stream.of(true, false).map(remote ->
                DynamicTest.dynamicTest(c.get("name") + (remote ? " (remote_src)" : " (controller src)"),
                        () -> runCase(c, remote))));
    }

    @SuppressWarnings("unchecked")
    private void runCase(Map<String, Object> c, boolean remote) throws IOException {
        Path base = Files.createTempDirectory(tmp, "a");
        Path src = base.resolve("frag ments");
        Files.createDirectories(src);
        for (var f : ((Map<String, Object>) c.get("fragments")).entrySet()) {
            Files.writeString(src.resolve(f.getKey()), String.valueOf(f.getValue()));
        }
        Files.createDirectories(src.resolve("a-subfolder-is-skipped"));
        Path dest = base.resolve("out.conf");
        Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) c.get("args"));
        a.put("src", src.toString());
        a.put("dest", dest.toString());
        a.put("remote_src", remote);
        LocalRunner assemble = new LocalRunner(new AssembleModule(), base);
        ModuleResult r = assemble.ok(a);
        assertTrue(r.changed());
        assertEquals("OK", r.msg());
        assertEquals(c.get("result"), Files.readString(dest));
        assertFalse(assemble.ok(a).changed(), "second run");
    }

    @Test
    void checkDiffValidateAndErrors() throws IOException {
        Path src = tmp.resolve("-parts");
        Files.createDirectories(src);
        Files.writeString(src.resolve("1"), "x=1\n");
        Path dest = tmp.resolve("app.conf");
        Files.writeString(dest, "old\n");
        LocalRunner assemble = new LocalRunner(new AssembleModule(), tmp);
        var a = args("src", src.toString(), "dest", dest.toString(), "validate", "grep -q x= %s", "backup", true);
        ModuleResult check = assemble.check(a);
        assertTrue(check.changed());
        assertEquals("old\n", Files.readString(dest));
        ModuleResult diff = assemble.diff(a);
        assertTrue(diff.changed(), diff.msg());
        assertEquals("old\n", diff.diffs().get(0).before());
        assertEquals("x=1\n", diff.diffs().get(0).after());
        assertEquals("old\n", Files.readString(Path.of((String) diff.values().get("backup_file"))));
        assertEquals("9b8d66f5f6c0ac2297e3a79ae2c2b3db3b1b7e1e".length(), ((String) diff.values().get("checksum")).length());

        Files.writeString(src.resolve("2"), "nothing valid\n");
        ModuleResult invalid = assemble.run(args("src", src.toString(), "dest", dest.toString(), "validate", "false %s"));
        assertTrue(invalid.failed());
        assertEquals("x=1\n", Files.readString(dest), "a failed validation keeps the old file");

        ModuleResult missing = assemble.run(args("src", tmp.resolve("none").toString(), "dest", dest.toString()));
        assertEquals("Source (" + tmp.resolve("none") + ") does not exist", missing.msg());
        ModuleResult notDir = assemble.run(args("src", dest.toString(), "dest", dest.toString()));
        assertEquals("Source (" + dest + ") is not a directory", notDir.msg());
    }
}
