package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ansible.builtin.package_facts: the installed packages as {@code ansible_facts.packages[name] = [{...}]},
 * one entry per installed version or architecture. Read with the host's own query tools, so no Python
 * library is needed: {@code dpkg-query} gives Ansible's apt shape (name, version, arch, category, origin,
 * source=apt; origin is the package's Origin field or else the
 * distribution's vendor from /etc/dpkg/origins/default, where Ansible asks apt's cache), {@code rpm -qa} its
 * rpm shape (name, version, release, epoch, arch, source=rpm). One round trip.
 */
public final class PackageFactsModule implements Module {

    private static final List<String> KNOWN = List.of("auto", "apt", "rpm");
    private static final String APT = "--jplay-apt--";
    private static final String RPM = "--jplay-rpm--";

    private static final ModuleSpec SPEC = ModuleSpec.builder("package_facts")
            .describe("Returns the installed packages as facts (ansible_facts.packages), read with dpkg-query (apt) or rpm.")
            .option(OptionSpec.of("manager", OptionType.LIST, "Package managers to ask: auto, apt, rpm (in this order for auto).")
                    .defaultValue(List.of("auto")))
            .option(OptionSpec.of("strategy", OptionType.STR, "first: the first manager that works; all: every one that works.")
                    .choices("first", "all").defaultValue("first"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        List<String> asked = ctx.args().stringList("manager");
        for (String m : asked) {
            if (!KNOWN.contains(m)) {
                throw new ModuleFailure("manager '" + m + "' is not supported; jplay's package_facts reads: " + String.join(", ", KNOWN));
            }
        }
        List<String> managers = new ArrayList<>();
        for (String m : asked) {
            for (String one : m.equals("auto") ? List.of("apt", "rpm") : List.of(m)) {
                if (!managers.contains(one)) {
                    managers.add(one);
                }
            }
        }
        boolean all = ctx.args().string("strategy").equals("all");
        StringBuilder script = new StringBuilder("export LANG=C LC_ALL=C; ");
        for (String m : managers) {
            if (m.equals("apt")) {
                // Status-Abbrev's second letter: n (not installed) and c (config files only) are not installed packages.
                script.append("if command -v dpkg-query >/dev/null 2>&1 && [ -s /var/lib/dpkg/status ]; then echo '").append(APT)
                        .append("'; sed -n 's/^Vendor: */vendor=/p' /etc/dpkg/origins/default 2>/dev/null | head -n 1; dpkg-query -W -f='${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\t${Origin}\\n'"
                                + " || echo '--jplay-failed--'; fi; ");
            } else {
                script.append("if command -v rpm >/dev/null 2>&1 && [ -n \"$(rpm -qa --qf x 2>/dev/null | head -c 1)\" ]; then echo '")
                        .append(RPM).append("'; rpm -qa --qf '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n' || echo '--jplay-failed--'; fi; ");
            }
        }
        script.append("true");
        ExecResult r = ctx.exec(script.toString());
        Map<String, List<Map<String, Object>>> packages = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> used = new ArrayList<>();
        String current = null;
        Map<String, StringBuilder> out = new LinkedHashMap<>();
        for (String line : r.out().split("\n", -1)) {
            if (line.equals(APT) || line.equals(RPM)) {
                current = line;
                out.put(current, new StringBuilder());
            } else if (current != null) {
                out.get(current).append(line).append('\n');
            }
        }
        for (var e : out.entrySet()) {
            String name = e.getKey().equals(APT) ? "apt" : "rpm";
            if (e.getValue().toString().contains("--jplay-failed--")) {
                warnings.add("Failed to retrieve packages with " + name + ": " + r.errTrimmed());
                continue;
            }
            if (!used.isEmpty() && !all) {
                break;
            }
            if (name.equals("apt")) {
                dpkg(e.getValue().toString(), packages);
            } else {
                rpm(e.getValue().toString(), packages);
            }
            used.add(name);
        }
        if (used.isEmpty()) {
            throw new ModuleFailure("Could not detect a supported package manager from the following list: " + managers
                    + ", or the required tool (dpkg-query, rpm) is not installed on the host.");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("packages", packages);
        ModuleResult.Builder b = ModuleResult.ok().fact("packages", packages).value("ansible_facts", facts);
        warnings.forEach(b::warn);
        return b.build();
    }

    static void dpkg(String text, Map<String, List<Map<String, Object>>> packages) {
        String vendor = ProbeLines.parse(text).get("vendor").strip();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 6 || f[0].length() < 2 || "nc".indexOf(f[0].charAt(1)) >= 0) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[1]);
            p.put("version", f[2]);
            p.put("arch", f[3]);
            p.put("category", f[4]);
            p.put("origin", f[5].isEmpty() ? vendor : f[5]);
            p.put("source", "apt");
            packages.computeIfAbsent(f[1], k -> new ArrayList<>()).add(p);
        }
    }

    static void rpm(String text, Map<String, List<Map<String, Object>>> packages) {
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].isEmpty()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", f[0]);
            p.put("version", f[1]);
            p.put("release", f[2]);
            p.put("epoch", f[3].equals("(none)") || f[3].isEmpty() ? null : Integer.valueOf(f[3]));
            p.put("arch", f[4].equals("(none)") ? null : f[4]);
            p.put("source", "rpm");
            packages.computeIfAbsent(f[0], k -> new ArrayList<>()).add(p);
        }
    }
}
