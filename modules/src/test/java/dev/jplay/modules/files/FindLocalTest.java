package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jplay.modules.files.LocalRunner.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * find for real on the tree of cases/find-tree.yml, whose expected results come from ansible-core's
 * find on the same tree (cases/find-ansible-check.py).
 */
class FindLocalTest {
    @TempDir
    static Path tmp;

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> searchesAgreeWithAnsible() throws IOException {
        Map<String, Object> spec;
        try (InputStream in = getClass().getResourceAsStream("/cases/find-tree.yml")) {
            spec = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        Path root = tmp.resolve("tree");
        build(root, (Map<String, Object>) spec.get("tree"));
        LocalRunner find = new LocalRunner(new FindModule(), tmp);
        return ((List<Map<String, Object>>) spec.get("searches")).stream().map(s -> DynamicTest.dynamicTest(
                String.valueOf(s.get("args")), () -> {
                    Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) s.get("args"));
                    a.put("paths", root.toString());
                    ModuleResult r = find.ok(a);
                    List<Map<String, Object>> files = (List<Map<String, Object>>) r.values().get("files");
                    List<String> got = files.stream().map(f -> root.relativize(Path.of((String) f.get("path"))).toString())
                            .sorted().toList();
                    assertEquals(((List<String>) s.get("paths")).stream().sorted().toList(), got, "paths");
                    assertEquals(((Number) s.get("examined")).intValue(), r.values().get("examined"), "examined");
                    assertEquals(got.size(), r.values().get("matched"));
                    assertFalse(r.changed());
                    if (s.containsKey("checksum")) {
                        assertEquals(s.get("checksum"), files.get(0).get("checksum"));
                    }
                }));
    }

    @SuppressWarnings("unchecked")
    private static void build(Path root, Map<String, Object> tree) throws IOException {
        for (var f : ((Map<String, Object>) tree.get("files")).entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, String.valueOf(f.getValue()));
        }
        for (var l : ((Map<String, Object>) tree.get("links")).entrySet()) {
            Files.createSymbolicLink(root.resolve(l.getKey()), Path.of(String.valueOf(l.getValue())));
        }
        for (var o : ((Map<String, Object>) tree.get("old_days")).entrySet()) {
            Files.setLastModifiedTime(root.resolve(o.getKey()),
                    FileTime.from(Instant.now().minus(((Number) o.getValue()).longValue(), ChronoUnit.DAYS)));
        }
    }

    @Test
    void aPathThatIsNoFolderIsSkippedWithAnsiblesWords(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        Path odd = dir.resolve("-it's $(touch pwned)");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("in.txt"), "x");
        ModuleResult r = new LocalRunner(new FindModule(), dir).ok(args("paths", List.of(dir.resolve("f").toString(),
                odd.toString())));
        assertEquals("Not all paths examined, check warnings for details", r.msg());
        assertEquals(Map.of(dir.resolve("f").toString(), "'" + dir.resolve("f") + "' is not a directory"),
                r.values().get("skipped_paths"));
        assertEquals(1, r.values().get("matched"));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void aRelativePathWithALeadingDashIsAFolderNotAnOption(@TempDir Path dir) throws IOException {
        ModuleResult r = new LocalRunner(new FindModule(), dir).run(args("paths", "-delete"));
        assertFalse(r.failed(), r.msg());
        assertEquals(0, r.values().get("matched"));
        ModuleResult nul = new LocalRunner(new FindModule(), dir).run(args("paths", dir + "\0x"));
        assertTrue(nul.failed());
        assertTrue(nul.msg().contains("NUL"));
    }
}
