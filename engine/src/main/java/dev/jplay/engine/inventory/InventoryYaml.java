package dev.jplay.engine.inventory;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ansible-inventory --list --yaml} prints: the group tree from {@code all}, each group
 * with its {@code children} (nested) and its {@code hosts} mapped to their merged vars; a host's
 * vars are given only where it first appears (children before hosts), later mentions map to
 * {@code {}}. Keys are sorted, as PyYAML's dump sorts them.
 */
public final class InventoryYaml {
    private InventoryYaml() {
    }

    public static Map<String, Object> list(Inventory inventory) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sorted = (Map<String, Object>) InventoryJson.sortKeys(
                formatGroup(inventory, InventoryBuilder.ALL, new HashSet<>()));
        return sorted;
    }

    public static String listText(Inventory inventory) {
        return dump(list(inventory));
    }

    /** {@code ansible-inventory --host HOST --yaml}: the host's merged vars, keys sorted. */
    public static String hostText(Inventory inventory, String host) {
        return dump(InventoryJson.hostVars(inventory, host));
    }

    private static String dump(Object value) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setDereferenceAliases(true)
                .build();
        return new Dump(settings).dumpToString(value);
    }

    private static Map<String, Object> formatGroup(Inventory inventory, String name, Set<String> seen) {
        Group group = inventory.groups().get(name);
        Map<String, Object> entry = new LinkedHashMap<>();
        Map<String, Object> children = new LinkedHashMap<>();
        for (String child : group.children()) {
            if (!child.equals(InventoryBuilder.ALL)) {
                children.putAll(formatGroup(inventory, child, seen));
            }
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        if (!name.equals(InventoryBuilder.ALL)) {
            Map<String, Object> hosts = new LinkedHashMap<>();
            for (String host : group.hosts()) {
                hosts.put(host, seen.add(host) ? InventoryJson.visibleVars(inventory, host) : new LinkedHashMap<>());
            }
            if (!hosts.isEmpty()) {
                entry.put("hosts", hosts);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(name, entry);
        return result;
    }
}
