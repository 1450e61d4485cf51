package dev.jplay.app.badinput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad input corpus, one case at a time: broken playbooks, inventories and vars files are refused
 * with exit 3 before anything runs (the marker file the first task would write stays absent), with one
 * error line naming file:line:column and what was expected. Cases and expectations:
 * {@code src/test/resources/badinput/}.
 */
class BadInputCorpusTest {

    static List<BadInputCase> cases() {
        return BadInputCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedBeforeAnythingRuns(BadInputCase c, @TempDir Path dir) throws Exception {
        BadInputCase.Prepared p = c.prepare(dir);
        InProcessJplay r = InProcessJplay.run(p.args());
        String why = "expectations.txt:" + c.expectationLine() + "\n" + r.all();
        assertEquals(3, r.exitCode(), "exit code\n" + why);
        assertFalse(r.out().contains("PLAY [") || r.out().contains("TASK ["), "nothing may start\n" + why);
        assertFalse(Files.exists(p.marker()), "the first task must not have run\n" + why);
        String first = r.firstErrorLine();
        assertTrue(first.startsWith(p.errorPrefix()), "the error must start with\n  " + p.errorPrefix() + "\nbut was\n  " + first + "\n" + why);
        assertTrue(first.contains(c.fragment()), "the error must say\n  " + c.fragment() + "\nbut was\n  " + first + "\n" + why);
        assertEquals(List.of(first, "Nothing was run."), r.err().lines().toList(), "one error line, then 'Nothing was run.'\n" + why);
    }

    @Test
    void everyCaseHasOneExpectationAndTheCorpusIsLargeEnough() {
        List<String> named = new ArrayList<>(cases().stream().map(BadInputCase::name).toList());
        List<String> files = BadInputCase.filesInCorpus();
        assertEquals(new TreeSet<>(files), new TreeSet<>(named), "cases/ and expectations.txt must name the same cases");
        assertEquals(named.size(), new TreeSet<>(named).size(), "a case named twice in expectations.txt");
        assertTrue(files.size() >= 60, "the issue asks for at least 60 cases, have " + files.size());
    }
}
