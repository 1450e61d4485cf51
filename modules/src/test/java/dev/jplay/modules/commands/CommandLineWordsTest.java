package dev.jplay.modules.commands;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected words are what Python's shlex.split gives for the same line (checked with python3). */
class CommandLineWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ls -l /tmp                 | ls,-l,/tmp",
            "`  a   b\tc\n d  `         | a,b,c,d",
            "echo 'a b' \"c d\"         | echo,a b,c d",
            "a'b c'd                    | ab cd",
            "`echo \"a\\\"b\" 'x\\y'`   | echo,a\"b,x\\y",
            "`echo \"a\\nb\"`           | echo,a\\nb",
            "`echo a\\ b \\$HOME`       | echo,a b,$HOME",
            "`echo '' \"\"`             | echo,,",
            "`echo $HOME;ls&wc>x`       | echo,$HOME;ls&wc>x",
    })
    void splitsLikeShlex(String line, String words) {
        assertEquals(Arrays.asList(words.split(",", -1)), CommandLineWords.split(line));
    }

    @Test
    void emptyLineHasNoWords() {
        assertEquals(List.of(), CommandLineWords.split("   "));
    }

    @Test
    void unclosedQuotesAndTrailingBackslashAreErrors() {
        assertEquals("no closing quotation: the \" at column 6 is not closed",
                assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("echo \"abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("echo 'abc"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("echo abc\\"));
    }
}
