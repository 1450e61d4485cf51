package dev.jplay.engine.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code shlex.split(line, comments=True)} in POSIX mode, which Ansible uses for INI host
 * lines: whitespace separates words, {@code '...'} is literal, {@code "..."} allows {@code \"} and
 * {@code \\}, a backslash outside quotes escapes any character, and {@code #} starts a comment
 * (also in the middle of a word: {@code a=b#c} is {@code a=b}). Each word keeps the offset where it starts.
 */
final class ShlexSplitter {

    /** A word and the 0-based offset of its first character in the line. */
    record Word(String text, int offset) {
    }

    /** Unbalanced quotes or a trailing backslash; {@code offset} is where the trouble starts. */
    static final class SplitError extends RuntimeException {
        final int offset;

        SplitError(String message, int offset) {
            super(message);
            this.offset = offset;
        }
    }

    private ShlexSplitter() {
    }

    static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int start = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (!inWord) {
                if (isSpace(c)) {
                    i++;
                    continue;
                }
                if (c == '#') {
                    break;
                }
                inWord = true;
                start = i;
            }
            if (isSpace(c)) {
                words.add(new Word(token.toString(), start));
                token.setLength(0);
                inWord = false;
                quoted = false;
                i++;
            } else if (c == '#') {
                break; // the comment ends the current word too
            } else if (c == '\'' || c == '"') {
                quoted = true;
                int close = i + 1;
                while (true) {
                    if (close >= n) {
                        throw new SplitError("no closing quotation", i);
                    }
                    char q = line.charAt(close);
                    if (q == c) {
                        break;
                    }
                    if (c == '"' && q == '\\' && close + 1 < n && (line.charAt(close + 1) == '"' || line.charAt(close + 1) == '\\')) {
                        token.append(line.charAt(close + 1));
                        close += 2;
                        continue;
                    }
                    if (c == '"' && q == '\\' && close + 1 >= n) {
                        throw new SplitError("no closing quotation", i);
                    }
                    token.append(q);
                    close++;
                }
                i = close + 1;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new SplitError("no escaped character after the backslash", i);
                }
                token.append(line.charAt(i + 1));
                i += 2;
            } else {
                token.append(c);
                i++;
            }
        }
        if (inWord && (token.length() > 0 || quoted)) {
            words.add(new Word(token.toString(), start));
        }
        return words;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
