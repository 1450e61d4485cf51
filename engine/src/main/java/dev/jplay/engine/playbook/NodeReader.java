package dev.jplay.engine.playbook;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a YAML node's fields, each failing with the field's place and what was expected. */
final class NodeReader {
    private final YamlNode.MapNode map;
    private final String context;

    NodeReader(YamlNode.MapNode map, String context) {
        this.map = map;
        this.context = context;
    }

    /** The keys as written, in order. */
    java.util.Set<String> keys() {
        return map.entries().keySet();
    }

    boolean has(String key) {
        return map.entries().containsKey(key);
    }

    YamlNode node(String key) {
        return map.get(key);
    }

    SourceLocation where(String key) {
        YamlNode n = map.get(key);
        return n != null ? n.location() : map.keyLocation(key);
    }

    InputError error(String key, String message) {
        return new InputError(key == null ? map.location() : map.keyLocation(key), context, message);
    }

    String string(String key) {
        YamlNode n = map.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s) {
            return s.text();
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a string, not " + n.kind());
    }

    Boolean bool(String key) {
        YamlNode n = map.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s) {
            Boolean b = dev.jplay.engine.registry.OptionCoercion.parseBool(s.value());
            if (b != null) {
                return b;
            }
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a boolean (true/false), not " + describe(n));
    }

    /** A bool, or a string holding an expression (ignore_errors: "{{ x }}"). */
    Object boolOrExpression(String key) {
        YamlNode n = map.get(key);
        if (n instanceof YamlNode.Scalar s && s.value() instanceof String str && str.contains("{{")) {
            return str;
        }
        return bool(key);
    }

    /** A scalar number, or an expression string. */
    Object numberOrExpression(String key) {
        YamlNode n = map.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && (s.value() instanceof Number || s.value() instanceof String str
                && (str.contains("{{") || str.matches("\\d+(\\.\\d+)?%?")))) {
            return s.value();
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a number, not " + describe(n));
    }

    /** A whole number of at least 0, or an expression string (checked when rendered). */
    Object intOrExpression(String key) {
        YamlNode n = map.get(key);
        if (n == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long
                || s.value() instanceof String str && (str.contains("{{") || str.strip().matches("\\d{1,9}")))) {
            if (s.value() instanceof Number num && num.longValue() < 0) {
                throw new InputError(n.location(), context, "'" + key + "' must be a whole number of at least 0, not " + describe(n));
            }
            return s.value();
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a whole number, not " + describe(n));
    }

    /** A string or a list of strings (tags, notify, when...). */
    List<String> stringList(String key) {
        YamlNode n = map.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return List.of();
        }
        if (n instanceof YamlNode.Scalar s) {
            return List.of(s.text());
        }
        if (n instanceof YamlNode.Seq seq) {
            List<String> out = new ArrayList<>();
            for (YamlNode i : seq.items()) {
                if (!(i instanceof YamlNode.Scalar s)) {
                    throw new InputError(i.location(), context, "'" + key + "' must be a list of strings; this item is " + i.kind());
                }
                out.add(s.text());
            }
            return out;
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a string or a list of strings, not " + n.kind());
    }

    /** Comma-separated or list (tags). */
    List<String> commaList(String key) {
        List<String> out = new ArrayList<>();
        for (String s : stringList(key)) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> mapping(String key) {
        YamlNode n = map.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return Map.of();
        }
        if (n instanceof YamlNode.MapNode m) {
            return (Map<String, Object>) m.toJava();
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a mapping (key: value), not " + n.kind());
    }

    List<YamlNode> list(String key) {
        YamlNode n = map.get(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return List.of();
        }
        if (n instanceof YamlNode.Seq seq) {
            return seq.items();
        }
        throw new InputError(n.location(), context, "'" + key + "' must be a list, not " + n.kind());
    }

    static String describe(YamlNode n) {
        return n instanceof YamlNode.Scalar s ? "'" + s.text() + "'" : n.kind();
    }

    static Map<String, Object> toMap(YamlNode.MapNode m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entries().forEach((k, v) -> out.put(k, v.toJava()));
        return out;
    }
}
