package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A .repo file as yum_repository reads and writes it through Python's RawConfigParser: sections in file
 * order, keys lower-cased, values trimmed, indented lines continue the value; comments are not kept.
 * {@link #render()} is what configparser writes, {@link #dump()} the sorted text Ansible compares and diffs.
 * Pure and immutable.
 */
record YumRepoFile(Map<String, Map<String, String>> sections) {

    static YumRepoFile parse(String text, String path) throws ModuleFailure {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                lastKey = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, s, (a, b) -> a + "\n" + b);
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                String name = s.substring(1, s.length() - 1);
                if (sections.containsKey(name)) {
                    throw new ModuleFailure(path + ":" + n + ": section [" + name + "] appears twice");
                }
                current = new LinkedHashMap<>();
                sections.put(name, current);
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw new ModuleFailure(path + ":" + n + ": a setting before any [section]");
            }
            int eq = s.indexOf('=');
            int colon = s.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at <= 0) {
                throw new ModuleFailure(path + ":" + n + ": not 'key = value': " + s);
            }
            String key = s.substring(0, at).strip().toLowerCase(java.util.Locale.ROOT);
            if (current.containsKey(key)) {
                throw new ModuleFailure(path + ":" + n + ": option " + key + " appears twice in its section");
            }
            current.put(key, s.substring(at + 1).strip());
            lastKey = key;
        }
        return new YumRepoFile(sections);
    }

    boolean isEmpty() {
        return sections.isEmpty();
    }

    /** This file with the section replaced by (or, new, appended as) these settings; null removes it. */
    YumRepoFile with(String section, Map<String, String> settings) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>(sections);
        m.remove(section);
        if (settings != null) {
            m.put(section, settings);
        }
        return new YumRepoFile(m);
    }

    /** configparser's write: {@code key = value}, continuation lines indented by a tab, a blank line after each section. */
    String render() {
        StringBuilder sb = new StringBuilder();
        sections.forEach((name, keys) -> {
            sb.append('[').append(name).append("]\n");
            keys.forEach((k, v) -> sb.append(k).append(" = ").append(v.replace("\n", "\n\t")).append('\n'));
            sb.append('\n');
        });
        return sb.toString();
    }

    /** Ansible's YumRepo.dump: sections and keys sorted, values as read. */
    String dump() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(sections).forEach((name, keys) -> {
            sb.append('[').append(name).append("]\n");
            new TreeMap<>(keys).forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
            sb.append('\n');
        });
        return sb.toString();
    }
}
