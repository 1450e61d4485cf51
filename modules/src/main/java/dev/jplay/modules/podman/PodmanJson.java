package dev.jplay.modules.podman;

import dev.jplay.engine.json.JsonReader;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads podman's JSON output ({@code inspect}, {@code auto-update --format json}) with the engine's
 * {@link JsonReader}, and walks it.
 */
public final class PodmanJson {
    private PodmanJson() {
    }

    public static Object parse(String json, String what) throws ModuleFailure {
        try {
            return JsonReader.parse(json, what);
        } catch (JsonReader.JsonError e) {
            throw new ModuleFailure("cannot read the JSON of " + what + ": " + e.getMessage(),
                    Map.of("stdout", json.length() > 2000 ? json.substring(0, 2000) : json));
        }
    }

    /** The first object of an inspect array ({@code podman inspect} prints a list), or null. */
    public static Map<String, Object> firstObject(String json, String what) throws ModuleFailure {
        Object o = parse(json, what);
        if (o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> m) {
            return asStringMap(m);
        }
        if (o instanceof Map<?, ?> m) {
            return asStringMap(m);
        }
        return null;
    }

    /** The value under a chain of keys, or null where any step is missing. */
    public static Object at(Map<String, Object> root, String... keys) {
        Object cur = root;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    public static String string(Map<String, Object> root, String... keys) {
        Object v = at(root, keys);
        return v == null ? "" : v.toString();
    }

    public static Map<String, Object> map(Map<String, Object> root, String... keys) {
        Object v = at(root, keys);
        return v instanceof Map<?, ?> m ? asStringMap(m) : Map.of();
    }

    public static List<String> strings(Map<String, Object> root, String... keys) {
        Object v = at(root, keys);
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (v instanceof String s && !s.isEmpty()) {
            return List.of(s);
        }
        return List.of();
    }

    public static List<Map<String, Object>> objects(Map<String, Object> root, String... keys) {
        Object v = at(root, keys);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().filter(Map.class::isInstance).map(m -> asStringMap((Map<?, ?>) m)).toList();
    }

    static Map<String, Object> asStringMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
