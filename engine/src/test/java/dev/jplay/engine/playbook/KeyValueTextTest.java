package dev.jplay.engine.playbook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one k=v reader: module free-form options, -e k=v and lookup terms. */
class KeyValueTextTest {

    private static List<String> texts(String s) {
        return KeyValueText.words(s).stream().map(KeyValueText.Word::text).toList();
    }

    @Test
    void wordsSplitOutsideQuotesAndExpressions() {
        assertEquals(List.of("src=a", "dest=\"b c\"", "msg={{ x | default('y z') }}"),
                texts("src=a  dest=\"b c\" msg={{ x | default('y z') }}"));
        assertEquals(Map.of("a", "x y", "b", "p\\\"q", "c", "'1'"), KeyValueText.pairs("a='x y' b=\"p\\\"q\" c=\"'1'\""));
    }

    @Test
    void anOpenQuoteRunsToTheEndUnlessStrict() {
        assertEquals(List.of("a=1", "b='x y"), texts("a=1 b='x y"));
        assertEquals("the word at column 5 has a ' that is not closed",
                assertThrows(IllegalArgumentException.class, () -> KeyValueText.words("a=1 b='x y", true)).getMessage());
    }
}
