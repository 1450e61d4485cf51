package dev.jplay.modules.flow;

import dev.jplay.modules.commands.ModuleCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The data-driven cases of the flow modules, cases/<module>.yml. */
class FlowCasesTest {

    @TestFactory
    Stream<DynamicTest> debug() {
        return ModuleCases.of(new DebugModule(), "debug");
    }

    @TestFactory
    Stream<DynamicTest> assertModule() {
        return ModuleCases.of(new AssertModule(), "assert");
    }

    @TestFactory
    Stream<DynamicTest> setFact() {
        return ModuleCases.of(new SetFactModule(), "set_fact");
    }

    @TestFactory
    Stream<DynamicTest> fail() {
        return ModuleCases.of(new FailModule(), "fail");
    }

    @TestFactory
    Stream<DynamicTest> meta() {
        return ModuleCases.of(new MetaModule(), "meta");
    }
}
