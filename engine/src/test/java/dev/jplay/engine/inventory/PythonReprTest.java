package dev.jplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings are Python 3.11's str()/repr(). */
class PythonReprTest {

    @Test
    void topLevelStringsAreRawEverythingElseIsRepr() {
        assertEquals("a b", PythonRepr.str("a b"));
        assertEquals("True", PythonRepr.str(true));
        assertEquals("None", PythonRepr.str(null));
        assertEquals("1.0", PythonRepr.str(1.0));
        assertEquals("inf", PythonRepr.str(Double.POSITIVE_INFINITY));
        assertEquals("[1, 'two', None, False]", PythonRepr.str(Arrays.asList(1, "two", null, false)));
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("b", List.of());
        m.put(1, Map.of());
        assertEquals("{'b': [], 1: {}}", PythonRepr.str(m));
        assertEquals("(1, 2)", PythonRepr.str(new PythonTuple(List.of(1, 2))));
        assertEquals("(1,)", PythonRepr.str(new PythonTuple(List.of(1))));
        assertEquals("()", PythonRepr.str(new PythonTuple(List.of())));
    }

    @Test
    void stringReprPicksQuotesAndEscapesLikePython() {
        assertEquals("'plain'", PythonRepr.stringRepr("plain"));
        assertEquals("\"it's\"", PythonRepr.stringRepr("it's"));
        assertEquals("'both \\' and \"'", PythonRepr.stringRepr("both ' and \""));
        assertEquals("'tab\\there\\nnew\\\\'", PythonRepr.stringRepr("tab\there\nnew\\"));
        assertEquals("'\\x00\\x7f\\x85é✓\\u200b\\U000f0000'", PythonRepr.stringRepr("\u0000\u007f\u0085é✓\u200b\udb80\udc00"));
    }
}
