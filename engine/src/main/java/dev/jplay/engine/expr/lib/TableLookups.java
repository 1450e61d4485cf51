package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ini and csvfile lookups: "key option=value..." terms reading a controller file as Python's configparser and csv do. */
final class TableLookups {
    private static final Pattern INTERPOLATION = Pattern.compile("%\\(([^)]+)\\)s|%%|%");

    private TableLookups() {
    }

    static void register(Library.Builder b) {
        b.lookup("ini", TableLookups::ini);
        b.lookup("csvfile", TableLookups::csvfile);
    }

    private static Map<String, String> options(String term, CallArgs a, Map<String, String> defaults, String lookup, List<String> valid) {
        KeyValues.Parsed p = KeyValues.parse(term);
        Map<String, String> o = new LinkedHashMap<>(defaults);
        a.named().forEach((k, v) -> o.put(k, v == null ? null : PyValues.str(v)));
        o.putAll(p.pairs());
        for (String k : o.keySet()) {
            if (!valid.contains(k)) {
                throw new FilterError("The '" + lookup + "' lookup does not know the option '" + k + "'; it takes " + String.join(", ", valid));
            }
        }
        o.put("_key", p.raw());
        return o;
    }

    private static List<Object> ini(List<Object> terms, CallArgs a, CallContext ctx) {
        List<Object> out = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("file", "ansible.ini");
        defaults.put("section", "global");
        defaults.put("default", "");
        defaults.put("re", "False");
        defaults.put("type", "ini");
        defaults.put("encoding", "utf-8");
        defaults.put("case_sensitive", "False");
        defaults.put("allow_no_value", "False");
        for (Object t : terms) {
            Map<String, String> o = options(PyValues.str(t), a, defaults, "ini", List.copyOf(defaults.keySet()));
            String key = o.get("_key");
            if (key.isEmpty()) {
                throw new FilterError("The 'ini' lookup needs a key: lookup('ini', 'key section=... file=...')");
            }
            boolean properties = o.get("type").equals("properties");
            String section = properties ? "java_properties" : o.get("section");
            boolean caseSensitive = TypeFilters.toBool(o.get("case_sensitive")) == Boolean.TRUE;
            Path p = ControllerFiles.find(ctx, "files", o.get("file")).filter(Files::isRegularFile)
                    .orElseThrow(() -> new FilterError("The 'ini' lookup could not find the file " + o.get("file")));
            Map<String, Map<String, String>> sections = parseIni(ControllerFiles.read(p, "ini"), properties, caseSensitive);
            Map<String, String> values = sections.get(section);
            if (values == null) {
                throw new FilterError("No section: '" + section + "' in " + p);
            }
            Map<String, String> withDefaults = new LinkedHashMap<>(sections.getOrDefault("DEFAULT", Map.of()));
            withDefaults.putAll(values);
            if (TypeFilters.toBool(o.get("re")) == Boolean.TRUE) {
                Pattern re = RegexFilters.compile(key, 0).pattern();
                withDefaults.forEach((k, v) -> {
                    if (re.matcher(k).lookingAt()) {
                        out.add(properties ? v : interpolate(v, withDefaults));
                    }
                });
                continue;
            }
            String lookupKey = caseSensitive ? key : key.toLowerCase(Locale.ROOT);
            if (!withDefaults.containsKey(lookupKey)) {
                out.add(o.get("default"));
            } else {
                String v = withDefaults.get(lookupKey);
                out.add(v == null || properties ? v : interpolate(v, withDefaults));
            }
        }
        return out;
    }

    /** configparser: [sections], key = value or key: value, # and ; comment lines, indented continuation lines. */
    static Map<String, Map<String, String>> parseIni(String text, boolean properties, boolean caseSensitive) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> cur = null;
        String lastKey = null;
        if (properties) {
            cur = new LinkedHashMap<>();
            sections.put("java_properties", cur);
        }
        for (String line : PyText.splitlines(text)) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                lastKey = stripped.isEmpty() ? null : lastKey;
                continue;
            }
            if (!properties && Character.isWhitespace(line.charAt(0)) && cur != null && lastKey != null) {
                cur.put(lastKey, cur.get(lastKey) + "\n" + stripped);
                continue;
            }
            if (!properties && stripped.startsWith("[") && stripped.endsWith("]")) {
                cur = sections.computeIfAbsent(stripped.substring(1, stripped.length() - 1), k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            if (cur == null) {
                throw new FilterError("File contains no section headers: " + PyValues.repr(line));
            }
            int eq = -1;
            for (int i = 0; i < stripped.length(); i++) {
                if (stripped.charAt(i) == '=' || stripped.charAt(i) == ':') {
                    eq = i;
                    break;
                }
            }
            String k = (eq < 0 ? stripped : stripped.substring(0, eq)).strip();
            String v = eq < 0 ? null : stripped.substring(eq + 1).strip();
            lastKey = caseSensitive ? k : k.toLowerCase(Locale.ROOT);
            cur.put(lastKey, v);
        }
        return sections;
    }

    /** configparser's BasicInterpolation: %(name)s from the same section (or DEFAULT), %% for a %. */
    private static String interpolate(String v, Map<String, String> section) {
        Matcher m = INTERPOLATION.matcher(v);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rep;
            if (m.group().equals("%%")) {
                rep = "%";
            } else if (m.group(1) != null) {
                String ref = section.get(m.group(1).toLowerCase(Locale.ROOT));
                if (ref == null) {
                    throw new FilterError("Bad value substitution: option " + PyValues.repr(m.group(1)) + " is not defined");
                }
                rep = interpolate(ref, section);
            } else {
                throw new FilterError("'%' must be followed by '%' or '(', found: " + PyValues.repr(v.substring(m.start())));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Object> csvfile(List<Object> terms, CallArgs a, CallContext ctx) {
        List<Object> out = new ArrayList<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("file", "ansible.csv");
        defaults.put("col", "1");
        defaults.put("delimiter", "TAB");
        defaults.put("default", null);
        defaults.put("encoding", "utf-8");
        for (Object t : terms) {
            Map<String, String> o = options(PyValues.str(t), a, defaults, "csvfile", List.copyOf(defaults.keySet()));
            String key = o.get("_key");
            String delimiter = o.get("delimiter").equals("TAB") || o.get("delimiter").equals("\\t") ? "\t" : o.get("delimiter");
            Path p = ControllerFiles.find(ctx, "files", o.get("file")).filter(Files::isRegularFile)
                    .orElseThrow(() -> new FilterError("csvfile: could not find the file " + o.get("file")));
            Number col = PyNumbers.parseInt(o.get("col"), 10);
            if (col == null) {
                throw new FilterError("csvfile: col must be an integer, got " + PyValues.repr(o.get("col")));
            }
            Object value = o.get("default");
            for (List<String> row : parseCsv(ControllerFiles.read(p, "csvfile"), delimiter.charAt(0))) {
                if (!row.isEmpty() && row.get(0).equals(key)) {
                    int c = col.intValue();
                    if (c >= row.size() || c < -row.size()) {
                        throw new FilterError("csvfile: list index out of range (col=" + c + ", the row has " + row.size() + " fields)");
                    }
                    value = row.get(c < 0 ? row.size() + c : c);
                    break;
                }
            }
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** Python's csv.reader with the default dialect: "quoted" fields with "" for a quote. */
    static List<List<String>> parseCsv(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    row.add(field.toString());
                }
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
