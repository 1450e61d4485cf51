package dev.jplay.app.docs;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManPageTest {
    private static CommandLine jplay() {
        StringWriter discard = new StringWriter();
        return Main.commandLine(new PlaybookCommand(), new PrintWriter(discard), new PrintWriter(discard));
    }

    private static final String PAGE = new ManPage(jplay(), "9.8.7", "2026-12-02").render();

    @Test
    void everyOptionOfEveryCommandIsOnThePage() {
        List<String> missing = new ArrayList<>();
        collectMissing(jplay(), missing);
        assertEquals(List.of(), missing);
    }

    private static void collectMissing(CommandLine command, List<String> missing) {
        for (OptionSpec o : command.getCommandSpec().options()) {
            for (String name : o.names()) {
                if (!PAGE.contains("\\fB" + Roff.literal(name) + "\\fR")) {
                    missing.add(command.getCommandName() + " " + name);
                }
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            assertTrue(PAGE.contains(".SS \"" + Roff.literal(command.getCommandSpec().qualifiedName() + " " + sub.getCommandName()) + "\""),
                    "no section for " + sub.getCommandSpec().qualifiedName());
            collectMissing(sub, missing);
        }
    }

    @Test
    void headerNamesVersionAndDateAndTheExitCodesAreListed() {
        assertTrue(PAGE.startsWith(".TH JPLAY 1 \"2026-12-02\" \"jplay 9.8.7\" \"User Commands\"\n"), PAGE.lines().findFirst().orElse(""));
        String exitStatus = PAGE.substring(PAGE.indexOf(".SH EXIT STATUS"), PAGE.indexOf(".SH ENVIRONMENT"));
        for (String code : List.of("0", "1", "2", "3", "4", "5", "99", "250")) {
            assertTrue(exitStatus.contains(".B " + code + "\n"), "exit code " + code + " missing:\n" + exitStatus);
        }
    }

    @Test
    void noLineOfTheTextCanBeReadAsARequest() {
        // every line is a request we wrote (.TH .SH .SS .TP .B .BR .PP .br .I) or text that does not start with . or '
        for (String line : PAGE.split("\n")) {
            if (line.startsWith(".")) {
                assertTrue(line.matches("\\.(TH|SH|SS|TP|B|BR|PP|br|I)( .*)?"), "unexpected request: " + line);
            }
            assertTrue(!line.startsWith("'"), line);
        }
    }

    @Test
    void roffEscapesBackslashesAndLeadingDotsAndQuotes() {
        assertEquals("a \\e b", Roff.text("a \\ b"));
        assertEquals("\\&.SH not a section\n\\&'also not", Roff.text(".SH not a section\n'also not"));
        assertEquals("\\-\\-check", Roff.literal("--check"));
    }
}
