package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.yaml.YamlNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns YAML nodes of inventories and vars files into variable values, honouring Ansible's tags:
 * {@code !unsafe} marks a string as data (never rendered); {@code !vault} values arrive already decrypted (as plain
 * strings) from {@link dev.jplay.engine.yaml.YamlReader}.
 */
final class YamlValues {
    private YamlValues() {
    }

    static Object toJava(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.tag() == null) {
                return s.value();
            }
            return switch (s.tag()) {
                case YamlNode.Scalar.UNSAFE -> s.toJava();
                default -> throw new InputError(s.location(), "unknown YAML tag '" + s.tag()
                        + "': expected a plain value or !unsafe");
            };
        }
        if (node instanceof YamlNode.Seq seq) {
            List<Object> out = new ArrayList<>(seq.items().size());
            for (YamlNode item : seq.items()) {
                out.add(toJava(item));
            }
            return out;
        }
        YamlNode.MapNode map = (YamlNode.MapNode) node;
        Map<String, Object> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> out.put(k, toJava(v)));
        return out;
    }
}
