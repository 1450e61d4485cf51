package dev.jplay.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sysctl.conf as ansible.posix.sysctl reads and rewrites it: every line is trimmed, {@code key = value}
 * becomes {@code key=value}, a key's later duplicates are dropped (its last value is the one read, as
 * sysctl -p applies them in order), and the managed key is replaced in place or appended. Pure.
 */
record SysctlConf(List<String> lines, Map<String, String> values) {

    static SysctlConf parse(String text) {
        List<String> lines = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.isEmpty() ? new String[0] : text.split("\n", -1)) {
            lines.add(raw.strip());
        }
        if (!lines.isEmpty() && text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        for (String line : lines) {
            if (isSetting(line)) {
                String[] kv = line.split("=", 2);
                values.put(kv[0].strip(), kv[1].strip());
            }
        }
        return new SysctlConf(lines, values);
    }

    private static boolean isSetting(String line) {
        return !line.isEmpty() && !line.startsWith("#") && !line.startsWith(";") && line.contains("=");
    }

    /** The value the file gives the key (the last one), or null. */
    String value(String key) {
        return values.get(key);
    }

    /** The file's new text with the key set to value (null: removed), as Ansible's fix_lines and write_sysctl. */
    String with(String key, String value) {
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!isSetting(line)) {
                out.append(line).append('\n');
                continue;
            }
            String[] kv = line.split("=", 2);
            String k = kv[0].strip();
            if (!seen.add(k)) {
                continue;
            }
            if (!k.equals(key)) {
                out.append(k).append('=').append(kv[1].strip()).append('\n');
            } else if (value != null) {
                out.append(k).append('=').append(value).append('\n');
            }
        }
        if (!seen.contains(key) && value != null) {
            out.append(key).append('=').append(value).append('\n');
        }
        return out.toString();
    }
}
