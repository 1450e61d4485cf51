package dev.jplay.engine.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tree {@code ansible-inventory --graph [GROUP] [--vars]} prints: {@code @group:} lines, child
 * groups first, then the group's own hosts, each level indented by {@code "  |"} and introduced by
 * {@code "--"}; with vars, each host's merged vars and each group's own vars as
 * {@code {name = value}} lines, sorted by name, values in Python's formatting.
 */
public final class InventoryGraph {
    private InventoryGraph() {
    }

    /** @throws IllegalArgumentException when {@code group} is not a group of the inventory */
    public static String graph(Inventory inventory, String group, boolean withVars) {
        if (!inventory.groups().containsKey(group)) {
            throw new IllegalArgumentException("'" + group + "' is not a group of the inventory");
        }
        List<String> lines = new ArrayList<>();
        graphGroup(inventory, group, 0, withVars, lines);
        return String.join("\n", lines);
    }

    private static void graphGroup(Inventory inventory, String name, int depth, boolean withVars, List<String> lines) {
        lines.add(line("@" + name + ":", depth));
        Group group = inventory.groups().get(name);
        for (String child : group.children()) {
            graphGroup(inventory, child, depth + 1, withVars, lines);
        }
        if (!name.equals(InventoryBuilder.ALL)) {
            for (String host : group.hosts()) {
                lines.add(line(host, depth + 1));
                if (withVars) {
                    vars(InventoryJson.visibleVars(inventory, host), depth + 2, lines);
                }
            }
        }
        if (withVars) {
            Map<String, Object> groupVars = new LinkedHashMap<>(inventory.groupVarsForDisplay(name));
            groupVars.keySet().removeAll(InventoryJson.INTERNAL_VARS);
            vars(groupVars, depth + 1, lines);
        }
    }

    private static void vars(Map<String, Object> vars, int depth, List<String> lines) {
        new TreeMap<>(vars).forEach((k, v) -> lines.add(line("{" + k + " = " + PythonRepr.str(v) + "}", depth)));
    }

    private static String line(String text, int depth) {
        return depth == 0 ? text : "  |".repeat(depth) + "--" + text;
    }
}
