package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.yaml.YamlNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a YAML (or JSON) inventory as ansible-core's {@code plugins/inventory/yaml.py} does: top-level
 * keys are groups (usually just {@code all}); each group may have {@code hosts} (host name or
 * range -&gt; its vars), {@code children} (group name -&gt; the same structure) and {@code vars}.
 * A section given as a single string means one entry with no value. Where Ansible only warns and
 * skips (an unknown key such as {@code host:}, a group that is not a mapping) jplay stops with the
 * position, because skipping silently drops hosts from the run.
 */
final class YamlInventoryParser {
    private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

    private final InventoryBuilder builder;

    private YamlInventoryParser(InventoryBuilder builder) {
        this.builder = builder;
    }

    /** @param root the document; null for an empty file, which defines nothing */
    static void parse(YamlNode root, InventoryBuilder builder) {
        if (root == null) {
            return;
        }
        if (!(root instanceof YamlNode.MapNode map)) {
            throw new InputError(root.location(), "a YAML inventory must be a mapping of group names (usually 'all:') "
                    + "to their hosts, children and vars, got " + root.kind());
        }
        if (map.entries().containsKey("plugin")) {
            throw new InputError(map.keyLocation("plugin"), "this is the configuration of an inventory plugin "
                    + "('plugin:'); jplay reads static INI and YAML inventories only");
        }
        YamlInventoryParser parser = new YamlInventoryParser(builder);
        map.entries().forEach((name, node) -> parser.group(name, map.keyLocation(name), node));
    }

    private void group(String name, SourceLocation where, YamlNode node) {
        if (!isNull(node) && !(node instanceof YamlNode.MapNode)) {
            throw new InputError(node.location(), "group '" + name + "' must be a mapping with hosts, children "
                    + "and/or vars, got " + node.kind());
        }
        rule(() -> builder.addGroup(name), where);
        if (isNull(node)) {
            return;
        }
        YamlNode.MapNode map = (YamlNode.MapNode) node;
        Map<String, YamlNode> sections = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            String key = e.getKey();
            YamlNode value = e.getValue();
            if (!SECTIONS.contains(key)) {
                throw new InputError(map.keyLocation(key), "unexpected key '" + key + "' in group '" + name
                        + "': expected hosts, children or vars" + hint(key));
            }
            sections.put(key, section(name, key, value));
        }
        for (Map.Entry<String, YamlNode> e : sections.entrySet()) {
            YamlNode value = e.getValue();
            if (isNull(value)) {
                continue;
            }
            Map<String, YamlNode> entries = ((YamlNode.MapNode) value).entries();
            switch (e.getKey()) {
                case "vars" -> entries.forEach((var, v) -> {
                    Object javaValue = YamlValues.toJava(v);
                    rule(() -> builder.setGroupVar(name, var, javaValue), ((YamlNode.MapNode) value).keyLocation(var));
                });
                case "children" -> entries.forEach((child, v) -> {
                    SourceLocation at = ((YamlNode.MapNode) value).keyLocation(child);
                    group(child, at, v);
                    rule(() -> builder.addChild(name, child), at);
                });
                default -> entries.forEach((pattern, v) ->
                        hosts(name, pattern, ((YamlNode.MapNode) value).keyLocation(pattern), v));
            }
        }
    }

    /** A section's value: a mapping, nothing, or a single name standing for {@code {name: null}}. */
    private static YamlNode section(String group, String key, YamlNode value) {
        if (value instanceof YamlNode.Scalar s && s.value() instanceof String str) {
            Map<String, YamlNode> one = new LinkedHashMap<>();
            one.put(str, new YamlNode.Scalar(null, null, s.location()));
            Map<String, SourceLocation> keys = new LinkedHashMap<>();
            keys.put(str, s.location());
            return new YamlNode.MapNode(one, keys, s.location());
        }
        if (!isNull(value) && !(value instanceof YamlNode.MapNode)) {
            String what = switch (key) {
                case "hosts" -> "host names, each followed by ':' and optionally its vars";
                case "children" -> "child group names, each followed by ':'";
                default -> "variable names to values";
            };
            throw new InputError(value.location(), "'" + key + "' of group '" + group + "' must be a mapping of "
                    + what + ", got " + value.kind());
        }
        return value;
    }

    private void hosts(String group, String pattern, SourceLocation where, YamlNode vars) {
        HostAddress address = HostAddress.parse(pattern, true).orElse(new HostAddress(pattern, null));
        List<String> names;
        try {
            names = HostRange.hasRange(address.host()) ? HostRange.expand(address.host()) : List.of(address.host());
        } catch (HostRange.RangeError e) {
            throw new InputError(where, "invalid host range '" + pattern + "': " + e.getMessage());
        }
        Map<String, YamlNode> hostVars = Map.of();
        if (vars instanceof YamlNode.MapNode m) {
            hostVars = m.entries();
        } else if (!isFalsy(vars)) {
            throw new InputError(vars.location(), "host '" + pattern + "' must be followed by a mapping of its vars "
                    + "(or nothing), got " + vars.kind());
        }
        for (String host : names) {
            rule(() -> builder.addHost(host, group, address.port()), where);
            hostVars.forEach((k, v) -> builder.setHostVar(host, k, YamlValues.toJava(v)));
        }
    }

    private void rule(Runnable change, SourceLocation where) {
        try {
            change.run();
        } catch (InventoryRuleError e) {
            throw new InputError(where, e.getMessage());
        }
    }

    private static boolean isNull(YamlNode node) {
        return node == null || node instanceof YamlNode.Scalar s && s.value() == null && s.tag() == null;
    }

    /** Ansible uses {@code host_vars or {}}: null, false, 0 and "" all mean "no vars". */
    private static boolean isFalsy(YamlNode node) {
        if (isNull(node)) {
            return true;
        }
        if (node instanceof YamlNode.Scalar s) {
            Object v = s.value();
            return Boolean.FALSE.equals(v) || "".equals(v) || v instanceof Number n && n.doubleValue() == 0;
        }
        return node instanceof YamlNode.Seq seq && seq.items().isEmpty();
    }

    private static String hint(String key) {
        return switch (key) {
            case "host" -> " (did you mean 'hosts'?)";
            case "child", "groups" -> " (did you mean 'children'?)";
            case "var", "variables" -> " (did you mean 'vars'?)";
            default -> " (to nest a group, put it under 'children:')";
        };
    }
}
