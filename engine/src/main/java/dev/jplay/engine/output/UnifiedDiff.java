package dev.jplay.engine.output;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context) of two texts, line by line, as {@code diff -u} prints it. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    private record Edit(char op, String line, int a, int b) {
    }

    public static String diff(String beforeHeader, String before, String afterHeader, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeHeader).append('\n').append("+++ ").append(afterHeader).append('\n');
        int i = 0;
        while (i < edits.size()) {
            while (i < edits.size() && edits.get(i).op == ' ') {
                i++;
            }
            if (i >= edits.size()) {
                break;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int quiet = 0;
            while (end < edits.size() && quiet <= 2 * CONTEXT) {
                quiet = edits.get(end).op == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(edits.size(), end - Math.max(0, quiet - CONTEXT));
            List<Edit> hunk = edits.subList(start, end);
            int aStart = hunk.get(0).a;
            int bStart = hunk.get(0).b;
            int aLen = (int) hunk.stream().filter(e -> e.op != '+').count();
            int bLen = (int) hunk.stream().filter(e -> e.op != '-').count();
            out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
            for (Edit e : hunk) {
                out.append(e.op).append(e.line).append('\n');
            }
            i = end;
        }
        return out.toString();
    }

    /** A hunk's range as diff -u and Python's difflib write it: "3" for one line, "2,0" for none, else "3,4". */
    private static String range(int start, int len) {
        if (len == 1) {
            return String.valueOf(start + 1);
        }
        return (len == 0 ? start : start + 1) + "," + len;
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String l : s.split("\n", -1)) {
            out.add(l);
        }
        if (s.endsWith("\n")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> out = new ArrayList<>();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Edit('-', a.get(i), i, 0));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Edit('+', b.get(j), n, j));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Edit('-', a.get(i), i++, j));
            } else {
                out.add(new Edit('+', b.get(j), i, j++));
            }
        }
        return out;
    }
}
