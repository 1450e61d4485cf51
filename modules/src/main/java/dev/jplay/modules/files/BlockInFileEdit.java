package dev.jplay.modules.files;

import dev.jplay.engine.regex.PythonRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * blockinfile's edit, computed in memory as ansible-core's blockinfile.py does: find the marker
 * lines, replace (or remove) what is between them, else insert the block after/before the last line
 * matching insertafter/insertbefore, or at EOF/BOF. Lines split as Python's bytes.splitlines(True).
 */
final class BlockInFileEdit {
    private BlockInFileEdit() {
    }

    /** The new content (null when the file stays absent) and Ansible's msg. */
    record Result(String content, boolean changed, String msg) {
    }

    /** Python's bytes.splitlines(keepends=True): \n, \r\n and \r end lines. */
    static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * @param original     the file's content, or null when it does not exist
     * @param present      state=present
     * @param insertafter  null, EOF or a regexp (the caller defaults it to EOF when both are null)
     * @param insertbefore null, BOF or a regexp
     */
    static Result edit(String original, boolean present, String block, String marker, String markerBegin, String markerEnd,
                       PythonRegex insertRe, String insertafter, String insertbefore) {
        List<String> lines = original == null ? new ArrayList<>() : splitlines(original);
        String marker0 = marker.replace("{mark}", markerBegin) + "\n";
        String marker1 = marker.replace("{mark}", markerEnd) + "\n";
        List<String> blockLines = new ArrayList<>();
        if (present && !block.isEmpty()) {
            String b = block.endsWith("\n") ? block : block + "\n";
            blockLines.add(marker0);
            blockLines.addAll(splitlines(b));
            blockLines.add(marker1);
        }

        Integer n0 = null;
        Integer n1 = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(marker0)) {
                n0 = i;
            }
            if (lines.get(i).equals(marker1)) {
                n1 = i;
            }
        }
        if (n0 == null || n1 == null) {
            n0 = null;
            if (insertRe != null) {
                if (insertRe.multiline() && original != null) {
                    Matcher m = insertRe.matcher(original);
                    if (m.find()) {
                        if (insertafter != null) {
                            n0 = count(original, m.end());
                        } else if (insertbefore != null) {
                            n0 = count(original, m.start());
                        }
                    }
                } else {
                    for (int i = 0; i < lines.size(); i++) {
                        if (insertRe.search(lines.get(i))) {
                            n0 = i;
                        }
                    }
                }
                if (n0 == null) {
                    n0 = lines.size();
                } else if (insertafter != null) {
                    n0 += 1;
                }
            } else if (insertbefore != null) {
                n0 = 0;
            } else {
                n0 = lines.size();
            }
            // Python would fail with an IndexError past the end; the end is what such a match means
            n0 = Math.min(n0, lines.size());
        } else if (n0 < n1) {
            lines.subList(n0, n1 + 1).clear();
        } else {
            lines.subList(n1, n0 + 1).clear();
            n0 = n1;
        }
        if (n0 > 0 && !lines.get(n0 - 1).endsWith("\n")) {
            lines.set(n0 - 1, lines.get(n0 - 1) + "\n");
        }
        lines.addAll(n0, blockLines);
        String result = String.join("", lines);

        if (result.equals(original)) {
            return new Result(result, false, "");
        } else if (original == null) {
            return new Result(result, true, "File created");
        } else if (blockLines.isEmpty()) {
            return new Result(result, true, "Block removed");
        }
        return new Result(result, true, "Block inserted");
    }

    private static int count(String s, int end) {
        int c = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                c++;
            }
        }
        return c;
    }
}
