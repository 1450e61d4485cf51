package dev.jplay.engine.host;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's "Gathering Facts", in one round trip: a POSIX sh script prints key=value lines, read
 * here into Ansible's fact names (os_family, distribution, default_ipv4, ...), plus
 * {@code podman_version} and {@code systemd.version} that the serverless playbooks need.
 */
public final class FactGatherer {
    static final String SCRIPT = String.join("\n",
            "echo \"hostname=$(hostname 2>/dev/null || uname -n)\"",
            "echo \"fqdn=$(hostname -f 2>/dev/null || hostname 2>/dev/null || uname -n)\"",
            "echo \"user_id=$(id -un)\"; echo \"user_uid=$(id -u)\"; echo \"user_gid=$(id -g)\"",
            "echo \"user_dir=$(getent passwd \"$(id -un)\" 2>/dev/null | cut -d: -f6)\"",
            "echo \"user_shell=$(getent passwd \"$(id -un)\" 2>/dev/null | cut -d: -f7)\"",
            "echo \"architecture=$(uname -m)\"; echo \"system=$(uname -s)\"; echo \"kernel=$(uname -r)\"",
            "if [ -r /etc/os-release ]; then ( . /etc/os-release; echo \"os_id=$ID\"; echo \"os_id_like=$ID_LIKE\";"
                    + " echo \"os_version=$VERSION_ID\"; echo \"os_name=$NAME\"; echo \"os_codename=$VERSION_CODENAME\" ); fi",
            "r=$(ip -4 route get 1.1.1.1 2>/dev/null | head -1)",
            "echo \"default_ipv4_address=$(printf '%s' \"$r\" | sed -n 's/.* src \\([0-9.]*\\).*/\\1/p')\"",
            "echo \"default_ipv4_interface=$(printf '%s' \"$r\" | sed -n 's/.* dev \\([^ ]*\\).*/\\1/p')\"",
            "echo \"all_ipv4=$(ip -4 -o addr show 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | grep -v '^127\\.' | tr '\\n' ' ')\"",
            "echo \"systemd_version=$(systemctl --version 2>/dev/null | head -1 | awk '{print $2}')\"",
            "if [ -d /run/systemd/system ]; then echo service_mgr=systemd; else echo \"service_mgr=$(ps -p 1 -o comm= 2>/dev/null)\"; fi",
            "echo \"podman_version=$(podman --version 2>/dev/null | awk '{print $3}')\"",
            "for m in dnf yum apt-get zypper apk pacman; do if command -v $m >/dev/null 2>&1; then echo \"pkg_mgr=$m\"; break; fi; done",
            "echo \"python_present=$(command -v python3 >/dev/null 2>&1 && echo yes || echo no)\"");

    private static final Map<String, String> FAMILY = new HashMap<>(Map.ofEntries(
            Map.entry("rhel", "RedHat"), Map.entry("centos", "RedHat"), Map.entry("fedora", "RedHat"), Map.entry("rocky", "RedHat"),
            Map.entry("almalinux", "RedHat"), Map.entry("ol", "RedHat"), Map.entry("amzn", "RedHat"), Map.entry("debian", "Debian"),
            Map.entry("ubuntu", "Debian"), Map.entry("linuxmint", "Debian"), Map.entry("raspbian", "Debian"),
            Map.entry("sles", "Suse"), Map.entry("opensuse-leap", "Suse"), Map.entry("arch", "Archlinux"), Map.entry("alpine", "Alpine")));
    private static final Map<String, String> DISTRIBUTION = Map.of("rhel", "RedHat", "centos", "CentOS", "fedora", "Fedora",
            "rocky", "Rocky", "almalinux", "AlmaLinux", "debian", "Debian", "ubuntu", "Ubuntu", "ol", "OracleLinux",
            "amzn", "Amazon", "alpine", "Alpine");

    private FactGatherer() {
    }

    /** Gathers facts over the connection; a failing script yields the facts it could read. */
    public static Map<String, Object> gather(Connection connection, Become become) throws ConnectionException {
        ExecResult r = connection.exec(ExecRequest.of(SCRIPT).withBecome(become));
        return parse(r.out());
    }

    static Map<String, Object> parse(String output) {
        Map<String, String> raw = new HashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                raw.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        String id = raw.getOrDefault("os_id", "").toLowerCase();
        String version = raw.getOrDefault("os_version", "");
        f.put("hostname", shortName(raw.getOrDefault("hostname", "")));
        f.put("nodename", raw.getOrDefault("hostname", ""));
        f.put("fqdn", raw.getOrDefault("fqdn", ""));
        f.put("distribution", DISTRIBUTION.getOrDefault(id, capitalize(id)));
        f.put("distribution_version", version);
        f.put("distribution_major_version", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        f.put("distribution_release", raw.getOrDefault("os_codename", ""));
        f.put("os_family", family(id, raw.getOrDefault("os_id_like", "")));
        f.put("system", raw.getOrDefault("system", ""));
        f.put("kernel", raw.getOrDefault("kernel", ""));
        f.put("architecture", raw.getOrDefault("architecture", ""));
        f.put("user_id", raw.getOrDefault("user_id", ""));
        f.put("user_uid", toInt(raw.get("user_uid")));
        f.put("user_gid", toInt(raw.get("user_gid")));
        f.put("user_dir", raw.getOrDefault("user_dir", ""));
        f.put("user_shell", raw.getOrDefault("user_shell", ""));
        Map<String, Object> ipv4 = new LinkedHashMap<>();
        String addr = raw.getOrDefault("default_ipv4_address", "");
        if (!addr.isEmpty()) {
            ipv4.put("address", addr);
            ipv4.put("interface", raw.getOrDefault("default_ipv4_interface", ""));
        }
        f.put("default_ipv4", ipv4);
        String all = raw.getOrDefault("all_ipv4", "");
        f.put("all_ipv4_addresses", all.isBlank() ? List.of() : List.of(all.strip().split("\\s+")));
        String sd = raw.getOrDefault("systemd_version", "");
        f.put("systemd", sd.matches("\\d+") ? Map.of("version", Integer.parseInt(sd)) : Map.of());
        f.put("service_mgr", raw.getOrDefault("service_mgr", ""));
        f.put("pkg_mgr", raw.getOrDefault("pkg_mgr", "unknown").replace("apt-get", "apt"));
        f.put("podman_version", raw.getOrDefault("podman_version", ""));
        return f;
    }

    private static String family(String id, String like) {
        if (FAMILY.containsKey(id)) {
            return FAMILY.get(id);
        }
        for (String l : like.split("\\s+")) {
            if (FAMILY.containsKey(l)) {
                return FAMILY.get(l);
            }
        }
        return capitalize(id);
    }

    private static String shortName(String h) {
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    private static Object toInt(String s) {
        try {
            return s == null ? null : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
