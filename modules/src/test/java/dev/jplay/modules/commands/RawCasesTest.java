package dev.jplay.modules.commands;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** raw: the cases in cases/raw.yml, and a real run through the local connection. */
class RawCasesTest {

    @TestFactory
    Stream<DynamicTest> cases() {
        return ModuleCases.of(new RawModule(), "raw");
    }

    @Test
    void runsThroughTheLocalShell() {
        ModuleResult r = ModuleTestKit.of(new RawModule()).on(new LocalConnection())
                .run(Map.of("_raw_params", "printf 'a\\nb\\n'; echo e >&2; exit 4"));
        assertTrue(r.failed());
        assertTrue(r.changed());
        assertEquals(4, r.values().get("rc"));
        assertEquals("a\nb\n", r.values().get("stdout"));
        assertEquals(java.util.List.of("a", "b"), r.values().get("stdout_lines"));
        assertEquals("e\n", r.values().get("stderr"));
    }

    @Test
    void aNulIsRefused() {
        ModuleResult r = ModuleTestKit.of(new RawModule()).on(new LocalConnection()).run(Map.of("_raw_params", "echo a\0b"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("NUL"), r.msg());
    }
}
