package dev.jplay.engine.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An INI file as Python's configparser reads {@code ansible.cfg}: {@code [section]} headers,
 * {@code key = value} or {@code key: value}, {@code #} and {@code ;} comment lines, {@code ;} inline
 * comments after a blank, indented lines continuing the value before, keys in lower case.
 *
 * @param entries section name to its keys and values, in file order
 */
record IniFile(Map<String, Map<String, String>> entries) {

    static IniFile parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> section = null;
        String lastKey = null;
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.stripTrailing();
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && section != null && lastKey != null) {
                section.merge(lastKey, stripComment(t), (a, b) -> a + "\n" + b);
                continue;
            }
            if (t.startsWith("[")) {
                if (!t.endsWith("]")) {
                    throw new IllegalArgumentException("line " + n + ": a section header must end with ']'");
                }
                section = out.computeIfAbsent(t.substring(1, t.length() - 1).strip(), k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (section == null) {
                throw new IllegalArgumentException("line " + n + ": a setting before any [section]");
            }
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at <= 0) {
                throw new IllegalArgumentException("line " + n + ": expected key = value, got '" + t + "'");
            }
            lastKey = t.substring(0, at).strip().toLowerCase(Locale.ROOT);
            section.put(lastKey, stripComment(t.substring(at + 1).strip()));
        }
        return new IniFile(out);
    }

    private static String stripComment(String v) {
        int i = v.indexOf(" ;");
        int j = v.indexOf("\t;");
        int at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return (at < 0 ? v : v.substring(0, at)).strip();
    }
}
