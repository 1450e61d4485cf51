package dev.jplay.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The shlex column is what Python's shlex.split gives, the sh column what {@code sh -c 'printf "[%s]" LINE'}
 * prints (both checked by hand); ERR is an error. The rows where the columns differ are the two modes'
 * whole difference.
 */
class WordSplitterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // line                         | shlex                 | sh
            "ls -l /tmp                     | ls,-l,/tmp            | ls,-l,/tmp",
            "`  a   b\tc\n d  `             | a,b,c,d               | a,b,c,d",
            "echo 'a b' \"c d\"             | echo,a b,c d          | echo,a b,c d",
            "a'b c'd                        | ab cd                 | ab cd",
            "`echo \"a\\\"b\" 'x\\y'`       | echo,a\"b,x\\y        | echo,a\"b,x\\y",
            "`echo \"a\\nb\"`               | echo,a\\nb            | echo,a\\nb",
            "`echo a\\ b \\$HOME`           | echo,a b,$HOME        | echo,a b,$HOME",
            "`echo '' \"\"`                 | echo,,                | echo,,",
            "`echo $HOME;ls&wc>x`           | echo,$HOME;ls&wc>x    | echo,$HOME;ls&wc>x",
            // the differences: \$ and \` inside double quotes, a trailing backslash
            "`a\"\\$x\"b`                   | a\\$xb                | a$xb",
            "`echo a\\`                     | ERR                   | echo,a\\",
            // unclosed quotes are errors in both
            "echo 'abc                      | ERR                   | ERR",
            "echo \"abc                     | ERR                   | ERR",
            "`echo \"abc\\`                 | ERR                   | ERR",
    })
    void splitsAsShlexAndAsSh(String line, String shlex, String sh) {
        assertEquals(shlex, result(line, WordSplitter.Mode.SHLEX), "shlex");
        assertEquals(sh, result(line, WordSplitter.Mode.SH), "sh");
    }

    private static String result(String line, WordSplitter.Mode mode) {
        try {
            return String.join(",", WordSplitter.split(line, mode));
        } catch (WordSplitter.SplitError e) {
            return "ERR";
        }
    }

    /** The backquote row of the table, outside it (the table quotes with backquotes). */
    @Test
    void backquoteInDoubleQuotes() {
        assertEquals(List.of("echo", "a\\`b"), WordSplitter.split("echo \"a\\`b\"", WordSplitter.Mode.SHLEX));
        assertEquals(List.of("echo", "a`b"), WordSplitter.split("echo \"a\\`b\"", WordSplitter.Mode.SH));
    }

    @Test
    void emptyLineHasNoWords() {
        assertEquals(List.of(), WordSplitter.split("   ", WordSplitter.Mode.SHLEX));
    }

    /** shlex.split(line, comments=True), as Ansible reads an INI host line. */
    @Test
    void commentsEndTheLineEvenInsideAWord() {
        assertEquals(List.of("a=b"), texts("a=b#c d=1"));
        assertEquals(List.of("a=x y", "b=p\"q", "c=$x"), texts("a='x y' b=\"p\\\"q\" c=\\$x"));
        assertEquals(List.of("h"), texts("h # comment"));
        assertEquals(List.of("h", "a b=1"), texts("h 'a b'=1"));
        assertEquals(List.of("h", "e="), texts("h e=''"));
        assertEquals(List.of("h", "x='03#pa33w0rd'"), texts("h x=\"'03#pa33w0rd'\""));
        assertEquals(Arrays.asList("echo", "#x"), WordSplitter.split("echo #x", WordSplitter.Mode.SHLEX));
    }

    private static List<String> texts(String line) {
        return WordSplitter.words(line, WordSplitter.Mode.SHLEX, true).stream().map(WordSplitter.Word::text).toList();
    }

    @Test
    void wordsKnowWhereTheyStartAndErrorsWhereTheQuoteIs() {
        List<WordSplitter.Word> w = WordSplitter.words("host1   a=1\tb='x'", WordSplitter.Mode.SHLEX, true);
        assertEquals(List.of(0, 8, 12), w.stream().map(WordSplitter.Word::offset).toList());
        WordSplitter.SplitError e = assertThrows(WordSplitter.SplitError.class, () -> WordSplitter.split("echo \"abc", WordSplitter.Mode.SHLEX));
        assertEquals(5, e.offset());
        assertEquals("no closing quotation: the \" at column 6 is not closed", e.getMessage());
    }
}
