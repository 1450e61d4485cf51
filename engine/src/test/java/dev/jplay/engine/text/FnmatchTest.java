package dev.jplay.engine.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each row: a glob, a name, and what Python 3.11's {@code fnmatch.fnmatchcase(name, glob)} says
 * (checked with python3). The rows on backslashes, {@code ]} first in a set, sets that are never
 * closed, backwards ranges and regex characters are where jplay's three old translators disagreed.
 */
class FnmatchTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', emptyValue = "", value = {
            "a*b      | ab      | true",
            "a*b      | axxb    | true",
            "`a*b`    | `a\nb`  | true",
            "a*b      | ba      | false",
            "**       | any     | true",
            "h[0-9]?  | h1a     | true",
            "h[0-9]?  | h1      | false",
            "`a\\b`   | `a\\b`  | true",
            "`a\\b`   | ab      | false",
            "`[\\]`   | `\\`    | true",
            "[]x]     | ]       | true",
            "[]x]     | x       | true",
            "[]x]     | a       | false",
            "[!]x]    | ]       | false",
            "[!]x]    | a       | true",
            "[]       | []      | true",
            "[!]      | [!]     | true",
            "[!]      | a       | false",
            "x[       | x[      | true",
            "[z-a]    | z       | false",
            "[z-a]    | -       | false",
            "[a-c-e]  | b       | true",
            "[a-c-e]  | -       | true",
            "[a-c-e]  | d       | false",
            "[a-]     | -       | true",
            "[!a-c]x  | dx      | true",
            "[!a-c]x  | bx      | false",
            "[&&]     | &       | true",
            "[[]      | [       | true",
            "[^a]     | ^       | true",
            "[^a]     | b       | false",
            "a.b(c)+  | a.b(c)+ | true",
            "a.b      | axb     | false",
    })
    void matchesAsPythonFnmatch(String glob, String name, boolean expected) {
        assertEquals(expected, Fnmatch.compile(glob).matcher(name).matches(), Fnmatch.translate(glob));
    }
}
