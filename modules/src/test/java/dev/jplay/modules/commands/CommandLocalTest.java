package dev.jplay.modules.commands;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** command and shell for real, through the local connection, against a temp folder. */
class CommandLocalTest {

    private static ModuleResult command(Map<String, Object> args) {
        return ModuleTestKit.of(new CommandModule()).on(new LocalConnection()).run(args);
    }

    private static ModuleResult shell(Map<String, Object> args) {
        return ModuleTestKit.of(new ShellModule()).on(new LocalConnection()).run(args);
    }

    @Test
    void createsMakesTheSecondRunAnOk(@TempDir Path dir) {
        Path marker = dir.resolve("done flag");
        Map<String, Object> args = Map.of("argv", List.of("touch", marker.toString()), "creates", marker.toString());
        ModuleResult first = command(args);
        assertTrue(first.changed(), first.toString());
        assertFalse(first.failed(), first.toString());
        assertTrue(Files.exists(marker));
        ModuleResult second = command(args);
        assertFalse(second.changed(), second.toString());
        assertEquals("Did not run command since '" + marker + "' exists", second.msg());
    }

    @Test
    void removesGuardsTheOtherWay(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("lock");
        Files.writeString(lock, "x");
        Map<String, Object> args = Map.of("_raw_params", "rm " + lock, "removes", lock.toString());
        assertTrue(command(args).changed());
        assertFalse(Files.exists(lock));
        assertFalse(command(args).changed());
    }

    @Test
    void outputIsExactAndNothingIsInterpretedByAShell() {
        // the command's own output may look like jplay's marker; only the first line of the script's output is one
        ModuleResult r = command(Map.of("_raw_params", "printf '%s\\n' jplay-cmd:skip-creates 'b c' ; `id` $JPLAY_SURELY_UNSET"));
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertEquals("jplay-cmd:skip-creates\nb c\n;\n`id`\n$JPLAY_SURELY_UNSET", r.values().get("stdout"));
        assertEquals(List.of("jplay-cmd:skip-creates", "b c", ";", "`id`", "$JPLAY_SURELY_UNSET"), r.values().get("stdout_lines"));
        assertEquals(0, r.values().get("rc"));
        assertTrue(r.values().get("start").toString().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
        assertTrue(r.values().get("delta").toString().matches("0:00:0\\d(\\.\\d{6})?"), r.values().get("delta").toString());
    }

    @Test
    void homeIsExpandedAsAnsibleDoes() {
        ModuleResult r = command(Map.of("_raw_params", "echo $HOME ~"));
        String home = System.getenv("HOME");
        assertEquals(home + " " + home, r.values().get("stdout"));
    }

    @Test
    void chdirAndStdin(@TempDir Path dir) throws Exception {
        ModuleResult pwd = command(Map.of("_raw_params", "pwd", "chdir", dir.toString()));
        assertEquals(dir.toRealPath().toString(), pwd.values().get("stdout"));
        ModuleResult cat = command(Map.of("_raw_params", "cat", "stdin", "line one"));
        assertEquals("line one", cat.values().get("stdout"));
        ModuleResult od = command(Map.of("_raw_params", "wc -c", "stdin", "abc", "stdin_add_newline", false));
        assertEquals("3", od.values().get("stdout").toString().strip());
        ModuleResult bad = command(Map.of("_raw_params", "pwd", "chdir", dir.resolve("missing").toString()));
        assertTrue(bad.failed());
        assertTrue(bad.msg().startsWith("Unable to change directory before execution: "), bad.msg());
    }

    @Test
    void failuresKeepTheirOutput() {
        ModuleResult r = command(Map.of("argv", List.of("sh", "-c", "echo out; echo err >&2; exit 3")));
        assertTrue(r.failed());
        assertTrue(r.changed());
        assertEquals("non-zero return code", r.msg());
        assertEquals(3, r.values().get("rc"));
        assertEquals("out", r.values().get("stdout"));
        assertEquals("err", r.values().get("stderr"));
        ModuleResult missing = command(Map.of("_raw_params", "jplay-no-such-program --x"));
        assertEquals(127, missing.values().get("rc"));
        assertEquals("non-zero return code (127: command not found)", missing.msg());
    }

    @Test
    void checkModeChangesNothing(@TempDir Path dir) {
        Path f = dir.resolve("f");
        ModuleResult guarded = ModuleTestKit.of(new CommandModule()).on(new LocalConnection()).check(true)
                .run(Map.of("argv", List.of("touch", f.toString()), "creates", f.toString()));
        assertTrue(guarded.changed());
        assertFalse(Files.exists(f));
        ModuleResult unguarded = ModuleTestKit.of(new ShellModule()).on(new LocalConnection()).check(true)
                .run(Map.of("_raw_params", "touch " + f));
        assertTrue(unguarded.skipped());
        assertFalse(Files.exists(f));
    }

    @Test
    void shellRunsPipesAndRedirectionsInChdir(@TempDir Path dir) throws Exception {
        Map<String, Object> args = Map.of("_raw_params", "echo hi | tr a-z A-Z > out.txt", "chdir", dir.toString(), "creates", "out.txt");
        ModuleResult first = shell(args);
        assertTrue(first.changed(), first.toString());
        assertEquals("HI\n", Files.readString(dir.resolve("out.txt")));
        assertEquals("echo hi | tr a-z A-Z > out.txt", first.values().get("cmd"));
        assertFalse(shell(args).changed());
    }

    @Test
    void shellExecutable() throws Exception {
        ModuleResult r = shell(Map.of("_raw_params", "echo ${BASH_VERSION:+bash}", "executable", "/bin/bash"));
        assertEquals("bash", r.values().get("stdout"));
        assertFalse(r.failed());
        if (Path.of("/bin/sh").toRealPath().endsWith("dash")) {
            ModuleResult sh = shell(Map.of("_raw_params", "echo ${BASH_VERSION:+bash}x"));
            assertEquals("x", sh.values().get("stdout"), "without executable the line runs under /bin/sh");
        }
    }
}
