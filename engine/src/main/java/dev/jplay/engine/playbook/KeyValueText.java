package dev.jplay.engine.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code key=value} text, read one way for module options ({@code copy: src=a dest=b}) and
 * for {@code -e k=v}: words split at whitespace outside quotes and outside {@code {{ }}}, a value
 * unquoted when it is quoted as a whole (as Ansible's parse_kv does).
 */
public final class KeyValueText {
    private KeyValueText() {
    }

    /** A word of the text and where it starts and ends. */
    public record Word(String text, int start, int end) {
        /** The key of a {@code key=value} word whose key is a name, or null. */
        public String key() {
            int eq = text.indexOf('=');
            String k = eq > 0 ? text.substring(0, eq) : null;
            return k != null && k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : null;
        }

        /** The value of a {@code key=value} word, unquoted. */
        public String value() {
            return unquote(text.substring(text.indexOf('=') + 1));
        }
    }

    public static List<Word> words(String s) {
        return words(s, false);
    }

    /**
     * @param strict a quote left open is an error (as for a lookup's terms); otherwise the word runs to the end
     * @throws IllegalArgumentException when strict and a quote is not closed
     */
    public static List<Word> words(String s, boolean strict) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            char quote = 0;
            int braces = 0;
            while (i < s.length() && (quote != 0 || braces > 0 || !Character.isWhitespace(s.charAt(i)))) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (s.startsWith("{{", i)) {
                    braces++;
                    i++;
                } else if (s.startsWith("}}", i) && braces > 0) {
                    braces--;
                    i++;
                }
                i++;
            }
            if (strict && quote != 0) {
                throw new IllegalArgumentException("the word at column " + (start + 1) + " has a " + quote + " that is not closed");
            }
            out.add(new Word(s.substring(start, Math.min(i, s.length())), start, Math.min(i, s.length())));
        }
        return out;
    }

    /**
     * Text that is only {@code key=value} words (as {@code -e} takes it).
     *
     * @throws IllegalArgumentException naming the first word that is not one
     */
    public static Map<String, Object> pairs(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Word w : words(s)) {
            if (w.key() == null) {
                throw new IllegalArgumentException(w.text().indexOf('=') > 0
                        ? "'" + w.text().substring(0, w.text().indexOf('=')) + "' is not a valid variable name"
                        : "expected key=value, JSON, or @file, got '" + w.text() + "'");
            }
            out.put(w.key(), w.value());
        }
        return out;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
