package dev.jplay.engine.run;

import dev.jplay.engine.expr.DataValue;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.playbook.RoleContext;
import dev.jplay.engine.playbook.TaskKeywords;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the variables a task sees on a host, in Ansible's precedence (low to high): role defaults,
 * inventory group and host vars, facts, play vars, vars_files, role vars, block and task vars,
 * set_fact and register, role params, magic variables, and {@code -e} extra vars over everything.
 * Facts and set_fact/register results enter the scope as {@link DataValue}s: they are never rendered again.
 */
final class VarsAssembler {
    /** Ansible's {@code omit}: an option whose value is this is left out. */
    static final String OMIT = "__jplay_omit_placeholder__";

    private final Inventory inventory;
    private final Map<String, HostState> states;
    private final RunOptions options;
    private final Expressions expressions;
    private final Path playbookDir;

    VarsAssembler(Inventory inventory, Map<String, HostState> states, RunOptions options, Expressions expressions, Path playbookDir) {
        this.inventory = inventory;
        this.states = states;
        this.options = options;
        this.expressions = expressions;
        this.playbookDir = playbookDir;
    }

    /** The play-wide part: play vars and vars_files, and who is in the play. */
    record PlayVars(Map<String, Object> vars, List<String> playHosts, List<String> batch, String playName) {
    }

    VarScope scope(HostState host, PlayVars play, TaskKeywords kw, RoleContext role, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (role != null) {
            m.putAll(role.defaults());
        }
        m.putAll(inventoryVars(host.name));
        synchronized (host) {
            injectFacts(m, host.facts);
        }
        m.putAll(play.vars());
        if (role != null) {
            m.putAll(role.vars());
        }
        if (kw != null) {
            m.putAll(kw.vars());
        }
        synchronized (host) {
            m.putAll(DataValue.all(host.runtimeVars));
        }
        if (role != null) {
            m.putAll(role.params());
            m.put("role_name", role.name());
            m.put("role_path", role.dir().toString());
        }
        m.putAll(extra);
        m.putIfAbsent("ansible_host", inventory.address(host.name));
        m.put("inventory_hostname", host.name);
        m.put("inventory_hostname_short", host.name.contains(".") ? host.name.substring(0, host.name.indexOf('.')) : host.name);
        m.put("groups", inventory.groupsMagicVar());
        m.put("group_names", inventory.groupNames(host.name));
        // a view whose reads are already rendered (each host in its own scope): data, so never walked nor rendered again
        m.put("hostvars", new DataValue(new HostVars()));
        m.put("playbook_dir", playbookDir.toString());
        m.put("ansible_check_mode", options.check());
        m.put("ansible_diff_mode", options.diff());
        m.put("ansible_verbosity", options.verbosity());
        m.put("ansible_play_hosts", play.playHosts());
        m.put("ansible_play_hosts_all", play.playHosts());
        m.put("ansible_play_batch", play.batch());
        m.put("ansible_play_name", play.playName() == null ? "" : play.playName());
        m.put("omit", OMIT);
        m.putAll(options.extraVars());
        return new VarScope(m, expressions);
    }

    /** The host's address without an ansible_host (see {@link dev.jplay.engine.inventory.Inventory#address}). */
    String address(String host) {
        return inventory.address(host);
    }

    Map<String, Object> inventoryVars(String host) {
        return inventory.varsFor(host); // also the implicit localhost (ansible_connection=local)
    }

    /**
     * What a host's connection is opened with: its inventory vars, the connection ones among them
     * ({@code ansible_*}, {@code jplay_*}) rendered in {@code scope}, so {@code ansible_host: "{{ ip }}"}
     * works as in Ansible.
     */
    Map<String, Object> connectionVars(String host, VarScope scope) {
        Map<String, Object> raw = inventoryVars(host);
        Map<String, Object> out = new LinkedHashMap<>(raw);
        raw.forEach((k, v) -> {
            if ((k.startsWith("ansible_") || k.startsWith("jplay_")) && Expressions.containsExpression(v)) {
                out.put(k, expressions.render(v, scope));
            }
        });
        return out;
    }

    /** A host's own variables outside any play (a delegate's): inventory vars, its magic names and -e. */
    VarScope hostScope(String host) {
        Map<String, Object> m = new LinkedHashMap<>(inventoryVars(host));
        m.put("inventory_hostname", host);
        m.put("group_names", inventory.groupNames(host));
        m.put("groups", inventory.groupsMagicVar());
        m.putAll(options.extraVars());
        return new VarScope(m, expressions);
    }

    private static void injectFacts(Map<String, Object> m, Map<String, Object> facts) {
        if (facts.isEmpty()) {
            return;
        }
        // facts are what the host said: data, never rendered as expressions
        m.put("ansible_facts", DataValue.of(new LinkedHashMap<>(facts)));
        facts.forEach((k, v) -> m.put("ansible_" + k, DataValue.of(v)));
    }

    /** Ansible's {@code hostvars}: every host's variables, computed when a host is looked up. */
    private final class HostVars extends AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            if (!(key instanceof String h) || !states.containsKey(h) && inventory.host(h).isEmpty()) {
                return null;
            }
            Map<String, Object> v = new LinkedHashMap<>(inventoryVars(h));
            HostState s = states.get(h);
            if (s != null) {
                synchronized (s) {
                    injectFacts(v, s.facts);
                    v.putAll(DataValue.all(s.runtimeVars));
                }
            }
            v.put("inventory_hostname", h);
            v.put("inventory_hostname_short", h.contains(".") ? h.substring(0, h.indexOf('.')) : h);
            v.put("group_names", inventory.groupNames(h));
            // as in Ansible, another host's variables are rendered in that host's own context, when read
            return new VarScope(v, expressions).lazyView();
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> out = new LinkedHashSet<>();
            for (var h : inventory.hosts()) {
                out.add(new SimpleImmutableEntry<>(h.name(), get(h.name())));
            }
            return out;
        }
    }
}
