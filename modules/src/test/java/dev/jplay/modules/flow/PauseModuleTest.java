package dev.jplay.modules.flow;

import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pause waits in the controller; these tests run without a terminal, as surefire's forked JVM has none. */
class PauseModuleTest {

    private static ModuleResult pause(boolean check, Map<String, Object> args, ScriptedConnection host) {
        return ModuleTestKit.of(new PauseModule()).on(host).check(check).run(args);
    }

    @Test
    void pausesForTheSecondsGivenAndTouchesNoHost() {
        ScriptedConnection host = new ScriptedConnection();
        long start = System.nanoTime();
        ModuleResult r = pause(false, Map.of("seconds", 1), host);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 1000 && ms < 3000, "took " + ms + " ms");
        assertFalse(r.changed());
        assertFalse(r.failed(), r.toString());
        assertTrue(r.values().get("stdout").toString().matches("Paused for 1\\.\\d\\d? seconds"), r.values().toString());
        assertEquals(1L, r.values().get("delta"));
        assertEquals(List.of(), host.scripts());
    }

    @Test
    void minutesAreMinutesAndCheckModePausesToo() {
        long start = System.nanoTime();
        ModuleResult r = pause(true, Map.of("minutes", 0.02), new ScriptedConnection());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 1200 && ms < 3200, "took " + ms + " ms");
        assertEquals("Paused for 0.02 minutes", r.values().get("stdout"));
    }

    @Test
    void zeroSecondsPausesOneSecondAsInAnsible() {
        long start = System.nanoTime();
        pause(false, Map.of("seconds", 0), new ScriptedConnection());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 1000);
    }

    @Test
    void aTimedPromptNeedsNoTerminal() {
        assertNull(System.console(), "this test expects no terminal");
        ModuleResult r = pause(false, Map.of("seconds", 1, "prompt", "watch the logs"), new ScriptedConnection());
        assertFalse(r.failed());
        assertEquals("watch the logs", r.msg());
    }

    @Test
    void waitingForAnAnswerWithoutATerminalFailsClearly() {
        assertNull(System.console(), "this test expects no terminal");
        long start = System.nanoTime();
        ModuleResult r = pause(false, Map.of("prompt", "Continue?"), new ScriptedConnection());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "must not wait");
        assertTrue(r.failed());
        assertTrue(r.msg().contains("waits for an answer to 'Continue?'") && r.msg().contains("no terminal"), r.msg());
        assertTrue(pause(false, Map.of(), new ScriptedConnection()).failed());
    }
}
