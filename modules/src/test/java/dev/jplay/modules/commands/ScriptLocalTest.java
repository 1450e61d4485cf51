package dev.jplay.modules.commands;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** script for real: a controller file run on this machine through the local connection. */
class ScriptLocalTest {
    @TempDir
    Path tmp;

    private ModuleResult script(Map<String, Object> args) {
        return ModuleTestKit.of(new ScriptModule()).on(new LocalConnection()).baseDir(tmp).run(args);
    }

    @Test
    void runsWithArgumentsInChdirAndCreatesMakesItIdempotent() throws IOException {
        Files.createDirectories(tmp.resolve("files"));
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Files.writeString(tmp.resolve("files/make.sh"), "#!/bin/sh\nprintf '%s|' \"$@\" > made; pwd; ls \"$0\" >/dev/null && echo ok\n");
        Map<String, Object> args = Map.of("_raw_params", "make.sh 'a b' '$(touch pwned)' -x", "chdir", work.toString(),
                "creates", work.resolve("made").toString());
        ModuleResult first = script(args);
        assertFalse(first.failed(), first.toString());
        assertTrue(first.changed());
        assertEquals(work + "\nok\n", first.values().get("stdout"));
        assertEquals("a b|$(touch pwned)|-x|", Files.readString(work.resolve("made")));
        assertFalse(Files.exists(work.resolve("pwned")), "arguments are data, never shell code");
        ModuleResult second = script(args);
        assertFalse(second.changed());
        assertTrue(second.skipped());
    }

    @Test
    void theUploadedCopyIsRemovedAndExecutableRunsIt() throws IOException {
        Path s = tmp.resolve("plain.txt");
        Files.writeString(s, "echo \"$0\"\n");
        ModuleResult r = script(Map.of("cmd", s.toString(), "executable", "/bin/sh"));
        assertFalse(r.failed(), r.toString());
        String uploaded = ((String) r.values().get("stdout")).strip();
        assertFalse(uploaded.isEmpty());
        assertFalse(Files.exists(Path.of(uploaded)), "the temp copy is gone: " + uploaded);
    }

    @Test
    void checkModeWithoutGuardsDoesNotRun() throws IOException {
        Path s = tmp.resolve("t.sh");
        Files.writeString(s, "touch " + tmp.resolve("ran") + "\n");
        ModuleResult r = ModuleTestKit.of(new ScriptModule()).on(new LocalConnection()).baseDir(tmp).check(true)
                .run(Map.of("cmd", "/bin/sh " + s));
        assertTrue(r.skipped() || r.failed(), r.toString());
        assertFalse(Files.exists(tmp.resolve("ran")));
    }
}
