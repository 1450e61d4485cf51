package dev.jplay.engine.regex;

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
 * (literal in Python). Only \n ends a line, as in Python. Text patterns ({@link #UNICODE}, what Jinja
 * filters and tests use) read \w, \d, \s, \b and case as Unicode, as Python's str patterns do; without it
 * they are ASCII, as Python's bytes patterns (what lineinfile and blockinfile match) are.
 */
public final class PythonRegex {
    /** re.IGNORECASE */
    public static final int IGNORECASE = 1;
    /** re.MULTILINE */
    public static final int MULTILINE = 2;
    /** re.DOTALL */
    public static final int DOTALL = 4;
    /** a str pattern (Unicode classes), not a bytes pattern */
    public static final int UNICODE = 8;

    /** A pattern or a replacement template Python would refuse; the message says why. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    private final String source;
    private final Pattern pattern;
    private final Map<String, String> groupNames;

    private PythonRegex(String source, Pattern pattern, Map<String, String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /** Compiles with Python's {@code re} flags (a sum of the constants above). */
    public static PythonRegex compile(String python, int flags) {
        Map<String, String> names = new HashMap<>();
        String java = translate(python, names);
        int javaFlags = Pattern.UNIX_LINES;
        if ((flags & IGNORECASE) != 0) {
            javaFlags |= Pattern.CASE_INSENSITIVE;
        }
        if ((flags & MULTILINE) != 0) {
            javaFlags |= Pattern.MULTILINE;
        }
        if ((flags & DOTALL) != 0) {
            javaFlags |= Pattern.DOTALL;
        }
        if ((flags & UNICODE) != 0) {
            javaFlags |= Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
        }
        try {
            return new PythonRegex(python, Pattern.compile(java, javaFlags), names);
        } catch (PatternSyntaxException e) {
            throw new Invalid("not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + " in: " + python);
        }
    }

    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    public Matcher matcher(CharSequence s) {
        return pattern.matcher(s);
    }

    /** Python's re.search truthiness. */
    public boolean search(CharSequence s) {
        return pattern.matcher(s).find();
    }

    /** The Java name of Python's group name, or null when the pattern has no such group. */
    public String javaGroupName(String python) {
        return groupNames.get(python);
    }

    /** Python's {@code pattern.flags & re.MULTILINE}: an inline (?m) at the start. */
    public boolean multiline() {
        return source.matches("(?s)\\(\\?[aiLmsux]*m[aiLmsux]*\\).*");
    }

    public static String translate(String py, Map<String, String> names) {
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
    public String expand(Matcher m, String template) {
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
                    throw new Invalid("bad group reference: missing '>'");
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
                            throw new Invalid("bad escape \\" + e);
                        }
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private String group(Matcher m, String ref) {
        String g;
        try {
            if (ref.matches("\\d+")) {
                int idx = Integer.parseInt(ref);
                if (idx > m.groupCount()) {
                    throw new Invalid("invalid group reference " + idx + ": the pattern has " + m.groupCount()
                            + " group(s)");
                }
                g = m.group(idx);
            } else {
                String java = groupNames.get(ref);
                if (java == null) {
                    throw new Invalid("unknown group name '" + ref + "'");
                }
                g = m.group(java);
            }
        } catch (IllegalArgumentException e) {
            throw new Invalid("unknown group '" + ref + "'");
        }
        return g == null ? "" : g;
    }
}
