package dev.jplay.engine.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;

/**
 * The diff Ansible's callback prints for a before/after pair: Python's {@code difflib.unified_diff}
 * with 3 lines of context, over lines that keep their newline, a last line without one carrying
 * {@code \ No newline at end of file} (so {@code "x\n"} to {@code "x"} is a change), and the headers
 * {@code --- before: HEADER} / {@code +++ after: HEADER}. The edit script comes from java-diff-utils
 * (Myers); the hunks are grouped as difflib groups them. This class is the only user of the library,
 * so its classes load only when a diff is shown.
 */
public final class UnifiedDiff {
    /** Ansible's DIFF_CONTEXT default. */
    static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\n\\ No newline at end of file\n";

    private UnifiedDiff() {
    }

    /** One stretch of difflib's opcodes: equal, replace, delete or insert, over a[i1:i2] and b[j1:j2]. */
    private record Op(char tag, int i1, int i2, int j1, int j2) {
    }

    /**
     * The diff's lines, each ending with a newline (a line followed by the no-newline marker holds
     * both); empty when the two sides are the same.
     */
    public static List<String> lines(String beforeHeader, String before, String afterHeader, String after) {
        List<String> a = split(before);
        List<String> b = split(after);
        List<String> out = new ArrayList<>();
        for (List<Op> group : groups(opcodes(a, b))) {
            if (out.isEmpty()) {
                out.add("--- " + header("before", beforeHeader) + "\n");
                out.add("+++ " + header("after", afterHeader) + "\n");
            }
            Op first = group.get(0);
            Op last = group.get(group.size() - 1);
            out.add("@@ -" + range(first.i1, last.i2) + " +" + range(first.j1, last.j2) + " @@\n");
            for (Op op : group) {
                if (op.tag == 'e') {
                    a.subList(op.i1, op.i2).forEach(l -> out.add(" " + l));
                    continue;
                }
                a.subList(op.i1, op.i2).forEach(l -> out.add("-" + l));
                b.subList(op.j1, op.j2).forEach(l -> out.add("+" + l));
            }
        }
        return out;
    }

    /** The diff as one text, as {@link #lines} gives it. */
    public static String diff(String beforeHeader, String before, String afterHeader, String after) {
        return String.join("", lines(beforeHeader, before, afterHeader, after));
    }

    private static String header(String side, String given) {
        return given == null || given.isEmpty() ? side : side + ": " + given;
    }

    /** Python's splitlines(True) for \n, with Ansible's marker on a last line that has no newline. */
    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        int at = 0;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            if (nl < 0) {
                out.add(s.substring(at) + NO_NEWLINE);
                break;
            }
            out.add(s.substring(at, nl + 1));
            at = nl + 1;
        }
        return out;
    }

    private static List<Op> opcodes(List<String> a, List<String> b) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            int si = d.getSource().getPosition();
            int tj = d.getTarget().getPosition();
            if (si > i) {
                ops.add(new Op('e', i, si, j, tj));
            }
            int ei = si + d.getSource().size();
            int ej = tj + d.getTarget().size();
            ops.add(new Op(ei == si ? 'i' : ej == tj ? 'd' : 'r', si, ei, tj, ej));
            i = ei;
            j = ej;
        }
        if (i < a.size() || j < b.size()) {
            ops.add(new Op('e', i, a.size(), j, b.size()));
        }
        return ops;
    }

    /** difflib's get_grouped_opcodes: changes with CONTEXT equal lines around them, near ones in one hunk. */
    private static List<List<Op>> groups(List<Op> ops) {
        List<List<Op>> groups = new ArrayList<>();
        if (ops.isEmpty()) {
            return groups;
        }
        List<Op> codes = new ArrayList<>(ops);
        Op head = codes.get(0);
        if (head.tag == 'e') {
            codes.set(0, new Op('e', Math.max(head.i1, head.i2 - CONTEXT), head.i2, Math.max(head.j1, head.j2 - CONTEXT), head.j2));
        }
        Op tail = codes.get(codes.size() - 1);
        if (tail.tag == 'e') {
            codes.set(codes.size() - 1, new Op('e', tail.i1, Math.min(tail.i2, tail.i1 + CONTEXT), tail.j1,
                    Math.min(tail.j2, tail.j1 + CONTEXT)));
        }
        List<Op> group = new ArrayList<>();
        for (Op op : codes) {
            int i1 = op.i1;
            int j1 = op.j1;
            if (op.tag == 'e' && op.i2 - op.i1 > 2 * CONTEXT) {
                group.add(new Op('e', i1, Math.min(op.i2, i1 + CONTEXT), j1, Math.min(op.j2, j1 + CONTEXT)));
                groups.add(group);
                group = new ArrayList<>();
                i1 = Math.max(i1, op.i2 - CONTEXT);
                j1 = Math.max(j1, op.j2 - CONTEXT);
            }
            group.add(new Op(op.tag, i1, op.i2, j1, op.j2));
        }
        if (!(group.size() == 1 && group.get(0).tag == 'e')) {
            groups.add(group);
        }
        return groups;
    }

    /** A hunk's range as difflib writes it: "3" for one line, "2,0" for none, else "3,4". */
    private static String range(int start, int stop) {
        int len = stop - start;
        if (len == 1) {
            return String.valueOf(start + 1);
        }
        return (len == 0 ? start : start + 1) + "," + len;
    }
}
