package dev.jplay.engine.run;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which connection a task (or fact gathering) uses on a host, in Ansible's order: the
 * {@code ansible_connection} variable at any level (inventory, play vars, task vars, {@code -e}),
 * else the {@code connection:} keyword of the task, block or play; null leaves it to the command
 * line's {@code -c} and then SSH.
 */
final class ConnectionChoice {
    private ConnectionChoice() {
    }

    static String of(VarScope scope, String keyword, Expressions expressions) {
        for (String name : new String[] {"jplay_connection", "ansible_connection"}) {
            if (scope.has(name)) {
                Object v = scope.resolve(name);
                if (v != null && !String.valueOf(v).isBlank()) {
                    return String.valueOf(v).strip();
                }
            }
        }
        if (keyword == null) {
            return null;
        }
        return String.valueOf(expressions.render(keyword, scope)).strip();
    }

    /** The host's inventory variables with the chosen connection in them, as the connection opener reads them. */
    static Map<String, Object> varsFor(Map<String, Object> inventoryVars, String chosen) {
        if (chosen == null) {
            return inventoryVars;
        }
        Map<String, Object> v = new LinkedHashMap<>(inventoryVars);
        v.remove("jplay_connection");
        v.put("ansible_connection", chosen);
        return v;
    }
}
