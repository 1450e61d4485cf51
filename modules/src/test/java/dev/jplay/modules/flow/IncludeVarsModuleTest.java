package dev.jplay.modules.flow;

import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** include_vars reads controller files and touches no host. */
class IncludeVarsModuleTest {
    @TempDir
    Path dir;

    private ModuleResult run(Map<String, Object> args, ScriptedConnection host) {
        return ModuleTestKit.of(new IncludeVarsModule()).on(host).baseDir(dir).run(args);
    }

    @Test
    void oneFileSetsItsVariablesAndNoHostIsTouched() throws Exception {
        Files.writeString(dir.resolve("app.yml"), "port: 8080\nname: demo\n");
        ScriptedConnection host = new ScriptedConnection();
        ModuleResult r = run(Map.of("_raw_params", "app.yml"), host);
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed());
        assertEquals(Map.of("port", 8080, "name", "demo"), r.facts());
        assertEquals(List.of(), host.scripts());
    }

    @Test
    void aDirIsReadInPathOrderFilteredAndUnderOneName() throws Exception {
        Path vars = Files.createDirectories(dir.resolve("vars"));
        Files.writeString(vars.resolve("a.yml"), "x: 1\ny: a\n");
        Files.writeString(vars.resolve("b.json"), "{\"y\": \"b\"}");
        Files.writeString(vars.resolve("skip.yml"), "x: 99\n");
        Files.writeString(vars.resolve("notes.txt"), "x: 100\n");
        ModuleResult r = run(Map.of("dir", "vars", "ignore_files", List.of("skip.yml"), "name", "conf"), new ScriptedConnection());
        assertFalse(r.failed(), r.toString());
        assertEquals(Map.of("conf", Map.of("x", 1, "y", "b")), r.facts());
        r = run(Map.of("dir", "vars", "files_matching", "^a"), new ScriptedConnection());
        assertEquals(Map.of("x", 1, "y", "a"), r.facts());
    }

    @Test
    void badFilesAndNamesFailClearly() throws Exception {
        Files.writeString(dir.resolve("list.yml"), "- 1\n- 2\n");
        ModuleResult r = run(Map.of("file", "list.yml"), new ScriptedConnection());
        assertTrue(r.failed());
        assertTrue(r.msg().contains("a vars file must be a mapping"), r.msg());
        Files.writeString(dir.resolve("bad.yml"), "\"not-a-name\": 1\n");
        r = run(Map.of("file", "bad.yml"), new ScriptedConnection());
        assertTrue(r.msg().contains("'not-a-name' is not a valid variable name"), r.msg());
        r = run(Map.of("file", "missing.yml"), new ScriptedConnection());
        assertTrue(r.msg().contains("file 'missing.yml' not found"), r.msg());
    }
}
