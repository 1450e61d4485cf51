package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python's json.loads: strict JSON (plus NaN/Infinity), ints kept apart from floats, errors with Python's wording and place. */
final class JsonText {
    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        JsonText p = new JsonText(text);
        p.space();
        Object v = p.value();
        p.space();
        if (p.i < text.length()) {
            throw p.error("Extra data");
        }
        return v;
    }

    private FilterError error(String what) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < i && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new FilterError("from_json: " + what + ": line " + line + " column " + col + " (char " + i + ")");
    }

    private void space() {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private Object value() {
        if (i >= s.length()) {
            throw error("Expecting value");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                break;
        }
        for (Object[] word : new Object[][]{{"null", null}, {"true", true}, {"false", false}, {"NaN", Double.NaN},
            {"Infinity", Double.POSITIVE_INFINITY}, {"-Infinity", Double.NEGATIVE_INFINITY}}) {
            if (s.startsWith((String) word[0], i)) {
                i += ((String) word[0]).length();
                return word[1];
            }
        }
        return number();
    }

    private Object number() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?").matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            throw error("Expecting value");
        }
        i = m.end();
        if (m.group(2) == null && m.group(3) == null) {
            return PyValues.normalizeInt(new BigInteger(m.group()));
        }
        return Double.parseDouble(m.group());
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        i++;
        space();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return out;
        }
        while (true) {
            space();
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("Expecting property name enclosed in double quotes");
            }
            String key = string();
            space();
            if (i >= s.length() || s.charAt(i) != ':') {
                throw error("Expecting ':' delimiter");
            }
            i++;
            space();
            out.put(key, value());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return out;
            }
            throw error("Expecting ',' delimiter");
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        i++;
        space();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return out;
        }
        while (true) {
            space();
            out.add(value());
            space();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return out;
            }
            throw error("Expecting ',' delimiter");
        }
    }

    private String string() {
        int start = i;
        i++;
        StringBuilder out = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                i--;
                throw error("Invalid control character at");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("Invalid \\uXXXX escape");
                    }
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> {
                    i -= 2;
                    throw error("Invalid \\escape");
                }
            }
        }
        i = start;
        throw error("Unterminated string starting at");
    }
}
