package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;

/** Python's str methods whose edge cases differ from Java's: split, splitlines, strip. */
final class PyText {
    private PyText() {
    }

    /** Python's str.isspace for one character. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0
                || Character.isSpaceChar(c);
    }

    /** str.split(sep, maxsplit): without sep, runs of whitespace and no empty words. */
    static List<Object> split(String s, Object sepArg, int maxsplit) {
        List<Object> out = new ArrayList<>();
        if (sepArg == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (maxsplit >= 0 && out.size() == maxsplit) {
                    int end = n;
                    while (end > i && isSpace(s.charAt(end - 1))) {
                        end--;
                    }
                    out.add(s.substring(i, end));
                    break;
                }
                int start = i;
                while (i < n && !isSpace(s.charAt(i))) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
            return out;
        }
        String sep = PyValues.str(sepArg);
        if (sep.isEmpty()) {
            throw new FilterError("empty separator");
        }
        int from = 0;
        while (maxsplit < 0 || out.size() < maxsplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** str.splitlines(): \n, \r\n, \r and the other Unicode line ends; no trailing empty line. */
    static List<String> splitlines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85 || c == 0x2028 || c == 0x2029) {
                out.add(s.substring(start, i));
                i += c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** str.strip/lstrip/rstrip(chars): whitespace when chars is None. */
    static String strip(String s, Object charsArg, boolean left, boolean right) {
        String chars = charsArg == null ? null : PyValues.str(charsArg);
        int b = 0;
        int e = s.length();
        if (left) {
            while (b < e && (chars == null ? isSpace(s.charAt(b)) : chars.indexOf(s.charAt(b)) >= 0)) {
                b++;
            }
        }
        if (right) {
            while (e > b && (chars == null ? isSpace(s.charAt(e - 1)) : chars.indexOf(s.charAt(e - 1)) >= 0)) {
                e--;
            }
        }
        return s.substring(b, e);
    }
}
