package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.builtin.service_facts: every service the host knows, as {@code ansible_facts.services[name] =
 * {name, state, status, source}}. Like Ansible: SysV services from {@code service --status-all} (when there
 * is no chkconfig or OpenRC), then, when PID 1 is systemd, {@code systemctl list-units} and
 * {@code list-unit-files}; a unit that has a file but is not loaded gets its ActiveState from
 * {@code systemctl show}. One round trip, plus one for the units that need {@code show}.
 * Not gathered (unlike Ansible): upstart, chkconfig, OpenRC, AIX and OpenBSD services.
 */
public final class ServiceFactsModule implements Module {

    static final String SYSV = "--jplay-sysv--";
    static final String UNITS = "--jplay-units--";
    static final String FILES = "--jplay-unit-files--";
    private static final Set<String> BAD_STATES = Set.of("not-found", "masked", "failed");
    private static final Pattern SYSV_LINE = Pattern.compile("^\\s*\\[ ([+-]) \\]\\s+(.+)$", Pattern.MULTILINE);
    private static final Pattern UNIT_NAME = Pattern.compile("[A-Za-z0-9:_.\\\\@-]+");
    private static final String NONE_FOUND = "Failed to find any services. This can be due to privileges or some other configuration issue.";

    private static final ModuleSpec SPEC = ModuleSpec.builder("service_facts")
            .describe("Returns the host's services as facts (ansible_facts.services): systemd units and SysV init scripts, "
                    + "each with name, state, status and source.")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String script = "export LANG=C LC_ALL=C; "
                + "if command -v service >/dev/null 2>&1 && ! command -v chkconfig >/dev/null 2>&1 "
                + "&& ! command -v rc-status >/dev/null 2>&1; then echo '" + SYSV + "'; service --status-all 2>/dev/null; echo \"rc=$?\"; fi; "
                + "if grep -q systemd /proc/1/comm 2>/dev/null && command -v systemctl >/dev/null 2>&1; then "
                + "echo '" + UNITS + "'; systemctl list-units --no-pager --type service --all 2>&1; echo \"rc=$?\"; "
                + "echo '" + FILES + "'; systemctl list-unit-files --no-pager --type service --all 2>&1; echo \"rc=$?\"; fi";
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure("listing services failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        Map<String, String> sections = sections(r.out());
        if (sections.containsKey(SYSV)) {
            sysv(sections.get(SYSV), services);
        }
        List<String> needShow = new ArrayList<>();
        if (sections.containsKey(UNITS)) {
            Section units = Section.of(sections.get(UNITS));
            if (units.rc() != 0) {
                warnings.add("Could not list units from systemd: " + units.text().strip());
            } else {
                units(units.text(), services);
            }
            Section files = Section.of(sections.getOrDefault(FILES, "rc=1\n"));
            if (files.rc() != 0) {
                warnings.add("Could not get unit files data from systemd: " + files.text().strip());
            } else {
                needShow = unitFiles(files.text(), services);
            }
        }
        if (!needShow.isEmpty()) {
            activeStates(ctx, needShow, services);
        }
        if (services.isEmpty()) {
            ModuleResult.Builder b = ModuleResult.ok().skipped().msg(NONE_FOUND);
            warnings.forEach(b::warn);
            return b.build();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("services", services);
        ModuleResult.Builder b = ModuleResult.ok().fact("services", services).value("ansible_facts", facts);
        warnings.forEach(b::warn);
        return b.build();
    }

    /** The text after each marker line, up to the next marker. */
    static Map<String, String> sections(String out) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder sb = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.equals(SYSV) || line.equals(UNITS) || line.equals(FILES)) {
                if (current != null) {
                    sections.put(current, sb.toString());
                }
                current = line;
                sb.setLength(0);
            } else if (current != null) {
                sb.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, sb.toString());
        }
        return sections;
    }

    /** A section's output and the rc its last line reports. */
    record Section(String text, int rc) {
        static Section of(String s) {
            String t = s.stripTrailing();
            int nl = t.lastIndexOf('\n');
            String last = t.substring(nl + 1);
            int rc = last.startsWith("rc=") ? Integer.parseInt(last.substring(3).strip()) : 1;
            return new Section(nl < 0 ? "" : t.substring(0, nl + 1), rc);
        }
    }

    /** service --status-all: "[ + ]  name" running, "[ - ]" stopped; "[ ? ]" lines are not services to Ansible. */
    static void sysv(String text, Map<String, Map<String, Object>> services) {
        Matcher m = SYSV_LINE.matcher(Section.of(text).text());
        while (m.find()) {
            String name = m.group(2).strip();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("state", m.group(1).equals("+") ? "running" : "stopped");
            s.put("source", "sysv");
            services.put(name, s);
        }
    }

    /**
     * systemctl list-units lines: UNIT LOAD ACTIVE SUB DESCRIPTION, a bad unit marked with a leading dot and
     * its bad state (not-found, masked, failed) as status; otherwise ACTIVE is the status and SUB=running
     * the only running state.
     */
    static void units(String text, Map<String, Map<String, Object>> services) {
        for (String line : text.split("\n")) {
            if (!line.contains(".service")) {
                continue;
            }
            List<String> fields = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
            String status = null;
            for (String bad : List.of("not-found", "masked", "failed")) {
                if (fields.contains(bad)) {
                    status = bad;
                    break;
                }
            }
            if (status != null && !fields.get(0).contains(".service")) {
                fields.remove(0); // the dot systemctl puts before a unit in a bad state
            }
            if (fields.size() < 4) {
                continue;
            }
            if (status == null) {
                status = fields.get(2);
            }
            String name = fields.get(0);
            services.put(name, service(name, fields.get(3).equals("running") ? "running" : "stopped", status));
        }
    }

    /** list-unit-files: the file's state becomes the status of a unit not in a bad state; returns the units not seen loaded. */
    static List<String> unitFiles(String text, Map<String, Map<String, Object>> services) throws ModuleFailure {
        List<String> unseen = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.contains(".service")) {
                continue;
            }
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) {
                throw new ModuleFailure("Malformed output discovered from systemd list-unit-files: " + line);
            }
            Map<String, Object> known = services.get(f[0]);
            if (known == null) {
                services.put(f[0], service(f[0], "unknown", f[1]));
                if (UNIT_NAME.matcher(f[0]).matches()) {
                    unseen.add(f[0]);
                }
            } else if (!BAD_STATES.contains(known.get("status"))) {
                known.put("status", f[1]);
            }
        }
        return unseen;
    }

    /** ActiveState of units that have a file but were not listed as loaded (Ansible: one systemctl show each). */
    private static void activeStates(ModuleContext ctx, List<String> units, Map<String, Map<String, Object>> services) {
        StringBuilder sb = new StringBuilder("export LANG=C LC_ALL=C; for jp_u in");
        units.forEach(u -> sb.append(' ').append(quote(u)));
        sb.append("; do jp_s=$(systemctl show \"$jp_u\" --property=ActiveState 2>/dev/null) && printf '%s\\t%s\\n' \"$jp_u\" \"$jp_s\"; done; true");
        ExecResult r = ctx.exec(sb.toString());
        for (String line : r.out().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            Map<String, Object> s = services.get(line.substring(0, tab));
            String state = line.substring(tab + 1).replace("ActiveState=", "").strip();
            if (s != null && !state.isEmpty()) {
                s.put("state", state);
            }
        }
    }

    private static Map<String, Object> service(String name, String state, String status) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("state", state);
        s.put("status", status);
        s.put("source", "systemd");
        return s;
    }
}
