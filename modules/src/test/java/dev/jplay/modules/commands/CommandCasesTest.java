package dev.jplay.modules.commands;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The data-driven cases in cases/command.yml and cases/shell.yml. */
class CommandCasesTest {

    @TestFactory
    Stream<DynamicTest> command() {
        return ModuleCases.of(new CommandModule(), "command");
    }

    @TestFactory
    Stream<DynamicTest> shell() {
        return ModuleCases.of(new ShellModule(), "shell");
    }
}
