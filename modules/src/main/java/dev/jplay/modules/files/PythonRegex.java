package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written for Python's {@code re} (as Ansible playbooks are), compiled for Java,
 * plus Python's {@code match.expand} for backreferences. Translated: named groups
 * {@code (?P<name>..)}/{@code (?P=name)} (names Java would reject are renamed), {@code \Z}, a
 * {@code {} that is not a quantifier (literal in Python), and {@code [}/{@code &&} inside a class
 * (literal in Python). Lines are matched as Python does on bytes: only \n ends a line.
 */
final class PythonRegex {
    private final String source;
    private final Pattern pattern;
    private final Map<String, String> groupNames;

    private PythonRegex(String source, Pattern pattern, Map<String, String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** Compiles; {@code option} names the option in the error message. */
    static PythonRegex compile(String python, String option) throws ModuleFailure {
        return compile(python, option, 0);
    }

    /** Compiles with Java flags besides UNIX_LINES (MULTILINE, DOTALL: Python's re.M, re.S mean the same). */
    static PythonRegex compile(String python, String option, int flags) throws ModuleFailure {
        Map<String, String> names = new HashMap<>();
        String java = translate(python, names);
        try {
            return new PythonRegex(python, Pattern.compile(java, Pattern.UNIX_LINES | flags), names);
        } catch (PatternSyntaxException e) {
            throw new ModuleFailure("option '" + option + "' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " in: " + python);
        }
    }

    Pattern pattern() {
        return pattern;
    }

    Matcher matcher(CharSequence s) {
        return pattern.matcher(s);
    }

    /** The Java name of a named group of the Python source ((?P<name>...) is renamed when compiled). */
    String groupName(String python) {
        return groupNames.getOrDefault(python, python);
    }

    /** Python's re.search truthiness. */
    boolean search(CharSequence s) {
        return pattern.matcher(s).find();
    }

    /** Python's {@code pattern.flags & re.MULTILINE}: an inline (?m) at the start. */
    boolean multiline() {
        return source.matches("(?s)\\(\\?[aiLmsux]*m[aiLmsux]*\\).*");
    }

    static String translate(String py, Map<String, String> names) {
        StringBuilder out = new StringBuilder();
        int n = py.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = py.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = py.charAt(i + 1);
                out.append(!inClass && next == 'Z' ? "\\z" : "\\" + next);
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(c);
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && i + 1 < n && py.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                } else {
                    out.append(c);
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < n && py.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < n && py.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && py.startsWith("(?P<", i)) {
                int end = py.indexOf('>', i);
                if (end > 0) {
                    out.append("(?<").append(javaName(py.substring(i + 4, end), names)).append('>');
                    i = end;
                    continue;
                }
            }
            if (c == '(' && py.startsWith("(?P=", i)) {
                int end = py.indexOf(')', i);
                if (end > 0) {
                    out.append("\\k<").append(javaName(py.substring(i + 4, end), names)).append('>');
                    i = end;
                    continue;
                }
            }
            if (c == '{' && !quantifierAt(py, i)) {
                out.append("\\{");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean quantifierAt(String s, int i) {
        return Pattern.compile("\\{(\\d+(,\\d*)?|,\\d+)}").matcher(s).region(i, s.length()).lookingAt();
    }

    private static String javaName(String py, Map<String, String> names) {
        return names.computeIfAbsent(py, k -> {
            String j = k.replaceAll("[^A-Za-z0-9]", "");
            if (j.isEmpty() || !Character.isLetter(j.charAt(0))) {
                j = "g" + j;
            }
            j = j + "x" + names.size();
            return j;
        });
    }

    /** Python's match.expand(template): \1..\99, \g<n>, \g<name>, and \n \t ... escapes; a group that did not take part gives "". */
    String expand(Matcher m, String template) throws ModuleFailure {
        StringBuilder out = new StringBuilder();
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char e = template.charAt(++i);
            if (e == 'g' && i + 1 < n && template.charAt(i + 1) == '<') {
                int end = template.indexOf('>', i);
                if (end < 0) {
                    throw new ModuleFailure("bad group reference in line: missing '>'");
                }
                String ref = template.substring(i + 2, end);
                out.append(group(m, ref));
                i = end;
            } else if (e == '0') {
                int v = 0;
                int k = 0;
                while (k < 2 && i + 1 < n && template.charAt(i + 1) >= '0' && template.charAt(i + 1) <= '7') {
                    v = v * 8 + (template.charAt(++i) - '0');
                    k++;
                }
                out.append((char) v);
            } else if (e >= '1' && e <= '9') {
                String ref = String.valueOf(e);
                if (i + 1 < n && Character.isDigit(template.charAt(i + 1))) {
                    ref += template.charAt(++i);
                }
                out.append(group(m, ref));
            } else {
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case '\\' -> out.append('\\');
                    default -> {
                        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
                            throw new ModuleFailure("bad escape \\" + e + " in line (with backrefs, write \\\\ for a backslash)");
                        }
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private String group(Matcher m, String ref) throws ModuleFailure {
        String g;
        try {
            if (ref.matches("\\d+")) {
                int idx = Integer.parseInt(ref);
                if (idx > m.groupCount()) {
                    throw new ModuleFailure("invalid group reference " + idx + " in line: the regexp has " + m.groupCount()
                            + " group(s)");
                }
                g = m.group(idx);
            } else {
                String java = groupNames.get(ref);
                if (java == null) {
                    throw new ModuleFailure("unknown group name '" + ref + "' in line");
                }
                g = m.group(java);
            }
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("unknown group '" + ref + "' in line");
        }
        return g == null ? "" : g;
    }
}
