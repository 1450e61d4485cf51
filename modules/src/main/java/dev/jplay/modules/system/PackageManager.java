package dev.jplay.modules.system;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * A host's package manager, as shell commands: how to ask whether packages are installed (locally,
 * without network) and how to install, upgrade and remove them non-interactively.
 */
enum PackageManager {
    DNF("dnf"),
    YUM("yum"),
    APT("apt-get");

    private static final String APT_OPTS = "-y -q -o DPkg::Lock::Timeout=120 -o Dpkg::Options::=--force-confdef "
            + "-o Dpkg::Options::=--force-confold";
    private static final Pattern APT_SUMMARY = Pattern.compile("(\\d+) upgraded, (\\d+) newly installed, (?:(\\d+) downgraded, )?(\\d+) to remove");

    private final String command;

    PackageManager(String command) {
        this.command = command;
    }

    /** The executable the host must have ({@code command -v}). */
    String command() {
        return command;
    }

    static PackageManager ofCommand(String c) {
        for (PackageManager m : values()) {
            if (m.command.equals(c)) {
                return m;
            }
        }
        return null;
    }

    boolean isRpm() {
        return this != APT;
    }

    /** The name the package database knows: {@code nginx=1.2} (apt) is probed as {@code nginx}. */
    String probeName(String spec) {
        if (this == APT) {
            int eq = spec.indexOf('=');
            return eq > 0 ? spec.substring(0, eq) : spec;
        }
        return spec;
    }

    /** The version a spec pins ({@code nginx=1.2} for apt), or null. rpm specs carry it in the name rpm -q matches. */
    String pinnedVersion(String spec) {
        if (this == APT) {
            int eq = spec.indexOf('=');
            return eq > 0 ? spec.substring(eq + 1) : null;
        }
        return null;
    }

    /**
     * Shell that prints {@code PREFIX.I=installed|VERSION} or {@code PREFIX.I=absent|} for each spec, in
     * order; it reads only the local package database.
     */
    String probeScript(List<String> specs, String prefix) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            String n = quote(probeName(specs.get(i)));
            String key = prefix + "." + i + "=";
            if (isRpm()) {
                s.append("if jp_v=$(rpm -q --qf '%{VERSION}-%{RELEASE} ' -- ").append(n).append(" 2>/dev/null) || ")
                        .append("jp_v=$(rpm -q --whatprovides --qf '%{VERSION}-%{RELEASE} ' -- ").append(n).append(" 2>/dev/null); ")
                        .append("then echo \"").append(key).append("installed|$jp_v\"; else echo '").append(key).append("absent|'; fi; ");
            } else {
                s.append("jp_v=$(dpkg-query -W -f='${Status}|${Version}\\n' -- ").append(n)
                        .append(" 2>/dev/null | sed -n 's/^[a-z]* ok installed|//p' | head -n1); ")
                        .append("if [ -n \"$jp_v\" ]; then echo \"").append(key).append("installed|$jp_v\"; else echo '")
                        .append(key).append("absent|'; fi; ");
            }
        }
        return s.toString();
    }

    String updateCache() {
        return this == APT ? "DEBIAN_FRONTEND=noninteractive apt-get update -q" : command + " -y -q makecache";
    }

    String install(List<String> specs) {
        return this == APT ? "DEBIAN_FRONTEND=noninteractive apt-get install " + APT_OPTS + " --allow-downgrades " + words(specs)
                : command + " -y install " + words(specs);
    }

    /** Upgrades installed packages to the newest version the repositories offer. */
    String upgrade(List<String> specs) {
        return this == APT ? install(specs) : command + " -y upgrade " + words(specs);
    }

    String remove(List<String> specs) {
        return this == APT ? "DEBIAN_FRONTEND=noninteractive apt-get remove " + APT_OPTS + " " + words(specs.stream().map(this::probeName).toList())
                : command + " -y remove " + words(specs);
    }

    /** Check mode for state=latest: would an upgrade/install do anything? Prints {@code would=yes|no}. */
    String wouldUpgrade(List<String> specs) {
        if (this == APT) {
            return "if apt-get -s -q install " + words(specs) + " 2>&1 | grep -q '^Inst '; then echo would=yes; else echo would=no; fi";
        }
        return command + " -q check-update " + words(specs) + " >/dev/null 2>&1; if [ $? = 100 ]; then echo would=yes; else echo would=no; fi";
    }

    /** Whether the tool's own output says it changed something (for names the database cannot probe, e.g. virtual packages). */
    boolean outputShowsChange(String stdout) {
        if (this == APT) {
            Matcher m = APT_SUMMARY.matcher(stdout);
            while (m.find()) {
                for (int g = 1; g <= 4; g++) {
                    if (m.group(g) != null && !m.group(g).equals("0")) {
                        return true;
                    }
                }
            }
            return false;
        }
        return stdout.contains("Complete!") && !stdout.contains("Nothing to do");
    }

    private static String words(List<String> specs) {
        return String.join(" ", specs.stream().map(s -> quote(s)).toList());
    }
}
