package dev.jplay.engine.expr.lib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's parse_kv for lookup terms ("key file=x.ini section=s"): words split on spaces outside quotes, k=v pairs unquoted. */
final class KeyValues {
    /** The words that are not k=v, joined by spaces (Ansible's _raw_params), and the pairs. */
    record Parsed(String raw, Map<String, String> pairs) {
    }

    private KeyValues() {
    }

    static Parsed parse(String term) {
        List<String> raw = new ArrayList<>();
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words(term)) {
            int eq = word.indexOf('=');
            if (eq > 0 && word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                pairs.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
            } else {
                raw.add(word);
            }
        }
        return new Parsed(String.join(" ", raw), pairs);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                cur.append(c);
            } else if (Character.isWhitespace(c)) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new FilterError("unbalanced quotes in lookup term: " + s);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1).replace("\\" + v.charAt(0), String.valueOf(v.charAt(0)));
        }
        return v;
    }
}
