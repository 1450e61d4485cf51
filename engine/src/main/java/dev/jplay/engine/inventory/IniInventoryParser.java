package dev.jplay.engine.inventory;

import dev.jplay.engine.text.WordSplitter;
import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an Ansible INI inventory, following ansible-core's {@code plugins/inventory/ini.py}:
 * hosts before the first section are ungrouped; {@code [g]} lists hosts (with ranges,
 * {@code host:port} and inline {@code key=value} vars); {@code [g:vars]} sets group vars, one per
 * line; {@code [g:children]} lists child groups, which may be defined further down. Values are read
 * with Python's literal rules ({@link PythonLiteral}) in both host lines and {@code :vars} sections,
 * as ansible-core does. Comments start with {@code #} or {@code ;} at the start of a line, or
 * {@code #} after a host entry.
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** A forward reference waiting for its group's own section. */
    private static final class Pending {
        final String state;
        final SourceLocation where;
        final List<String> parents = new ArrayList<>();

        Pending(String state, SourceLocation where) {
            this.state = state;
            this.where = where;
        }
    }

    private final Path file;
    private final InventoryBuilder builder;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int lineNo;
    private int indent;

    private IniInventoryParser(Path file, InventoryBuilder builder) {
        this.file = file;
        this.builder = builder;
    }

    static void parse(Path file, String text, InventoryBuilder builder) {
        new IniInventoryParser(file, builder).run(text);
    }

    private void run(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String group = InventoryBuilder.UNGROUPED;
        String state = "hosts";
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            lineNo++;
            String line = raw.strip();
            indent = 0;
            while (indent < raw.length() && Character.isWhitespace(raw.charAt(indent))) {
                indent++;
            }
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                section(group, state, line);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                throw error(1, "invalid section header '" + line + "': expected [group], [group:vars] or "
                        + "[group:children], with no spaces in the name");
            }
            if (line.startsWith("[") && line.indexOf(']') < 0) {
                throw error(1, "unclosed section header '" + line + "': expected ']'");
            }
            switch (state) {
                case "hosts" -> hostLine(line, group);
                case "vars" -> varLine(line, group);
                default -> childLine(line, group);
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            String name = e.getKey();
            Pending p = e.getValue();
            if (p.state.equals("vars")) {
                throw new InputError(p.where, "[" + name + ":vars] sets variables of group '" + name
                        + "', which is never defined: expected a [" + name + "] or [" + name + ":children] section");
            }
            String parent = p.parents.get(p.parents.size() - 1);
            if (builder.hasHost(name)) {
                throw new InputError(p.where, "[" + parent + ":children] lists '" + name
                        + "', which is a host, not a group: expected a group name (list hosts under [" + parent + "])");
            }
            throw new InputError(p.where, "[" + parent + ":children] lists group '" + name
                    + "', which is never defined: expected a [" + name + "] or [" + name + ":children] section");
        }
    }

    private void section(String group, String state, String line) {
        if (!state.equals("hosts") && !state.equals("vars") && !state.equals("children")) {
            throw error(1, "section " + line.replaceAll("\\s*#.*$", "") + " has unknown type '" + state
                    + "': expected [" + group + "], [" + group + ":vars] or [" + group + ":children]");
        }
        if (!builder.hasGroup(group)) {
            // [g] or [g:children] declares a group; [g:vars] only refers to one declared elsewhere
            if (state.equals("vars") && !pending.containsKey(group)) {
                pending.put(group, new Pending("vars", location(2)));
            }
            builder.addGroup(group);
        }
        Pending p = pending.get(group);
        if (p != null && !state.equals("vars")) {
            if (p.state.equals("children")) {
                addPendingChildren(group);
            } else {
                pending.remove(group);
            }
        }
    }

    private void addPendingChildren(String group) {
        Pending p = pending.get(group);
        for (String parent : p.parents) {
            rule(() -> builder.addChild(parent, group), 1);
            Pending parentPending = pending.get(parent);
            if (parentPending != null && parentPending.state.equals("children")) {
                addPendingChildren(parent);
            }
        }
        pending.remove(group);
    }

    private void hostLine(String line, String group) {
        List<WordSplitter.Word> words;
        try {
            words = WordSplitter.words(line, WordSplitter.Mode.SHLEX, true);
        } catch (WordSplitter.SplitError e) {
            throw error(e.offset() + 1, "cannot read host line: " + e.getMessage());
        }
        if (words.isEmpty()) {
            return;
        }
        WordSplitter.Word first = words.get(0);
        HostPattern hp = expand(first);
        Map<String, Object> vars = new LinkedHashMap<>();
        for (WordSplitter.Word w : words.subList(1, words.size())) {
            int eq = w.text().indexOf('=');
            if (eq < 0) {
                throw error(w.offset() + 1, "expected key=value host variable after the host name, got '"
                        + w.text() + "' (quote values that contain spaces)");
            }
            if (eq == 0) {
                throw error(w.offset() + 1, "expected key=value host variable, got '" + w.text()
                        + "' with nothing before '='");
            }
            vars.put(w.text().substring(0, eq), PythonLiteral.parseOrKeep(w.text().substring(eq + 1)));
        }
        for (String host : hp.hosts) {
            rule(() -> builder.addHost(host, group, hp.port), first.offset() + 1);
            vars.forEach((k, v) -> builder.setHostVar(host, k, v));
        }
    }

    private record HostPattern(List<String> hosts, Number port) {
    }

    /** Ansible's INI {@code _expand_hostpattern}: address and port, then ranges, then its extra checks. */
    private HostPattern expand(WordSplitter.Word word) {
        String pattern = word.text();
        int col = word.offset() + 1;
        HostAddress address = HostAddress.parse(pattern, true).orElse(new HostAddress(pattern, null));
        List<String> names;
        if (HostRange.hasRange(address.host())) {
            try {
                names = HostRange.expand(address.host());
            } catch (HostRange.RangeError e) {
                throw error(col, "invalid host range '" + pattern + "': " + e.getMessage());
            }
        } else {
            names = List.of(address.host());
        }
        if (pattern.strip().endsWith(":") && address.port() == null) {
            throw error(col, "invalid host '" + pattern + "': a trailing ':' must be followed by a port number");
        }
        for (String name : names) {
            if (name.strip().equals("---")) {
                throw error(col, "invalid host '---': this looks like a YAML file; give it a .yml or .yaml extension");
            }
        }
        return new HostPattern(names, address.port());
    }

    private void varLine(String line, String group) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw error(1, "expected key=value in [" + group + ":vars], got '" + line + "'");
        }
        String key = line.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw error(1, "expected key=value in [" + group + ":vars], got '" + line + "' with nothing before '='");
        }
        Object value = PythonLiteral.parseOrKeep(line.substring(eq + 1).strip());
        rule(() -> builder.setGroupVar(group, key, value), eq + 2);
    }

    private void childLine(String line, String group) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            throw error(1, "expected one group name per line in [" + group + ":children], got '" + line + "'");
        }
        String child = m.group(1);
        if (builder.hasGroup(child)) {
            rule(() -> builder.addChild(group, child), 1);
            return;
        }
        Pending p = pending.get(child);
        if (p == null) {
            p = new Pending("children", location(1));
            pending.put(child, p);
        }
        p.parents.add(group);
    }

    private void rule(Runnable change, int col) {
        try {
            change.run();
        } catch (InventoryRuleError e) {
            throw error(col, e.getMessage());
        }
    }

    /** Location of the stripped line's column {@code col} (1-based) in the file. */
    private SourceLocation location(int col) {
        return new SourceLocation(file, lineNo, indent + col);
    }

    private InputError error(int col, String message) {
        return new InputError(location(col), message);
    }
}
