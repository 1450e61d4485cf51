package dev.jplay.engine.output;

import dev.jplay.engine.json.JsonWriter;

import java.util.Map;
import java.util.TreeMap;

/**
 * A result on one line the way Ansible's default callback prints it after {@code =>}: Python's
 * {@code json.dumps(result, sort_keys=True)}, so keys are sorted and separated by {@code ", "} and
 * {@code ": "}. Scalars are written by {@link JsonWriter}, which already follows Python.
 */
final class OneLineJson {
    private OneLineJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            String sep = "";
            for (var e : sorted.entrySet()) {
                out.append(sep).append(JsonWriter.write(e.getKey())).append(": ");
                append(out, e.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            String sep = "";
            for (Object i : items) {
                out.append(sep);
                append(out, i);
                sep = ", ";
            }
            out.append(']');
        } else {
            out.append(JsonWriter.write(value));
        }
    }
}
