package dev.jplay.modules.commands;

import java.util.ArrayList;
import java.util.List;

/** Ansible's {@code stdout_lines}: the text split as Python's {@code str.splitlines()} splits it. */
public final class OutputLines {
    private OutputLines() {
    }

    public static List<String> of(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                lines.add(text.substring(start, i));
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The line boundaries Python recognises. */
    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d' || c == '\u001e'
                || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Ansible's {@code strip_empty_ends}: trailing CR and LF characters removed. */
    public static String stripEnds(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
