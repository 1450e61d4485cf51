package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.jinja.Token.Kind;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into data and tag tokens, and the inside of tags into expression tokens, as
 * Jinja2's lexer does: whitespace control ({@code -}), trim_blocks/lstrip_blocks, {@code {% raw %}},
 * comments. Every token keeps its offset in the source.
 */
final class Lexer {
    private static final String[] OPERATORS = {"//", "**", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]",
            "{", "}", ",", ".", ":", "|", "=", "<", ">", ";"};

    private final String src;
    private final Syntax syntax;
    private final boolean escapeBackslashes;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private boolean stripNextData;
    private int end;

    /**
     * @param escapeBackslashes Ansible's rule for playbook strings: a backslash in a string literal inside
     *                          {@code {{ }}} is taken literally (the YAML layer already read escapes)
     */
    Lexer(String src, Syntax syntax, boolean escapeBackslashes) {
        this.src = src;
        this.syntax = syntax;
        this.escapeBackslashes = escapeBackslashes;
        int e = src.length();
        if (!syntax.keepTrailingNewline() && src.endsWith("\n")) {
            e -= src.endsWith("\r\n") ? 2 : 1;
        }
        this.end = e;
    }

    /** The tokens of a bare expression (a condition, a literal to evaluate): no tags around it. */
    List<Token> tokenizeExpression() {
        pos = 0;
        while (true) {
            pos = skipSpace(pos);
            if (pos >= src.length()) {
                break;
            }
            out.add(token());
        }
        out.add(new Token(Kind.EOF, "", null, src.length()));
        return out;
    }

    List<Token> tokenize() {
        while (pos < end) {
            int[] next = nextTag();
            if (next == null) {
                data(src.substring(pos, end), pos, false);
                pos = end;
                break;
            }
            int tagAt = next[0];
            int kind = next[1];
            String start = kind == 0 ? syntax.variableStart() : kind == 1 ? syntax.blockStart() : syntax.commentStart();
            char mod = tagAt + start.length() < end ? src.charAt(tagAt + start.length()) : 0;
            String text = src.substring(pos, tagAt);
            if (mod == '-') {
                text = text.stripTrailing();
            } else if (kind != 0 && syntax.lstripBlocks() && mod != '+') {
                text = lstripLine(text, tagAt);
            }
            data(text, pos, false);
            int inner = tagAt + start.length() + (mod == '-' || mod == '+' ? 1 : 0);
            switch (kind) {
                case 0 -> tag(Kind.VAR_BEGIN, Kind.VAR_END, syntax.variableEnd(), tagAt, inner, false);
                case 1 -> {
                    if (!raw(tagAt, inner)) {
                        tag(Kind.BLOCK_BEGIN, Kind.BLOCK_END, syntax.blockEnd(), tagAt, inner, true);
                    }
                }
                default -> comment(tagAt, inner);
            }
        }
        out.add(new Token(Kind.EOF, "", null, end));
        return out;
    }

    /** {offset, 0=variable 1=block 2=comment} of the next tag, or null. */
    private int[] nextTag() {
        int best = -1;
        int kind = -1;
        String[] starts = {syntax.variableStart(), syntax.blockStart(), syntax.commentStart()};
        for (int k = 0; k < 3; k++) {
            int i = src.indexOf(starts[k], pos);
            if (i >= 0 && i < end && (best < 0 || i < best || (i == best && starts[k].length() > starts[kind].length()))) {
                best = i;
                kind = k;
            }
        }
        return best < 0 ? null : new int[]{best, kind};
    }

    private String lstripLine(String text, int tagAt) {
        int nl = text.lastIndexOf('\n');
        String tail = text.substring(nl + 1);
        if (!tail.isBlank() && !tail.isEmpty()) {
            return text;
        }
        if (nl < 0 && tagAt - text.length() > 0 && src.charAt(tagAt - text.length() - 1) != '\n') {
            return text; // the text before is the end of a tag on the same line
        }
        return text.substring(0, nl + 1);
    }

    private void data(String text, int at, boolean verbatim) {
        if (stripNextData && !verbatim) {
            text = text.stripLeading();
        }
        stripNextData = false;
        if (text.isEmpty()) {
            return;
        }
        if (!syntax.newline().equals("\r\n") && text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        if (!syntax.newline().equals("\n")) {
            text = text.replace("\n", syntax.newline());
        }
        out.add(new Token(Kind.DATA, text, text, at));
    }

    /** After a block or comment end: the whitespace control of the closing tag, else trim_blocks. */
    private void afterTag(boolean minus, boolean block) {
        if (minus) {
            stripNextData = true;
        } else if (block && syntax.trimBlocks()) {
            if (src.startsWith("\r\n", pos)) {
                pos += 2;
            } else if (pos < src.length() && src.charAt(pos) == '\n') {
                pos++;
            }
        }
    }

    private void comment(int tagAt, int inner) {
        int close = src.indexOf(syntax.commentEnd(), inner);
        if (close < 0) {
            throw new ExpressionError(src, tagAt, "the comment started here is not closed by '" + syntax.commentEnd() + "'");
        }
        boolean minus = close > inner && src.charAt(close - 1) == '-';
        pos = close + syntax.commentEnd().length();
        afterTag(minus, true);
    }

    /** {@code {% raw %}...{% endraw %}}: the text between is data, verbatim. */
    private boolean raw(int tagAt, int inner) {
        int i = skipSpace(inner);
        if (!src.startsWith("raw", i) || (i + 3 < src.length() && Character.isLetterOrDigit(src.charAt(i + 3)))) {
            return false;
        }
        i = skipSpace(i + 3);
        boolean minus = src.startsWith("-", i);
        if (minus) {
            i++;
        }
        if (!src.startsWith(syntax.blockEnd(), i)) {
            return false;
        }
        pos = i + syntax.blockEnd().length();
        afterTag(minus, true);
        int search = pos;
        while (true) {
            int open = src.indexOf(syntax.blockStart(), search);
            if (open < 0) {
                throw new ExpressionError(src, tagAt, "'raw' is not closed: expected '" + syntax.blockStart() + " endraw " + syntax.blockEnd() + "'");
            }
            int j = open + syntax.blockStart().length();
            boolean lead = j < src.length() && src.charAt(j) == '-';
            j = skipSpace(lead ? j + 1 : j);
            if (src.startsWith("endraw", j)) {
                j = skipSpace(j + 6);
                boolean trail = src.startsWith("-", j);
                if (trail) {
                    j++;
                }
                if (src.startsWith(syntax.blockEnd(), j)) {
                    String text = src.substring(pos, open);
                    if (stripNextData) {
                        text = text.stripLeading();
                        stripNextData = false;
                    }
                    if (lead) {
                        text = text.stripTrailing();
                    }
                    data(text, pos, true);
                    pos = j + syntax.blockEnd().length();
                    afterTag(trail, true);
                    return true;
                }
            }
            search = open + 1;
        }
    }

    private int skipSpace(int i) {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        return i;
    }

    private void tag(Kind begin, Kind endKind, String close, int tagAt, int inner, boolean block) {
        out.add(new Token(begin, src.substring(tagAt, inner), null, tagAt));
        pos = inner;
        int depth = 0;
        while (true) {
            pos = skipSpace(pos);
            if (pos >= src.length()) {
                throw new ExpressionError(src, tagAt, "'" + src.substring(tagAt, Math.min(tagAt + 2, src.length())) + "' is not closed by '" + close + "'"
                        + (quoteOpen(tagAt) ? " (a quote inside is not closed, so its '" + close + "' counts as text)" : ""));
            }
            if (depth == 0 || close.charAt(0) != '}') {
                if (src.startsWith("-" + close, pos) || src.startsWith("+" + close, pos)) {
                    boolean minus = src.charAt(pos) == '-';
                    out.add(new Token(endKind, close, null, pos));
                    pos += 1 + close.length();
                    afterTag(minus, block);
                    return;
                }
                if (src.startsWith(close, pos)) {
                    out.add(new Token(endKind, close, null, pos));
                    pos += close.length();
                    afterTag(false, block);
                    return;
                }
            }
            Token t = token();
            if (t.isOp("{")) { // only braces can hide a closing '}}', as in Jinja2's balancing
                depth++;
            } else if (t.isOp("}") && depth > 0) {
                depth--;
            }
            out.add(t);
        }
    }

    private boolean quoteOpen(int from) {
        char q = 0;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (q != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '\'' || c == '"') {
                q = c;
            }
        }
        return q != 0;
    }

    private Token token() {
        char c = src.charAt(pos);
        int at = pos;
        if (Character.isLetter(c) || c == '_') {
            int i = pos + 1;
            while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                i++;
            }
            pos = i;
            String name = src.substring(at, i);
            return new Token(Kind.NAME, name, name, at);
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.OPERATOR, op, op, at);
            }
        }
        throw new ExpressionError(src, at, "unexpected char '" + c + "' at column " + (at + 1));
    }

    private Token number() {
        int at = pos;
        if (src.charAt(pos) == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            int radix = switch (Character.toLowerCase(src.charAt(pos + 1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            int i = pos + 2;
            while (i < src.length() && (Character.digit(src.charAt(i), radix) >= 0 || src.charAt(i) == '_')) {
                i++;
            }
            pos = i;
            String digits = src.substring(at + 2, i).replace("_", "");
            return new Token(Kind.INTEGER, src.substring(at, i), intValue(new BigInteger(digits.isEmpty() ? "0" : digits, radix)), at);
        }
        int i = digits(pos);
        boolean isFloat = false;
        if (i + 1 < src.length() && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
            i = digits(i + 1);
            isFloat = true;
        }
        if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < src.length() && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                j++;
            }
            if (j < src.length() && Character.isDigit(src.charAt(j))) {
                i = digits(j);
                isFloat = true;
            }
        }
        pos = i;
        String text = src.substring(at, i);
        String clean = text.replace("_", "");
        return isFloat ? new Token(Kind.FLOAT, text, Double.parseDouble(clean), at)
                : new Token(Kind.INTEGER, text, intValue(new BigInteger(clean)), at);
    }

    private static Number intValue(BigInteger b) {
        return b.bitLength() < 64 ? (Number) b.longValue() : b;
    }

    private int digits(int i) {
        while (i < src.length() && (Character.isDigit(src.charAt(i)) || (src.charAt(i) == '_' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))))) {
            i++;
        }
        return i;
    }

    private Token string(char q) {
        int at = pos;
        StringBuilder sb = new StringBuilder();
        boolean literalBackslash = escapeBackslashes && inVariable();
        int i = pos + 1;
        while (true) {
            if (i >= src.length()) {
                throw new ExpressionError(src, at, "a quoted string is not closed: expected a closing " + q);
            }
            char c = src.charAt(i);
            if (c == q) {
                break;
            }
            if (c == '\\' && i + 1 < src.length()) {
                char n = src.charAt(i + 1);
                if (literalBackslash) {
                    sb.append(c);
                    if (n == q || n == '\\') {
                        sb.append(n);
                        i += 2;
                        continue;
                    }
                    i++;
                    continue;
                }
                i = escape(sb, i + 1);
                continue;
            }
            sb.append(c);
            i++;
        }
        pos = i + 1;
        return new Token(Kind.STRING, src.substring(at, pos), sb.toString(), at);
    }

    private boolean inVariable() {
        for (int k = out.size() - 1; k >= 0; k--) {
            Kind kind = out.get(k).kind();
            if (kind == Kind.VAR_BEGIN) {
                return true;
            }
            if (kind == Kind.BLOCK_BEGIN) {
                return false;
            }
        }
        return false;
    }

    /** Python's escapes; returns the index after the escape. */
    private int escape(StringBuilder sb, int i) {
        char n = src.charAt(i);
        switch (n) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000b');
            case '\\', '\'', '"' -> sb.append(n);
            case '\n' -> {
            }
            case 'x', 'u', 'U' -> {
                int len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                if (i + len < src.length() + 0 && i + len <= src.length() - 1 + 1) {
                    try {
                        sb.appendCodePoint(Integer.parseInt(src.substring(i + 1, i + 1 + len), 16));
                        return i + 1 + len;
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        // not an escape: kept as written, as Python would refuse it
                    }
                }
                sb.append('\\').append(n);
            }
            default -> {
                if (n >= '0' && n <= '7') {
                    int j = i;
                    while (j < i + 3 && j < src.length() && src.charAt(j) >= '0' && src.charAt(j) <= '7') {
                        j++;
                    }
                    sb.append((char) Integer.parseInt(src.substring(i, j), 8));
                    return j;
                }
                sb.append('\\').append(n);
            }
        }
        return i + 1;
    }
}
