package dev.jplay.modules.system;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the file-edit cases of {@code cases/MODULE-edits.yml} (the format is in cron-edits.yml; the same
 * cases go through real Ansible with edits-ansible-check.py) for real, each in its own folder under a
 * temp dir: check mode first (nothing may change), then for real, then again (changed=false, same text).
 */
final class EditCases {
    private EditCases() {
    }

    /**
     * @param runs     a runner for a case's folder (e.g. with a stand-in tool first on PATH)
     * @param fallback the edited file when a case names none (cron: the user's crontab in the folder)
     */
    static List<DynamicTest> of(String module, Module m, Path tmp, Function<Path, RealRun> runs, Function<Path, Path> fallback)
            throws IOException {
        return load("/cases/" + module + "-edits.yml").stream()
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> run(c, m, tmp, runs, fallback))).toList();
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> c, Module m, Path tmp, Function<Path, RealRun> runs, Function<Path, Path> fallback)
            throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        Map<String, Object> args = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("args")).forEach((k, v) -> args.put(k, v instanceof String s ? s.replace("@DIR@", dir.toString()) : v));
        Path file = c.containsKey("file") ? Path.of(((String) c.get("file")).replace("@DIR@", dir.toString()))
                : args.containsKey("cron_file") ? Path.of((String) args.get("cron_file")) : fallback.apply(dir);
        String before = (String) c.get("before");
        if (before != null) {
            Files.writeString(file, before, StandardCharsets.UTF_8);
        }
        ModuleResult check = runs.apply(dir).check(true).run(m, args);
        assertEquals(before, read(file), "check mode changed the file");
        if (c.containsKey("fails")) {
            assertTrue(check.failed(), check.toString());
            ModuleResult r = runs.apply(dir).run(m, args);
            assertTrue(r.failed(), r.toString());
            assertTrue(Pattern.compile((String) c.get("fails")).matcher(r.msg()).find(), r.msg());
            assertEquals(before, read(file), "a refused task changed the file");
            return;
        }
        assertFalse(check.failed(), check.toString());
        assertEquals(c.get("changed"), check.changed(), "check mode: " + check);
        ModuleResult r = runs.apply(dir).run(m, args);
        assertFalse(r.failed(), r.toString());
        assertEquals(c.get("changed"), r.changed(), r.toString());
        assertEquals(c.get("after"), read(file));
        ModuleResult again = runs.apply(dir).run(m, args);
        assertFalse(again.failed(), again.toString());
        assertFalse(again.changed(), "second run: " + again);
        assertEquals(c.get("after"), read(file));
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(String resource) throws IOException {
        try (InputStream in = EditCases.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
