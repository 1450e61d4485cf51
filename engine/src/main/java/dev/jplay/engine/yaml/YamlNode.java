package dev.jplay.engine.yaml;

import dev.jplay.engine.error.SourceLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so every error can name file:line:column.
 * Scalars are already typed by YAML's core schema (string, long/int, double, boolean, null).
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Seq, YamlNode.MapNode {

    SourceLocation location();

    /** The plain Java value: String, Integer/Long, Double, Boolean, null, List, Map (order kept). */
    Object toJava();

    /** A short word for messages: "a string", "a list", "a mapping". */
    String kind();

    /** @param value typed value; {@code tag} is an explicit local tag such as {@code !unsafe}, else null */
    record Scalar(Object value, String tag, SourceLocation location) implements YamlNode {
        /** Ansible's tag for text that is data, never an expression. */
        public static final String UNSAFE = "!unsafe";

        /** The value; {@code !unsafe} text is a {@link dev.jplay.engine.expr.DataValue}, never rendered. */
        @Override
        public Object toJava() {
            return UNSAFE.equals(tag) ? dev.jplay.engine.expr.DataValue.of(text()) : value;
        }

        @Override
        public String kind() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value instanceof Number ? "a number" : "a string";
        }

        public String text() {
            return value == null ? "" : value.toString();
        }
    }

    record Seq(List<YamlNode> items, SourceLocation location) implements YamlNode {
        @Override
        public Object toJava() {
            List<Object> out = new ArrayList<>(items.size());
            for (YamlNode n : items) {
                out.add(n.toJava());
            }
            return out;
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping with string keys; {@code keys} keeps each key's own location. */
    record MapNode(Map<String, YamlNode> entries, Map<String, SourceLocation> keys, SourceLocation location) implements YamlNode {
        @Override
        public Object toJava() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, v) -> out.put(k, v.toJava()));
            return out;
        }

        @Override
        public String kind() {
            return "a mapping";
        }

        public YamlNode get(String key) {
            return entries.get(key);
        }

        public SourceLocation keyLocation(String key) {
            return keys.getOrDefault(key, location);
        }
    }
}
