package dev.jplay.engine.inventory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The hosts and groups of one run, with Ansible's rules for membership, host patterns and the
 * precedence of inventory variables. Built by {@link InventoryLoader}; immutable apart from
 * {@link #addVarsDirectory}, which is meant to be called before hosts are run in parallel.
 */
public final class Inventory {
    /** Names that resolve to the implicit local host when the inventory does not define them (Ansible's C.LOCALHOST). */
    public static final Set<String> LOCALHOST_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private final Map<String, Host> hosts;
    private final List<Host> hostList;
    private final Map<String, Group> groups;
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, Integer> priority = new HashMap<>();
    /** host -> every group holding it directly or through a child group, incl. all. */
    private final Map<String, Set<String>> memberships = new HashMap<>();
    /** host -> its groups other than all, in the order their vars apply. */
    private final Map<String, List<String>> groupsInVarOrder = new HashMap<>();
    /** group -> its hosts incl. those of descendants, in Ansible's order (Group.get_hosts). */
    private final Map<String, List<String>> groupHosts = new LinkedHashMap<>();
    private final Map<String, Path> hostSources = new HashMap<>();
    private final List<VarsDirectory> inventoryVarsDirs = new ArrayList<>();
    private final List<VarsDirectory> playVarsDirs = new CopyOnWriteArrayList<>();
    private final List<String> warnings;
    /** The local bootstrap's host (no -i): Ansible's implicit localhost, made a member of all. */
    private String bootstrapHost;

    Inventory(InventoryBuilder b, List<Path> inventoryVarsDirs) {
        Map<String, Host> h = new LinkedHashMap<>();
        b.hosts().forEach((name, data) -> {
            h.put(name, new Host(name, FrozenValues.map(data.vars)));
            if (data.source != null) {
                hostSources.put(name, data.source);
            }
        });
        this.hosts = Collections.unmodifiableMap(h);
        this.hostList = List.copyOf(h.values());
        Map<String, Group> g = new LinkedHashMap<>();
        b.groups().forEach((name, data) -> {
            g.put(name, new Group(name, List.copyOf(data.hosts), List.copyOf(data.children), FrozenValues.map(data.vars)));
            priority.put(name, data.priority);
        });
        this.groups = Collections.unmodifiableMap(g);
        for (String name : groups.keySet()) {
            depthOf(name, b);
            groupHosts.put(name, collectHosts(name));
        }
        Map<String, Set<String>> index = b.memberships();
        for (String host : hosts.keySet()) {
            memberships.put(host, Collections.unmodifiableSet(index.getOrDefault(host, Set.of())));
            groupsInVarOrder.put(host, sortedGroupsOf(host));
        }
        this.warnings = List.copyOf(b.warnings());
        for (Path dir : inventoryVarsDirs) {
            VarsDirectory vd = new VarsDirectory(dir);
            vd.preload(groups.keySet(), hostNamesForVars());
            this.inventoryVarsDirs.add(vd);
        }
    }

    /**
     * An inventory with no hosts, used when no {@code -i} is given. As in Ansible, only the implicit
     * {@code localhost} is available: the pattern {@code localhost} matches it (with
     * {@code ansible_connection=local}), while {@code all} matches nothing, so a play for all hosts
     * never runs against the control machine by accident.
     */
    public static Inventory implicitLocalhost() {
        return new InventoryBuilder().build(List.of());
    }

    /**
     * The inventory of a run without {@code -i}: the local single-host bootstrap. Unlike Ansible,
     * {@code localhost} is a real member of {@code all} here, so {@code jplay site.yml} configures
     * this machine with plays written for {@code hosts: all}.
     */
    public static Inventory localBootstrap() {
        InventoryBuilder b = new InventoryBuilder();
        b.addHost("localhost", null, null);
        b.setHostVar("localhost", "ansible_connection", "local");
        Inventory inventory = b.build(List.of());
        inventory.bootstrapHost = "localhost";
        return inventory;
    }

    /** The hosts in the order they were first defined. The implicit localhost is not among them. */
    public List<Host> hosts() {
        return hostList;
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /**
     * The implicit local host for {@code localhost}, {@code 127.0.0.1} or {@code ::1} when the
     * inventory does not define that name: a host with {@code ansible_connection=local} in no group.
     * Empty for any other name or when the inventory defines it (then its own vars apply).
     */
    /**
     * Where a host is reached when no {@code ansible_host} says: Ansible's implicit localhost is at
     * 127.0.0.1 (its {@code ansible_host} and the {@code <HOST>} of -vvv), any other host at its name.
     */
    public String address(String host) {
        boolean implicit = host.equals(bootstrapHost) || !hosts.containsKey(host) && LOCALHOST_NAMES.contains(host);
        return implicit ? "127.0.0.1" : host;
    }

    public Optional<Host> implicitLocal(String name) {
        if (hosts.containsKey(name) || !LOCALHOST_NAMES.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new Host(name, Map.of("ansible_connection", "local")));
    }

    /** All groups incl. {@code all} and {@code ungrouped}, in the order they were created. */
    public Map<String, Group> groups() {
        return groups;
    }

    /**
     * Ansible's {@code group_names}: every group the host belongs to, directly or through a child
     * group, sorted, without {@code all}. Like Ansible it includes {@code ungrouped} for a host in no
     * other group, and is empty for the implicit localhost.
     */
    public List<String> groupNames(String host) {
        Set<String> of = memberships.get(host);
        if (of == null) {
            if (implicitLocal(host).isPresent()) {
                return List.of();
            }
            throw unknownHost(host);
        }
        return of.stream().filter(n -> !n.equals(InventoryBuilder.ALL)).sorted().toList();
    }

    /** Ansible's {@code groups}: every group (in creation order) with all its hosts, incl. those of child groups. */
    public Map<String, List<String>> groupsMagicVar() {
        return Collections.unmodifiableMap(groupHosts);
    }

    /**
     * The host's inventory variables merged with Ansible's precedence, low to high:
     * {@code all}'s vars; the vars of the host's other groups ordered by depth, then
     * {@code ansible_group_priority}, then name; {@code group_vars/all} beside the inventory, then
     * beside the playbook; {@code group_vars/<group>} beside the inventory, then beside the playbook
     * (same group order); the host's own vars; {@code host_vars/<host>} beside the inventory, then
     * beside the playbook. Later sources and later directories win. Works for the implicit localhost.
     */
    public Map<String, Object> varsFor(String host) {
        Host h = hosts.get(host);
        if (h == null) {
            h = implicitLocal(host).orElseThrow(() -> unknownHost(host));
        }
        List<String> ordered = groupsInVarOrder.getOrDefault(host, List.of());
        Map<String, Object> vars = new LinkedHashMap<>(groups.get(InventoryBuilder.ALL).vars());
        for (String g : ordered) {
            vars.putAll(groups.get(g).vars());
        }
        for (VarsDirectory d : inventoryVarsDirs) {
            vars.putAll(d.groupVars(InventoryBuilder.ALL));
        }
        for (VarsDirectory d : playVarsDirs) {
            vars.putAll(d.groupVars(InventoryBuilder.ALL));
        }
        for (VarsDirectory d : inventoryVarsDirs) {
            for (String g : ordered) {
                vars.putAll(d.groupVars(g));
            }
        }
        for (VarsDirectory d : playVarsDirs) {
            for (String g : ordered) {
                vars.putAll(d.groupVars(g));
            }
        }
        vars.putAll(h.vars());
        for (VarsDirectory d : inventoryVarsDirs) {
            vars.putAll(d.hostVars(host));
        }
        for (VarsDirectory d : playVarsDirs) {
            vars.putAll(d.hostVars(host));
        }
        return vars;
    }

    /** The host's groups other than {@code all}, in the order their vars apply (Ansible's sort_groups). */
    private List<String> sortedGroupsOf(String host) {
        Set<String> of = memberships.getOrDefault(host, Set.of());
        return of.stream().filter(n -> !n.equals(InventoryBuilder.ALL))
                .sorted(Comparator.<String>comparingInt(depth::get).thenComparingInt(priority::get)
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * The group's own vars plus its {@code group_vars/} files (beside the inventory, then beside the
     * playbook), and {@code ansible_group_priority} when it is not the default 1: what
     * {@code ansible-inventory --graph --vars} shows for a group.
     */
    Map<String, Object> groupVarsForDisplay(String group) {
        Map<String, Object> vars = new LinkedHashMap<>(groups.get(group).vars());
        for (VarsDirectory d : inventoryVarsDirs) {
            vars.putAll(d.groupVars(group));
        }
        for (VarsDirectory d : playVarsDirs) {
            vars.putAll(d.groupVars(group));
        }
        int p = priority.get(group);
        if (p != 1) {
            vars.put(InventoryBuilder.PRIORITY_VAR, p);
        }
        return vars;
    }

    /**
     * Adds a directory whose {@code group_vars/} and {@code host_vars/} apply on top of those beside
     * the inventory (Ansible's playbook-adjacent vars). Files are read now, so a bad one is reported
     * before any host is touched.
     */
    public void addVarsDirectory(Path dir) {
        VarsDirectory vd = new VarsDirectory(dir);
        vd.preload(groups.keySet(), hostNamesForVars());
        playVarsDirs.add(vd);
    }

    /**
     * The hosts an Ansible host pattern selects, in inventory order: {@code all} or {@code *}, host
     * and group names, {@code a:b} or {@code a,b} (union), {@code a:&b} (intersection),
     * {@code a:!b} (exclusion), globs such as {@code web*}, {@code ~regex}, and subscripts
     * {@code group[0]}, {@code group[-1]}, {@code group[0:2]}, {@code group[1:]}. Names that match
     * nothing contribute nothing (see {@link #unmatchedPatterns}). An undefined
     * {@code localhost}/{@code 127.0.0.1}/{@code ::1} matches the implicit local host.
     *
     * @throws dev.jplay.engine.error.InputError for an invalid regex or a subscript past the end
     */
    public List<Host> match(String pattern) {
        return new HostPatternMatcher(this).match(pattern);
    }

    /** The parts of a pattern that matched no group and no host, for Ansible's "Could not match supplied host pattern" warning. */
    public List<String> unmatchedPatterns(String pattern) {
        return new HostPatternMatcher(this).unmatched(pattern);
    }

    /** Things worth a warning that are not errors, e.g. a host and a group with the same name. */
    public List<String> warnings() {
        return warnings;
    }

    /** The inventory file that first defined the host ({@code inventory_file}); empty for host lists and implicit hosts. */
    public Optional<Path> inventoryFile(String host) {
        return Optional.ofNullable(hostSources.get(host));
    }

    /** The group's hosts incl. those of child groups, in Ansible's order (own hosts, then children breadth-first). */
    List<String> hostsOfGroup(String group) {
        return groupHosts.getOrDefault(group, List.of());
    }

    int priority(String group) {
        return priority.get(group);
    }

    private IllegalArgumentException unknownHost(String host) {
        return new IllegalArgumentException("no host '" + host + "' in the inventory");
    }

    private Set<String> hostNamesForVars() {
        Set<String> names = new LinkedHashSet<>(hosts.keySet());
        names.addAll(LOCALHOST_NAMES);
        return names;
    }

    /** Longest path from {@code all}, as Ansible's Group.depth ends up after all children are added. */
    private int depthOf(String group, InventoryBuilder b) {
        Integer known = depth.get(group);
        if (known != null) {
            return known;
        }
        int d = 0;
        for (String parent : b.groups().get(group).parents) {
            d = Math.max(d, depthOf(parent, b) + 1);
        }
        depth.put(group, d);
        return d;
    }

    /**
     * Ansible's Group.get_hosts: the group's own hosts, then those of its descendants level by level
     * (Ansible walks deeper levels through a set; jplay keeps definition order there), each host once.
     */
    private List<String> collectHosts(String group) {
        List<String> ordered = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        ordered.add(group);
        seen.add(group);
        Deque<String> level = new ArrayDeque<>();
        level.add(group);
        while (!level.isEmpty()) {
            Deque<String> next = new ArrayDeque<>();
            for (String g : level) {
                for (String child : groups.get(g).children()) {
                    if (seen.add(child)) {
                        ordered.add(child);
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        Set<String> result = new LinkedHashSet<>();
        for (String g : ordered) {
            result.addAll(groups.get(g).hosts());
        }
        return List.copyOf(result);
    }
}
