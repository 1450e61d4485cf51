package dev.jplay.engine.inventory;

import dev.jplay.engine.json.JsonWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ansible-inventory --list} and {@code --host} print (ansible-core 2.14): every group
 * reachable from {@code all} with its direct {@code hosts} and {@code children} (empty lists left
 * out, empty groups left out, {@code all} without hosts), and {@code _meta.hostvars} with each
 * host's fully merged inventory vars (group vars folded in) for hosts that have any. Keys are sorted
 * at every level, as Ansible's {@code json.dumps(sort_keys=True)} does. The implicit localhost is
 * not listed.
 */
public final class InventoryJson {
    /** Magic variables ansible-inventory removes from its output. */
    static final Set<String> INTERNAL_VARS = Set.of("ansible_diff_mode", "ansible_config_file", "ansible_facts",
            "ansible_forks", "ansible_inventory_sources", "ansible_limit", "ansible_playbook_python",
            "ansible_run_tags", "ansible_skip_tags", "ansible_verbosity", "ansible_version", "inventory_dir",
            "inventory_file", "inventory_hostname", "inventory_hostname_short", "groups", "group_names", "omit",
            "playbook_dir");

    private InventoryJson() {
    }

    /** The {@code --list} structure, keys sorted. */
    public static Map<String, Object> list(Inventory inventory) {
        Map<String, Object> results = new LinkedHashMap<>();
        formatGroup(inventory, InventoryBuilder.ALL, results);
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inventory.match(InventoryBuilder.ALL)) {
            Map<String, Object> vars = hostVars(inventory, h.name());
            if (!vars.isEmpty()) {
                hostvars.put(h.name(), vars);
            }
        }
        results.put("_meta", Map.of("hostvars", hostvars));
        @SuppressWarnings("unchecked")
        Map<String, Object> sorted = (Map<String, Object>) sortKeys(results);
        return sorted;
    }

    /** {@code ansible-inventory --list} output. */
    public static String listText(Inventory inventory) {
        return JsonWriter.writePretty(list(inventory));
    }

    /** The {@code --host} structure: the host's merged vars without Ansible's magic vars, keys sorted. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> hostVars(Inventory inventory, String host) {
        return (Map<String, Object>) sortKeys(visibleVars(inventory, host));
    }

    /** The host's merged vars without Ansible's magic vars, in merge order. */
    static Map<String, Object> visibleVars(Inventory inventory, String host) {
        Map<String, Object> vars = new LinkedHashMap<>(inventory.varsFor(host));
        vars.keySet().removeAll(INTERNAL_VARS);
        return vars;
    }

    private static void formatGroup(Inventory inventory, String name, Map<String, Object> results) {
        Group group = inventory.groups().get(name);
        Map<String, Object> entry = new LinkedHashMap<>();
        results.put(name, entry);
        if (!name.equals(InventoryBuilder.ALL) && !group.hosts().isEmpty()) {
            entry.put("hosts", group.hosts());
        }
        List<String> children = new ArrayList<>();
        for (String child : group.children()) {
            children.add(child);
            if (!results.containsKey(child)) {
                formatGroup(inventory, child, results);
            }
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        if (entry.isEmpty()) {
            results.remove(name);
        }
    }

    /** Sorts map keys recursively: numbers numerically when all keys are numbers, else by their text. */
    static Object sortKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            boolean numeric = !map.isEmpty() && map.keySet().stream().allMatch(k -> k instanceof Number);
            Map<Object, Object> sorted = numeric
                    ? new TreeMap<>((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()))
                    : new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            map.forEach((k, v) -> sorted.put(k, sortKeys(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(sortKeys(item));
            }
            return out;
        }
        return value;
    }
}
