package dev.jplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected words were taken from Python's shlex.split(line, comments=True). */
class ShlexSplitterTest {

    private static List<String> words(String line) {
        return ShlexSplitter.split(line).stream().map(ShlexSplitter.Word::text).toList();
    }

    @Test
    void splitsLikePythonShlex() {
        assertEquals(List.of("a=b"), words("a=b#c d=1"));
        assertEquals(List.of("a=x y", "b=p\"q", "c=$x"), words("a='x y' b=\"p\\\"q\" c=\\$x"));
        assertEquals(List.of("h"), words("h # comment"));
        assertEquals(List.of("h", "a=x\\y"), words("h a=\"x\\y\""));
        assertEquals(List.of("h", "a=x y"), words("h a=x\\ y"));
        assertEquals(List.of("h", "a b=1"), words("h 'a b'=1"));
        assertEquals(List.of("h", "e="), words("h e=''"));
        assertEquals(List.of("h", ""), words("h ''"));
        assertEquals(List.of("h", "x='03#pa33w0rd'"), words("h x=\"'03#pa33w0rd'\""));
    }

    @Test
    void wordsKnowWhereTheyStart() {
        List<ShlexSplitter.Word> w = ShlexSplitter.split("host1   a=1\tb='x'");
        assertEquals(List.of(0, 8, 12), w.stream().map(ShlexSplitter.Word::offset).toList());
    }

    @Test
    void unbalancedQuotesAreErrorsAtTheQuote() {
        ShlexSplitter.SplitError e = assertThrows(ShlexSplitter.SplitError.class, () -> ShlexSplitter.split("h a='x"));
        assertEquals(4, e.offset);
        assertThrows(ShlexSplitter.SplitError.class, () -> ShlexSplitter.split("h a=x\\"));
        assertThrows(ShlexSplitter.SplitError.class, () -> ShlexSplitter.split("h a=\"x"));
    }
}
