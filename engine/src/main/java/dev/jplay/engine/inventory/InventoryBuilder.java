package dev.jplay.engine.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects hosts and groups while the sources are parsed, following the rules of Ansible's
 * {@code InventoryData}: {@code all} and {@code ungrouped} always exist, a host's port is taken from
 * the first {@code host:port} that creates it, {@code ansible_group_priority} sets the group's
 * priority instead of a variable, child links may not form a loop, and {@link #build} reconciles
 * (parentless groups become children of {@code all}, hosts with no other group go to
 * {@code ungrouped}, hosts with another group leave it).
 */
final class InventoryBuilder {
    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";
    static final String PRIORITY_VAR = "ansible_group_priority";

    static final class GroupData {
        final String name;
        final List<String> hosts = new ArrayList<>();
        final Set<String> hostSet = new HashSet<>();
        final List<String> children = new ArrayList<>();
        final List<String> parents = new ArrayList<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        int priority = 1;

        GroupData(String name) {
            this.name = name;
        }
    }

    static final class HostData {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Path source;

        HostData(String name, Path source) {
            this.name = name;
            this.source = source;
        }
    }

    private final Map<String, GroupData> groups = new LinkedHashMap<>();
    private final Map<String, HostData> hosts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** The file being parsed; new hosts remember it as their {@code inventory_file}. */
    private Path currentSource;

    InventoryBuilder() {
        addGroup(ALL);
        addGroup(UNGROUPED);
        addChild(ALL, UNGROUPED);
    }

    void currentSource(Path source) {
        this.currentSource = source;
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    boolean hasHost(String name) {
        return hosts.containsKey(name);
    }

    void warn(String message) {
        warnings.add(message);
    }

    void addGroup(String name) {
        if (name == null || name.isEmpty()) {
            throw new InventoryRuleError("a group name must not be empty");
        }
        groups.computeIfAbsent(name, GroupData::new);
    }

    /**
     * Adds the host if new (with {@code ansible_port} when a port is given and non-zero, as Ansible's
     * {@code Host(name, port)} does) and puts it into {@code group}.
     */
    void addHost(String name, String group, Number port) {
        if (name == null || name.isEmpty()) {
            throw new InventoryRuleError("a host name must not be empty");
        }
        if (name.equals(ALL) || name.equals(UNGROUPED)) {
            // Ansible's own group names: a host of that name would be filed as the group itself
            throw new InventoryRuleError("'" + name + "' is the name of Ansible's built-in group, not a host: expected a host name");
        }
        GroupData g = group == null ? null : groups.get(group);
        if (group != null && g == null) {
            throw new InventoryRuleError("group '" + group + "' is not defined");
        }
        HostData h = hosts.get(name);
        if (h == null) {
            h = new HostData(name, currentSource);
            hosts.put(name, h);
            if (port != null && port.longValue() != 0) {
                h.vars.put("ansible_port", port);
            }
        }
        if (g != null && g.hostSet.add(name)) {
            g.hosts.add(name);
        }
    }

    void setHostVar(String host, String key, Object value) {
        hosts.get(host).vars.put(key, value);
    }

    void setGroupVar(String group, String key, Object value) {
        GroupData g = groups.get(group);
        if (PRIORITY_VAR.equals(key)) {
            Integer priority = priorityOf(value);
            if (priority != null) {
                g.priority = priority;
            }
            return;
        }
        g.vars.put(key, value);
    }

    /** Python's {@code int(value)}; null for values Ansible silently ignores (None, lists). */
    private static Integer priorityOf(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new InventoryRuleError(PRIORITY_VAR + " must be an integer, got '" + s + "'");
            }
        }
        return null;
    }

    /** Makes {@code child} (a group, or else a host) a member of {@code parent}. */
    void addChild(String parent, String child) {
        GroupData p = groups.get(parent);
        if (p == null) {
            throw new InventoryRuleError("group '" + parent + "' is not defined");
        }
        GroupData c = groups.get(child);
        if (child.equals(ALL)) {
            // refused here, where the parsers know the line: later, every top-level group becomes a child of
            // 'all' and this would surface as a loop with no place to report (Ansible fails the same way)
            throw new InventoryRuleError("group 'all' holds every group and host, so it cannot be a child of '" + parent
                    + "': expected a group other than 'all'");
        }
        if (c != null) {
            if (p == c) {
                throw new InventoryRuleError("group '" + parent + "' cannot be a child of itself");
            }
            if (p.children.contains(child)) {
                return;
            }
            List<String> loop = pathBetween(child, parent);
            if (loop != null) {
                throw new InventoryRuleError("making '" + child + "' a child of '" + parent
                        + "' creates a loop: " + String.join(" -> ", loop) + " -> " + child);
            }
            p.children.add(child);
            if (!c.parents.contains(parent)) {
                c.parents.add(parent);
            }
        } else if (hosts.containsKey(child)) {
            if (p.hostSet.add(child)) {
                p.hosts.add(child);
            }
        } else {
            throw new InventoryRuleError("'" + child + "' is neither a host nor a group");
        }
    }

    /** The child path from {@code from} down to {@code to}, or null when {@code to} is not below it. */
    private List<String> pathBetween(String from, String to) {
        Deque<List<String>> queue = new ArrayDeque<>();
        queue.add(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(to)) {
                return path;
            }
            if (!seen.add(last)) {
                continue;
            }
            for (String next : groups.get(last).children) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                queue.add(longer);
            }
        }
        return null;
    }

    /** Reconciles the collected data the way Ansible does after the last source, and freezes it. */
    Inventory build(List<Path> inventoryVarsDirs) {
        for (GroupData g : new ArrayList<>(groups.values())) {
            if (!g.name.equals(ALL) && g.parents.isEmpty()) {
                addChild(ALL, g.name);
            }
        }
        GroupData ungrouped = groups.get(UNGROUPED);
        Map<String, Set<String>> memberships = memberships();
        for (HostData h : hosts.values()) {
            Set<String> memberOf = memberships.getOrDefault(h.name, Set.of());
            if (memberOf.contains(UNGROUPED)) {
                Set<String> others = new HashSet<>(memberOf);
                others.remove(ALL);
                others.remove(UNGROUPED);
                if (!others.isEmpty()) {
                    ungrouped.hosts.remove(h.name);
                    ungrouped.hostSet.remove(h.name);
                }
            } else if (memberOf.isEmpty() || memberOf.equals(Set.of(ALL))) {
                addChild(UNGROUPED, h.name);
            }
        }
        for (String name : hosts.keySet()) {
            if (groups.containsKey(name)) {
                warnings.add("found both a group and a host named '" + name + "'");
            }
        }
        return new Inventory(this, inventoryVarsDirs);
    }

    /**
     * For every host, the groups that hold it directly plus all their ancestors (Ansible's
     * {@code host.groups}).
     */
    Map<String, Set<String>> memberships() {
        Map<String, Set<String>> ancestors = new HashMap<>();
        Map<String, Set<String>> result = new HashMap<>();
        for (GroupData g : groups.values()) {
            if (g.hosts.isEmpty()) {
                continue;
            }
            Set<String> withAncestors = selfAndAncestors(g.name, ancestors);
            for (String host : g.hosts) {
                result.computeIfAbsent(host, k -> new LinkedHashSet<>()).addAll(withAncestors);
            }
        }
        return result;
    }

    private Set<String> selfAndAncestors(String group, Map<String, Set<String>> memo) {
        Set<String> known = memo.get(group);
        if (known != null) {
            return known;
        }
        Set<String> result = new LinkedHashSet<>();
        result.add(group);
        for (String parent : groups.get(group).parents) {
            result.addAll(selfAndAncestors(parent, memo));
        }
        memo.put(group, result);
        return result;
    }

    Map<String, GroupData> groups() {
        return groups;
    }

    Map<String, HostData> hosts() {
        return hosts;
    }

    List<String> warnings() {
        return warnings;
    }
}
