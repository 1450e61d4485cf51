package dev.jplay.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * jplay's one splitter of a line into words, quotes and backslashes read, nothing expanded (no
 * variables, globs, pipes or redirections). Two modes, which differ only where Python and sh differ:
 * <ul>
 * <li>{@link Mode#SHLEX}: Python's {@code shlex.split} (POSIX mode), which Ansible uses for a command
 * line, an INI host line, ssh arguments: inside double quotes a backslash escapes only {@code "} and
 * {@code \}; a line ending in a backslash is an error.</li>
 * <li>{@link Mode#SH}: POSIX sh's quote removal: inside double quotes a backslash also escapes
 * {@code $} and {@code `}; a backslash at the very end stays a backslash.</li>
 * </ul>
 * In both, whitespace separates words, {@code '...'} is literal, a backslash outside quotes escapes
 * the next character, quoted parts join their neighbours ({@code a'b c'd} is one word), {@code ''}
 * is an empty word, and a quote that is never closed is an error. With {@code comments}, a {@code #}
 * outside quotes ends the line, in the middle of a word too ({@code shlex.split(s, comments=True)}).
 */
public final class WordSplitter {
    public enum Mode { SHLEX, SH }

    /** A word and the 0-based offset of its first character in the line. */
    public record Word(String text, int offset) {
    }

    /** An unclosed quote or (shlex) a trailing backslash; {@link #offset()} is where the trouble starts (0-based). */
    public static final class SplitError extends IllegalArgumentException {
        private final int offset;

        SplitError(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    private WordSplitter() {
    }

    /** The words of {@code line}. */
    public static List<String> split(String line, Mode mode) {
        return words(line, mode, false).stream().map(Word::text).toList();
    }

    /** The words of {@code line} with their offsets; {@code comments}: a {@code #} outside quotes ends the line. */
    public static List<Word> words(String line, Mode mode, boolean comments) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int start = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(new Word(word.toString(), start));
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            if (comments && c == '#') {
                break; // the comment ends the current word too
            }
            if (!inWord) {
                inWord = true;
                start = i;
            }
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw unclosed(c, i);
                }
                word.append(line, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, mode, word);
            } else if (c == '\\') {
                if (i + 1 < n) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                } else if (mode == Mode.SH) {
                    word.append('\\');
                    i++;
                } else {
                    throw new SplitError("no escaped character: the line ends with a backslash", i);
                }
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(new Word(word.toString(), start));
        }
        return words;
    }

    /** Appends the inside of the double-quoted part that opens at {@code open}; returns the index after its close. */
    private static int doubleQuoted(String line, int open, Mode mode, StringBuilder word) {
        String escapable = mode == Mode.SH ? "\"\\$`" : "\"\\";
        int j = open + 1;
        while (j < line.length()) {
            char d = line.charAt(j);
            if (d == '"') {
                return j + 1;
            }
            if (d == '\\' && j + 1 < line.length() && escapable.indexOf(line.charAt(j + 1)) >= 0) {
                word.append(line.charAt(j + 1));
                j += 2;
            } else {
                word.append(d);
                j++;
            }
        }
        throw unclosed('"', open);
    }

    private static SplitError unclosed(char quote, int at) {
        return new SplitError("no closing quotation: the " + quote + " at column " + (at + 1) + " is not closed", at);
    }
}
