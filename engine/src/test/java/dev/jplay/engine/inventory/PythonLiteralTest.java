package dev.jplay.engine.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Expected values were taken from Python 3.11's ast.literal_eval. */
class PythonLiteralTest {

    private static Object parse(String s) {
        return PythonLiteral.parseOrKeep(s);
    }

    @Test
    void integers() {
        assertEquals(1, parse("1"));
        assertEquals(1, parse(" 1"));
        assertEquals(1, parse("1 "));
        assertEquals(1, parse("\t1"));
        assertEquals(0, parse("00"));
        assertEquals(0, parse("0_0"));
        assertEquals(1000, parse("1_000"));
        assertEquals(31, parse("0x1F"));
        assertEquals(15, parse("0o17"));
        assertEquals(5, parse("0b101"));
        assertEquals(-1, parse("-1"));
        assertEquals(-1, parse("- 1"));
        assertEquals(1, parse("+1"));
        assertEquals(-4, parse("-(4)"));
        assertEquals(8080, parse("8080 # a comment"));
        assertEquals(3_000_000_000L, parse("3000000000"));
        assertEquals(new BigInteger("123456789012345678901234567890"), parse("123456789012345678901234567890"));
    }

    @Test
    void floats() {
        assertEquals(1.5, parse("01.5"));
        assertEquals(1.0, parse("1."));
        assertEquals(0.5, parse(".5"));
        assertEquals(100000.0, parse("1e5"));
        assertEquals(0.001, parse("1E-3"));
        assertEquals(Double.POSITIVE_INFINITY, parse("1e999"));
        assertEquals(-0.0, parse("-0.0"));
    }

    @Test
    void constants() {
        assertEquals(true, parse("True"));
        assertEquals(false, parse("False"));
        assertNull(parse("None"));
    }

    @Test
    void strings() {
        assertEquals("ab", parse("'a' 'b'"));
        assertEquals("x", parse("u'x'"));
        assertEquals("xy", parse("b'xy'"));
        assertEquals("a\\d", parse("r'a\\d'"));
        assertEquals("a\\d", parse("'a\\d'"), "unknown escapes keep the backslash");
        assertEquals("A\u00e9A", parse("'\\x41\\u00e9\\101'"));
        assertEquals("a'b", parse("'''a'b'''"));
        assertEquals("x", parse("'x' # c"));
        assertEquals("tab\there", parse("'tab\\there'"));
        assertEquals("\u00e9", parse("'\\N{LATIN SMALL LETTER E WITH ACUTE}'"));
        assertEquals("say \"hi\"", parse("\"say \\\"hi\\\"\""));
    }

    @Test
    void containers() {
        assertEquals(List.of(1, 2), parse("[1,2,]"));
        assertEquals(List.of(1, List.of(2, List.of(3, 4))), parse("[1, [2, (3, 4)]]"));
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("a", 2);
        assertEquals(dict, parse("{'a':1,'a':2}"));
        assertEquals(Map.of(), parse("{}"));
        Map<Object, Object> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertEquals(withNull, parse("{'k': None}"));
        assertEquals(Map.of(1, "x"), parse("{1: 'x'}"));
        assertEquals(List.of(1, 2), parse("{1,2}"), "sets become lists");
        assertEquals(List.of(), parse("set()"));
    }

    @Test
    void tuplesAreListsThatRememberTheirKind() {
        assertInstanceOf(PythonTuple.class, parse("1,2"));
        assertEquals(List.of(1, 2), parse("1,2"));
        assertEquals(List.of(1), parse("(1,)"));
        assertEquals(List.of(), parse("()"));
        assertEquals(1, parse("(1)"), "parentheses alone make no tuple");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "08", "1__0", "1_", "0_1", "true", "inf", "foo", "foo # c", "{a:1}", "1j", "1+2j",
            "--1", "-True", "-'a'", "ur'x'", "f'x'", "'a' b'b'", "...", "1 if 1 else 2", "{[1]: 2}", "'unterminated",
            "[1, 2", "1 2", "1abc", "0x", "0x1g", "1.5.3", "'\\x4'", "x'a'", "a=b", "http://x", "/usr/bin/python3",
            "{{ x }}", "[1, # c"})
    void notALiteralStaysText(String text) {
        assertEquals(text, parse(text));
    }

    @Test
    void resultsHaveJavaTypesTheEngineExpects() {
        Object v = parse("[1, 2.5, 'x', True, None, {'k': [1]}]");
        assertEquals(Arrays.asList(1, 2.5, "x", true, null, Map.of("k", List.of(1))), v);
    }
}
