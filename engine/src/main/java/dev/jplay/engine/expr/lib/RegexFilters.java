package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.regex.PythonRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** regex_replace, regex_search (with groups), regex_findall and regex_escape, with Python's re semantics. */
final class RegexFilters {
    private static final Pattern NAMED_REF = Pattern.compile("\\\\g<(\\S+)>");
    private static final Pattern NUMBER_REF = Pattern.compile("\\\\(\\d+)");
    private static final String PY_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f";

    private RegexFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("regex_replace", (v, a, c) -> {
            String text = PyValues.str(v);
            PythonRegex re = compile(PyValues.str(a.get(0, "pattern", "")), flags(a.get(2, "ignorecase", false), a.get(3, "multiline", false)));
            String replacement = PyValues.str(a.get(1, "replacement", ""));
            long count = Operands.integer(a.get(4, "count", 0L), "regex_replace(count)");
            return sub(re, replacement, text, count);
        });
        b.filter("regex_findall", (v, a, c) -> findall(PyValues.str(v), compile(PyValues.str(a.required(0, "regex", "regex_findall")),
                flags(a.get(2, "ignorecase", false), a.get(1, "multiline", false)))));
        b.filter("regex_search", RegexFilters::search);
        b.filter("regex_escape", (v, a, c) -> {
            String type = PyValues.str(a.get(0, "re_type", "python"));
            String s = PyValues.str(v);
            return switch (type) {
                case "python" -> escape(s);
                case "posix_basic" -> s.replaceAll("([\\].\\[^$*\\\\])", "\\\\$1");
                case "posix_extended" -> throw new FilterError("Regex type (posix_extended) not yet implemented");
                default -> throw new FilterError("Invalid regex type (" + type + ")");
            };
        });
    }

    static PythonRegex compile(String pattern, int flags) {
        try {
            return PythonRegex.compile(pattern, flags | PythonRegex.UNICODE);
        } catch (PythonRegex.Invalid e) {
            throw new FilterError("Invalid regular expression '" + pattern + "': " + e.getMessage());
        }
    }

    private static int flags(Object ignorecase, Object multiline) {
        return (PyValues.truthy(ignorecase) ? PythonRegex.IGNORECASE : 0) | (PyValues.truthy(multiline) ? PythonRegex.MULTILINE : 0);
    }

    /** Python's re.sub(pattern, template, text, count): backreferences expanded per match. */
    static String sub(PythonRegex re, String template, String text, long count) {
        Matcher m = re.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        long done = 0;
        while ((count == 0 || done < count) && m.find()) {
            out.append(text, last, m.start());
            try {
                out.append(template.indexOf('\\') < 0 ? template : re.expand(m, template));
            } catch (PythonRegex.Invalid e) {
                throw new FilterError("regex_replace: the replacement " + PyValues.repr(template) + " has a " + e.getMessage());
            }
            last = m.end();
            done++;
        }
        out.append(text.substring(last));
        return out.toString();
    }

    /** re.findall: the matches, or the one group's text, or the groups as lists ('' for a group that did not take part). */
    private static List<Object> findall(String text, PythonRegex re) {
        Matcher m = re.matcher(text);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            if (m.groupCount() == 0) {
                out.add(m.group());
            } else if (m.groupCount() == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                List<Object> groups = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g) == null ? "" : m.group(g));
                }
                out.add(groups);
            }
        }
        return out;
    }

    /** regex_search(re, '\\1', '\\g<name>', ignorecase=, multiline=): the match, or the listed groups, or None. */
    private static Object search(Object v, CallArgs a, CallContext ctx) {
        String text = PyValues.str(v);
        if (a.positional().isEmpty()) {
            throw new FilterError("regex_search() missing required argument 'regex' (pos 1)");
        }
        PythonRegex re = compile(PyValues.str(a.positional().get(0)), flags(a.named().get("ignorecase"), a.named().get("multiline")));
        List<Object> groups = new ArrayList<>();
        for (Object arg : a.positional().subList(1, a.positional().size())) {
            String s = PyValues.str(arg);
            Matcher named = NAMED_REF.matcher(s);
            Matcher number = NUMBER_REF.matcher(s);
            if (s.startsWith("\\g") && named.lookingAt()) {
                groups.add(named.group(1));
            } else if (s.startsWith("\\") && number.lookingAt()) {
                groups.add(Integer.parseInt(number.group(1)));
            } else {
                throw new FilterError("Unknown argument");
            }
        }
        Matcher m = re.matcher(text);
        if (!m.find()) {
            return null;
        }
        if (groups.isEmpty()) {
            return m.group();
        }
        List<Object> out = new ArrayList<>();
        for (Object g : groups) {
            if (g instanceof Integer i) {
                if (i > m.groupCount()) {
                    throw new FilterError("no such group: " + i);
                }
                out.add(m.group(i));
            } else {
                String javaName = re.javaGroupName((String) g);
                if (javaName == null) {
                    throw new FilterError("no such group: " + g);
                }
                out.add(m.group(javaName));
            }
        }
        return out;
    }

    /** Python's re.escape: only the characters that are special in a pattern get a backslash. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PY_SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
