package dev.jplay.modules.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchPatternTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`port (\\d+)` | `port ([0-9]+)`",
            "`\\s\\S\\w\\W\\D` | `[[:space:]][^[:space:]][[:alnum:]_][^[:alnum:]_][^0-9]`",
            "`[\\d.]+` | `[0-9.]+`",
            "`[^\\s,]+` | `[^[:space:],]+`",
            "`(?:a|b)+?c*?` | `(a|b)+c*`",
            "`(?P<pid>\\d+)` | `([0-9]+)`",
            "`a\\.b\\(c\\)` | `a\\.b\\(c\\)`",
            "`^ready$` | `^ready$`",
            "`\\bword\\b` | `\\bword\\b`",
            "`[]x]` | `[]x]`",
            "`x{2,3}?` | `x{2,3}`",
    })
    void translatesForGrepE(String python, String grep) {
        assertEquals(grep, SearchPattern.of(python).grep());
    }

    @Test
    void refusesWhatGrepCannotMatchLineByLine() {
        for (String re : List.of("a(?=b)", "(?<=a)b", "(a)\\1", "a\\nb", "(?P<x>a)(?P=x)", "[\\-x]", "\\Aabc")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchPattern.of(re), re);
            assertTrue(e.getMessage().contains("grep -E on the host cannot match"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchPattern.of("(unclosed")).getMessage()
                .startsWith("Invalid regular expression"));
    }

    @Test
    void groupsComeFromTheMatchingLine() {
        SearchPattern p = SearchPattern.of("(?P<name>\\w+) listening on (?P<the_port>\\d+)(x)?");
        assertEquals(List.of("sshd", "22"), p.groups("  sshd listening on 22").subList(0, 2));
        assertEquals(null, p.groups("  sshd listening on 22").get(2));
        Map<String, String> named = p.namedGroups("sshd listening on 22");
        assertEquals(Map.of("name", "sshd", "the_port", "22"), named);
        assertEquals(List.of(), p.groups("nothing here"));
    }

    @Test
    void translatedPatternsMatchWithTheRealGrep() throws Exception {
        SearchPattern p = SearchPattern.of("started on (?P<port>\\d+)\\s+in \\d+\\.\\d+s");
        Process grep = new ProcessBuilder("grep", "-a", "-E", "-m", "1", "-e", p.grep()).start();
        grep.getOutputStream().write("noise\nstarted on 8080  in 1.25s\nstarted on 9090 in 2.0s\n".getBytes());
        grep.getOutputStream().close();
        String out = new String(grep.getInputStream().readAllBytes()).strip();
        assertEquals(0, grep.waitFor());
        assertEquals("started on 8080  in 1.25s", out);
        assertEquals(Map.of("port", "8080"), p.namedGroups(out));
    }
}
