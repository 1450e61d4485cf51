package dev.jplay.engine.inventory;

import java.util.List;
import java.util.Map;

/**
 * A group as the inventory defines it.
 *
 * @param name     the group name
 * @param hosts    the hosts listed directly in the group, in the order written (not those of its children)
 * @param children the names of its direct child groups, in the order Ansible adds them
 * @param vars     the variables set on the group in the inventory file itself (not group_vars/ files)
 */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars) {
}
