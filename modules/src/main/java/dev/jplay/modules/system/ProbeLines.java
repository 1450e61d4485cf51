package dev.jplay.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a probe script printed as {@code key=value} lines ({@code systemctl show} output and the
 * probes' own markers). Lines without {@code =} are ignored; a key may repeat.
 */
record ProbeLines(Map<String, List<String>> values) {

    static ProbeLines parse(String output) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : output.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z0-9_.:-]+")) {
                m.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return new ProbeLines(m);
    }

    /** The first value of the key, or "" when it was not printed. */
    String get(String key) {
        List<String> l = values.get(key);
        return l == null ? "" : l.get(0);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean is(String key, String value) {
        return value.equals(get(key));
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }
}
