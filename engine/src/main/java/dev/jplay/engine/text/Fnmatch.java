package dev.jplay.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * jplay's one shell-glob translator, with Python's {@code fnmatch} semantics (which Ansible uses for
 * host patterns, {@code --start-at-task}, find's patterns): {@code *} any run (several are one),
 * {@code ?} one character, {@code [seq]} and {@code [!seq]} a set with ranges; everything else,
 * backslash included, stands for itself. A {@code [} without its {@code ]} is literal, {@code []x]}
 * holds {@code ]}, an empty set never matches, {@code [!]} matches any character, and a backwards
 * range ({@code z-a}) is dropped as Python drops it. The result is a Java regex matching whole names.
 */
public final class Fnmatch {
    private Fnmatch() {
    }

    /** The glob as a compiled pattern; use {@code matcher(name).matches()}. */
    public static Pattern compile(String glob) {
        return Pattern.compile(translate(glob), Pattern.DOTALL);
    }

    public static String translate(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                while (i < n && glob.charAt(i) == '*') {
                    i++;
                }
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    re.append(set(glob.substring(i, j)));
                    i = j + 1;
                }
            } else {
                literal(re, c);
            }
        }
        return re.toString();
    }

    /** The regex for the inside of {@code [...]}. */
    private static String set(String inside) {
        boolean negated = inside.startsWith("!");
        String body = negated ? inside.substring(1) : inside;
        if (body.isEmpty()) {
            return negated ? "." : "(?!)";
        }
        // split at the hyphens that make ranges (not the first character), as fnmatch does
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int k = 1;
        while ((k = body.indexOf('-', k)) >= 0) {
            chunks.add(body.substring(start, k));
            start = k + 1;
            k += 3;
        }
        String last = body.substring(start);
        if (!last.isEmpty() || chunks.isEmpty()) {
            chunks.add(last);
        } else {
            chunks.set(chunks.size() - 1, chunks.get(chunks.size() - 1) + "-");
        }
        // a backwards range is dropped: its ends join
        for (int c = chunks.size() - 1; c > 0; c--) {
            String a = chunks.get(c - 1);
            String b = chunks.get(c);
            if (a.charAt(a.length() - 1) > b.charAt(0)) {
                chunks.set(c - 1, a.substring(0, a.length() - 1) + b.substring(1));
                chunks.remove(c);
            }
        }
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < chunks.size(); c++) {
            if (c > 0) {
                s.append('-');
            }
            for (char ch : chunks.get(c).toCharArray()) {
                literal(s, ch);
            }
        }
        if (s.isEmpty()) {
            return negated ? "." : "(?!)";
        }
        return "[" + (negated ? "^" : "") + s + "]";
    }

    private static void literal(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c) || c == '_') {
            re.append(c);
        } else {
            re.append('\\').append(c);
        }
    }
}
