package dev.jplay.modules.net;

import dev.jplay.modules.commands.ModuleCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The data-driven cases in cases/wait_for.yml, cases/uri.yml and cases/get_url.yml. */
class NetCasesTest {

    @TestFactory
    Stream<DynamicTest> waitFor() {
        return ModuleCases.of(new WaitForModule(), "wait_for");
    }

    @TestFactory
    Stream<DynamicTest> uri() {
        return ModuleCases.of(new UriModule(), "uri");
    }

    @TestFactory
    Stream<DynamicTest> getUrl() {
        return ModuleCases.of(new GetUrlModule(), "get_url");
    }
}
