package dev.jplay.modules.files;

import dev.jplay.engine.regex.PythonRegex;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * lineinfile's edit, computed in memory exactly as ansible-core's lineinfile.py (present() and
 * absent()) does, so a playbook gives the same file under jplay as under Ansible. Lines keep their
 * endings; only \n separates lines, as Python's readlines on bytes.
 */
final class LineInFileEdit {
    private LineInFileEdit() {
    }

    /** The edited lines, whether anything changed, Ansible's msg, and (for absent) how many lines matched. */
    record Result(List<String> lines, boolean changed, String msg, int found) {
        String text() {
            return String.join("", lines);
        }
    }

    /** Python's readlines: every line keeps its \n; a last line without one is kept as it is. */
    static List<String> readlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static String rstripNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean endsWithNewline(String s) {
        return s.endsWith("\n") || s.endsWith("\r");
    }

    /**
     * state=present. {@code insertafter} defaults to EOF when neither insert option is given (the
     * caller passes it so, as the module's main() does).
     */
    static Result present(List<String> input, PythonRegex regexp, String searchString, String line, String insertafter,
                          String insertbefore, boolean backrefs, boolean firstmatch) throws ModuleFailure {
        List<String> lines = new ArrayList<>(input);
        PythonRegex ins = null;
        if (insertafter != null && !insertafter.equals("BOF") && !insertafter.equals("EOF")) {
            ins = RegexOption.compile(insertafter, "insertafter");
        } else if (insertbefore != null && !insertbefore.equals("BOF")) {
            ins = RegexOption.compile(insertbefore, "insertbefore");
        }
        int index0 = -1;
        int index1 = -1;
        Matcher match = null;
        boolean matched = false;
        boolean exactLineMatch = false;

        if (regexp != null) {
            for (int n = 0; n < lines.size(); n++) {
                Matcher m = regexp.matcher(lines.get(n));
                if (m.find()) {
                    index0 = n;
                    match = m;
                    matched = true;
                    if (firstmatch) {
                        break;
                    }
                }
            }
        }
        if (searchString != null) {
            for (int n = 0; n < lines.size(); n++) {
                if (lines.get(n).contains(searchString)) {
                    index0 = n;
                    matched = true;
                    if (firstmatch) {
                        break;
                    }
                }
            }
        }
        if (!matched) {
            for (int n = 0; n < lines.size(); n++) {
                String cur = lines.get(n);
                if (line.equals(rstripNewlines(cur))) {
                    index0 = n;
                    exactLineMatch = true;
                } else if (ins != null && ins.search(cur)) {
                    if (truthy(insertafter)) {
                        index1 = n + 1;
                        if (firstmatch) {
                            break;
                        }
                    }
                    if (truthy(insertbefore)) {
                        index1 = n;
                        if (firstmatch) {
                            break;
                        }
                    }
                }
            }
        }

        String msg = "";
        boolean changed = false;
        if (index0 != -1) {
            String newLine = backrefs && match != null ? RegexOption.expand(regexp, match, line) : line;
            if (!newLine.endsWith("\n")) {
                newLine += "\n";
            }
            if (regexp == null && searchString == null && !matched && !exactLineMatch) {
                // unreachable in lineinfile.py too (index0 is only set by a match); kept for fidelity
                if (truthy(insertafter) && !insertafter.equals("EOF")) {
                    if (!lines.isEmpty() && !endsWithNewline(last(lines))) {
                        lines.set(lines.size() - 1, last(lines) + "\n");
                    }
                    if (lines.size() == index1) {
                        if (!rstripNewlines(lines.get(index1 - 1)).equals(line)) {
                            lines.add(line + "\n");
                            msg = "line added";
                            changed = true;
                        }
                    } else if (!rstripNewlines(lines.get(index1)).equals(line)) {
                        lines.add(index1, line + "\n");
                        msg = "line added";
                        changed = true;
                    }
                }
            } else if (!lines.get(index0).equals(newLine)) {
                lines.set(index0, newLine);
                msg = "line replaced";
                changed = true;
            }
        } else if (backrefs) {
            // no match: the backrefs cannot be filled, so lineinfile does nothing
        } else if ("BOF".equals(insertbefore) || "BOF".equals(insertafter)) {
            lines.add(0, line + "\n");
            msg = "line added";
            changed = true;
        } else if ("EOF".equals(insertafter) || index1 == -1) {
            if (!lines.isEmpty() && !endsWithNewline(last(lines))) {
                lines.add("\n");
            }
            lines.add(line + "\n");
            msg = "line added";
            changed = true;
        } else if (truthy(insertafter) && index1 != -1) {
            if (lines.size() == index1) {
                if (!rstripNewlines(lines.get(index1 - 1)).equals(line)) {
                    lines.add(line + "\n");
                    msg = "line added";
                    changed = true;
                }
            } else if (!line.equals(rstripNewlines(lines.get(index1)))) {
                lines.add(index1, line + "\n");
                msg = "line added";
                changed = true;
            }
        } else {
            lines.add(index1, line + "\n");
            msg = "line added";
            changed = true;
        }
        return new Result(lines, changed, msg, 0);
    }

    /** state=absent: drops every line the regexp / search_string / exact line matches. */
    static Result absent(List<String> input, PythonRegex regexp, String searchString, String line) {
        List<String> kept = new ArrayList<>();
        int found = 0;
        for (String cur : input) {
            boolean hit;
            if (regexp != null) {
                hit = regexp.search(cur);
            } else if (searchString != null) {
                hit = cur.contains(searchString);
            } else {
                hit = line.equals(rstripNewlines(cur));
            }
            if (hit) {
                found++;
            } else {
                kept.add(cur);
            }
        }
        return new Result(kept, found > 0, found > 0 ? found + " line(s) removed" : "", found);
    }

    private static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }

    private static String last(List<String> l) {
        return l.get(l.size() - 1);
    }
}
