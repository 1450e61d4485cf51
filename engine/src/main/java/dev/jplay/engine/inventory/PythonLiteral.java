package dev.jplay.engine.inventory;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads INI inventory values the way Ansible does: Python's {@code ast.literal_eval} (3.10+), and the
 * text unchanged when it is not a literal. So {@code 8080} is an int, {@code True} a boolean,
 * {@code 'x y'} a string, {@code [1, 2]} a list, {@code {'a': 1}} a dict, {@code 1,2} a tuple (a
 * list here), {@code 08}, {@code true}, {@code foo} or {@code {a:1}} stay strings, and a trailing
 * {@code # comment} after a literal is ignored.
 *
 * <p>Results are String, Integer/Long/BigInteger, Double, Boolean, null, List (for lists and sets;
 * a {@link PythonTuple} for tuples) and Map. Where Ansible itself would fail later (complex numbers, {@code ...}, unhashable
 * dict keys) the text is kept as a string.
 */
final class PythonLiteral {
    private static final String DIGITPART = "[0-9](?:_?[0-9])*";
    private static final String EXPONENT = "[eE][-+]?" + DIGITPART;
    private static final String POINTFLOAT = "(?:" + DIGITPART + "\\.(?:" + DIGITPART + ")?|\\." + DIGITPART + ")";
    private static final String FLOAT = "(?:" + POINTFLOAT + "(?:" + EXPONENT + ")?|" + DIGITPART + EXPONENT + ")";
    /** Python's tokenizer tries imaginary, then float, then int numbers, taking the first that fits. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<imag>" + DIGITPART + "[jJ]|" + FLOAT + "[jJ])"
                    + "|(?<float>" + FLOAT + ")"
                    + "|(?<hex>0[xX](?:_?[0-9a-fA-F])+)"
                    + "|(?<bin>0[bB](?:_?[01])+)"
                    + "|(?<oct>0[oO](?:_?[0-7])+)"
                    + "|(?<dec>0(?:_?0)*|[1-9](?:_?[0-9])*)");
    private static final Set<String> STRING_PREFIXES = Set.of("", "r", "u", "b", "br", "rb", "f", "fr", "rf");

    /** The text is not a Python literal (Python raises ValueError or SyntaxError). */
    private static final class NotALiteral extends RuntimeException {
        NotALiteral() {
            super(null, null, false, false);
        }
    }

    private static final NotALiteral NOT_A_LITERAL = new NotALiteral();

    private final String s;
    private int pos;

    private PythonLiteral(String s) {
        this.s = s;
    }

    /** Ansible's {@code InventoryModule._parse_value}: the literal's value, else the text as it is. */
    static Object parseOrKeep(String text) {
        try {
            return new PythonLiteral(text).top();
        } catch (NotALiteral e) {
            return text;
        } catch (StackOverflowError e) {
            return text;
        }
    }

    /** Narrows a Python int to Integer or Long when it fits. */
    static Number integer(BigInteger v) {
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v;
    }

    private Object top() {
        skipSpace();
        if (atEnd()) {
            throw NOT_A_LITERAL;
        }
        Object first = expression();
        skipSpace();
        if (peek() == ',') {
            List<Object> tuple = new ArrayList<>();
            tuple.add(first);
            while (peek() == ',') {
                pos++;
                skipSpace();
                if (atEnd()) {
                    break;
                }
                tuple.add(expression());
                skipSpace();
            }
            first = new PythonTuple(tuple);
        }
        if (!atEnd()) {
            throw NOT_A_LITERAL;
        }
        return first;
    }

    private Object expression() {
        skipSpace();
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            Number operand = numberConstant();
            return c == '-' ? negate(operand) : operand;
        }
        return primary();
    }

    /** What a unary sign may apply to in literal_eval: a number constant, parentheses allowed; not a bool. */
    private Number numberConstant() {
        skipSpace();
        char c = peek();
        if (c == '(') {
            pos++;
            Number n = numberConstant();
            expect(')');
            return n;
        }
        if (isAsciiDigit(c) || c == '.' && pos + 1 < s.length() && isAsciiDigit(s.charAt(pos + 1))) {
            return number();
        }
        throw NOT_A_LITERAL;
    }

    private Object primary() {
        skipSpace();
        if (atEnd()) {
            throw NOT_A_LITERAL;
        }
        char c = peek();
        switch (c) {
            case '(' -> {
                return parenthesized();
            }
            case '[' -> {
                pos++;
                return sequence(']');
            }
            case '{' -> {
                return braces();
            }
            case '\'', '"' -> {
                return strings();
            }
            default -> {
            }
        }
        if (isAsciiDigit(c) || c == '.' && pos + 1 < s.length() && isAsciiDigit(s.charAt(pos + 1))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_' || Character.isUnicodeIdentifierStart(c)) {
            int start = pos;
            while (pos < s.length() && (Character.isUnicodeIdentifierPart(s.charAt(pos)) && !Character.isIdentifierIgnorable(s.charAt(pos)))) {
                pos++;
            }
            String word = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                pos = start;
                return strings();
            }
            switch (word) {
                case "True" -> {
                    return Boolean.TRUE;
                }
                case "False" -> {
                    return Boolean.FALSE;
                }
                case "None" -> {
                    return null;
                }
                case "set" -> {
                    skipSpace();
                    expect('(');
                    skipSpace();
                    expect(')');
                    return new ArrayList<>();
                }
                default -> throw NOT_A_LITERAL;
            }
        }
        throw NOT_A_LITERAL;
    }

    private Object parenthesized() {
        pos++;
        skipSpace();
        if (peek() == ')') {
            pos++;
            return new PythonTuple(List.of());
        }
        Object first = expression();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return first;
        }
        if (peek() != ',') {
            throw NOT_A_LITERAL;
        }
        pos++;
        List<Object> tuple = new ArrayList<>();
        tuple.add(first);
        tuple.addAll(sequence(')'));
        return new PythonTuple(tuple);
    }

    /** Items up to {@code close}, each followed by a comma or the close; the opening bracket is consumed. */
    private List<Object> sequence(char close) {
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return items;
            }
            items.add(expression());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw NOT_A_LITERAL;
            }
        }
    }

    private Object braces() {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new LinkedHashMap<>();
        }
        Object first = expression();
        skipSpace();
        if (peek() != ':') {
            // a set: Ansible cannot serialise it later; keep its items as a list
            List<Object> items = new ArrayList<>();
            requireHashable(first);
            items.add(first);
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw NOT_A_LITERAL;
            }
            for (Object item : sequence('}')) {
                requireHashable(item);
                if (!items.contains(item)) {
                    items.add(item);
                }
            }
            return items;
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        Object key = first;
        while (true) {
            requireHashable(key);
            expect(':');
            map.put(key, expression());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw NOT_A_LITERAL;
            }
            if (peek() == '}') {
                pos++;
                return map;
            }
            key = expression();
            skipSpace();
        }
    }

    private static void requireHashable(Object key) {
        if (key instanceof List<?> || key instanceof Map<?, ?>) {
            throw NOT_A_LITERAL;
        }
    }

    private Number number() {
        Matcher m = NUMBER.matcher(s);
        m.region(pos, s.length());
        if (!m.lookingAt()) {
            throw NOT_A_LITERAL;
        }
        pos = m.end();
        if (pos < s.length()) {
            char next = s.charAt(pos);
            if (Character.isUnicodeIdentifierPart(next) || next == '.' && m.group("float") == null) {
                throw NOT_A_LITERAL; // "08", "1abc", "0x1g": Python's tokenizer rejects these
            }
        }
        if (m.group("imag") != null) {
            throw NOT_A_LITERAL; // complex numbers: Ansible cannot serialise them
        }
        if (m.group("float") != null) {
            return Double.parseDouble(m.group("float").replace("_", ""));
        }
        if (m.group("hex") != null) {
            return integer(new BigInteger(m.group("hex").substring(2).replace("_", ""), 16));
        }
        if (m.group("bin") != null) {
            return integer(new BigInteger(m.group("bin").substring(2).replace("_", ""), 2));
        }
        if (m.group("oct") != null) {
            return integer(new BigInteger(m.group("oct").substring(2).replace("_", ""), 8));
        }
        return integer(new BigInteger(m.group("dec").replace("_", "")));
    }

    private static Number negate(Number n) {
        if (n instanceof Double d) {
            return -d;
        }
        return integer(toBig(n).negate());
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** One or more adjacent string literals, concatenated; mixing bytes and str is an error in Python. */
    private Object strings() {
        StringBuilder text = new StringBuilder();
        Boolean bytes = null;
        while (true) {
            skipSpace();
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String prefix = s.substring(start, pos).toLowerCase(Locale.ROOT);
            if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
                if (bytes == null) {
                    throw NOT_A_LITERAL;
                }
                pos = start;
                return text.toString();
            }
            if (!STRING_PREFIXES.contains(prefix) || prefix.contains("f")) {
                throw NOT_A_LITERAL; // unknown prefix, or an f-string (not a literal)
            }
            boolean isBytes = prefix.contains("b");
            if (bytes != null && bytes != isBytes) {
                throw NOT_A_LITERAL;
            }
            bytes = isBytes;
            text.append(stringBody(prefix.contains("r"), isBytes));
        }
    }

    private String stringBody(boolean raw, boolean isBytes) {
        char quote = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream bytes = isBytes ? new ByteArrayOutputStream() : null;
        while (true) {
            if (atEnd()) {
                throw NOT_A_LITERAL;
            }
            char c = s.charAt(pos);
            if (triple ? s.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n' && !triple) {
                throw NOT_A_LITERAL;
            }
            if (isBytes && c >= 128) {
                throw NOT_A_LITERAL;
            }
            if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    throw NOT_A_LITERAL;
                }
                if (raw) {
                    out.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else {
                    pos++;
                    escape(out, isBytes);
                }
                continue;
            }
            out.append(c);
            pos++;
        }
        if (!isBytes) {
            return out.toString();
        }
        for (int i = 0; i < out.length(); i++) {
            bytes.write(out.charAt(i) & 0xff);
        }
        // Ansible's to_text turns the bytes into text
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Handles the escape after a backslash (already consumed), appending its character(s). */
    private void escape(StringBuilder out, boolean isBytes) {
        char e = s.charAt(pos++);
        switch (e) {
            case '\n' -> {
            }
            case '\\', '\'', '"' -> out.append(e);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> out.appendCodePoint(hex(2));
            case 'u', 'U', 'N' -> {
                if (isBytes) {
                    out.append('\\').append(e);
                } else if (e == 'N') {
                    out.appendCodePoint(named());
                } else {
                    int cp = hex(e == 'u' ? 4 : 8);
                    if (cp > Character.MAX_CODE_POINT) {
                        throw NOT_A_LITERAL;
                    }
                    out.appendCodePoint(cp);
                }
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int value = e - '0';
                    for (int i = 0; i < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
                        value = value * 8 + (s.charAt(pos++) - '0');
                    }
                    out.appendCodePoint(isBytes ? value & 0xff : value);
                } else {
                    out.append('\\').append(e); // unknown escapes are kept, backslash included
                }
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > s.length()) {
            throw NOT_A_LITERAL;
        }
        String h = s.substring(pos, pos + digits);
        if (!h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128)) {
            throw NOT_A_LITERAL;
        }
        pos += digits;
        return (int) Long.parseLong(h, 16);
    }

    private int named() {
        if (peek() != '{') {
            throw NOT_A_LITERAL;
        }
        int close = s.indexOf('}', pos);
        if (close < 0) {
            throw NOT_A_LITERAL;
        }
        String name = s.substring(pos + 1, close);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException ex) {
            throw NOT_A_LITERAL;
        }
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw NOT_A_LITERAL;
        }
        pos++;
    }

    /** Skips spaces, tabs and form feeds; a {@code #} comment runs to the end of the text. */
    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                pos = s.length();
            } else {
                break;
            }
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
