package dev.jplay.modules.flow;

import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.spi.ModuleArgs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the engine checks from these specs before any host is touched. */
class FlowSpecTest {

    @Test
    void setFactTakesAnyOptionAndPassesValuesUnchanged() {
        var spec = new SetFactModule().spec();
        assertTrue(spec.anyOptions());
        assertEquals(List.of(), ArgsBinder.check(spec, Map.of("anything", List.of(1), "other", "x")));
        ModuleArgs bound = ArgsBinder.bind(spec, Map.of("port", 80, "cacheable", "yes"));
        assertEquals(80, bound.raw("port"));
        assertEquals(true, bound.raw("cacheable"));
        List<ArgsBinder.Problem> problems = ArgsBinder.check(spec, Map.of("cacheable", "maybe"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("expects a boolean"), problems.toString());
    }

    @Test
    void otherModulesStillRejectUnknownOptions() {
        List<ArgsBinder.Problem> problems = ArgsBinder.check(new DebugModule().spec(), Map.of("mgs", "x"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("unknown option 'mgs'"), problems.toString());
    }

    @Test
    void metaActionsAreCheckedAgainstTheChoices() {
        var spec = new MetaModule().spec();
        assertTrue(spec.freeForm());
        assertEquals(List.of(), ArgsBinder.check(spec, Map.of("_raw_params", "flush_handlers")));
        List<ArgsBinder.Problem> problems = ArgsBinder.check(spec, Map.of("_raw_params", "flush_handler"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("must be one of flush_handlers, end_play, end_host, noop, clear_facts"),
                problems.toString());
    }

    @Test
    void debugMsgAndVarAndPauseMinutesAndSecondsExcludeEachOther() {
        assertEquals(1, ArgsBinder.check(new DebugModule().spec(), Map.of("msg", "a", "var", "b")).size());
        assertEquals(1, ArgsBinder.check(new PauseModule().spec(), Map.of("minutes", 1, "seconds", 2)).size());
    }
}
