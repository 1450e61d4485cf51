package dev.jplay.engine.inventory;

import dev.jplay.engine.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JsonWriter lives in dev.jplay.engine.json; its expected output is Python's json.dumps. */
class JsonWriterTest {

    @Test
    void compactKeepsMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", Arrays.asList(true, null, "x"));
        m.put("c", Map.of());
        m.put("d", List.of());
        assertEquals("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{},\"d\":[]}", JsonWriter.write(m));
    }

    @Test
    void prettyIndentsByFourLikePython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", List.of(1, Map.of("x", "y")));
        m.put("e", Map.of());
        assertEquals("""
                {
                    "k": [
                        1,
                        {
                            "x": "y"
                        }
                    ],
                    "e": {}
                }""", JsonWriter.writePretty(m));
        assertEquals("[]", JsonWriter.writePretty(List.of()));
        assertEquals("\"s\"", JsonWriter.writePretty("s"));
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t \\b \\f \\u0001 \\u001f \u007f é ✓ 😀\"",
                JsonWriter.write("q\" b\\ n\n r\r t\t \b \f \u0001 \u001f \u007f é ✓ 😀"));
    }

    @Test
    void numbersLikePython() {
        assertEquals("[1,-2,3000000000,123456789012345678901234567890]",
                JsonWriter.write(List.of(1, -2, 3_000_000_000L, new BigInteger("123456789012345678901234567890"))));
        // repr(float) in Python 3.11
        assertEquals("0.1", JsonWriter.write(0.1));
        assertEquals("1.5", JsonWriter.write(1.5));
        assertEquals("100000.0", JsonWriter.write(1e5));
        assertEquals("1000000000000000.0", JsonWriter.write(1e15));
        assertEquals("1e+16", JsonWriter.write(1e16));
        assertEquals("1.5e+16", JsonWriter.write(1.5e16));
        assertEquals("0.0001", JsonWriter.write(1e-4));
        assertEquals("1e-05", JsonWriter.write(1e-5));
        assertEquals("1.2345e-07", JsonWriter.write(1.2345e-7));
        assertEquals("-0.0", JsonWriter.write(-0.0));
        assertEquals("0.0", JsonWriter.write(0.0));
        assertEquals("1.7976931348623157e+308", JsonWriter.write(Double.MAX_VALUE));
        assertEquals("5e-324", JsonWriter.write(Double.MIN_VALUE));
        assertEquals("0.30000000000000004", JsonWriter.write(0.1 + 0.2));
        assertEquals("123.456", JsonWriter.write(123.456));
        assertEquals("0.1", JsonWriter.write(0.1f));
        assertEquals("Infinity", JsonWriter.write(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", JsonWriter.write(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", JsonWriter.write(Double.NaN));
    }

    @Test
    void nonStringKeysBecomeStringsLikePython() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1, "a");
        m.put(true, "b");
        m.put(null, "c");
        m.put(1.5, "d");
        assertEquals("{\"1\":\"a\",\"true\":\"b\",\"null\":\"c\",\"1.5\":\"d\"}", JsonWriter.write(m));
    }

    @Test
    void unsupportedTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of(List.of(1), "x")));
    }

    @Test
    void arraysAndOtherIterables() {
        assertEquals("[\"a\",2]", JsonWriter.write(new Object[] {"a", 2}));
        assertEquals("[1,2]", JsonWriter.write(new java.util.TreeSet<>(List.of(2, 1))));
    }
}
