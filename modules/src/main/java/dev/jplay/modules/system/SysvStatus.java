package dev.jplay.modules.system;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * A SysV init service as one probe sees it: the init script, its start links in the rc?.d folders,
 * which tools the host has, and what {@code service NAME status} (or the script's status) said.
 *
 * @param manager      "systemd" when the host runs systemd (nothing else is probed then), else "sysvinit"
 * @param runlevels    the runlevels with an S??NAME start link
 * @param tools        which of update-rc.d, chkconfig, service are on PATH
 * @param statusRc     exit code of the status command
 * @param statusOutput what it printed (stdout and stderr)
 */
record SysvStatus(String manager, boolean root, boolean scriptExists, List<String> runlevels, Set<String> tools, int statusRc,
                  String statusOutput) {

    private static final String OUTPUT_MARK = "--jplay-status-output--";

    /**
     * The probe. With {@code detect} it first looks for a running systemd (as Ansible's service_mgr fact:
     * /run/systemd/system exists) and stops there when it finds one.
     */
    static String script(String name, boolean detect) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; jp_n=").append(quote(name)).append("; ");
        if (detect) {
            s.append("if [ -d /run/systemd/system ]; then echo manager=systemd; exit 0; fi; ");
        }
        return s.append("echo manager=sysvinit; echo \"euid=$(id -u)\"; ")
                .append("[ -e \"/etc/init.d/$jp_n\" ] && echo script=yes; ")
                .append("jp_rc=/etc; [ -d /etc/rc0.d ] || jp_rc=/etc/init.d; ")
                .append("for jp_l in \"$jp_rc\"/rc?.d/S??\"$jp_n\"; do [ -e \"$jp_l\" ] && echo \"link=$jp_l\"; done; ")
                .append("for jp_t in update-rc.d chkconfig service; do command -v \"$jp_t\" >/dev/null 2>&1 && echo \"tool=$jp_t\"; done; ")
                .append("if [ -e \"/etc/init.d/$jp_n\" ]; then ")
                .append("if command -v service >/dev/null 2>&1; then jp_o=$(service \"$jp_n\" status 2>&1); else jp_o=$(\"/etc/init.d/$jp_n\" status 2>&1); fi; ")
                .append("echo \"status_rc=$?\"; echo '").append(OUTPUT_MARK).append("'; printf '%s\\n' \"$jp_o\"; fi")
                .toString();
    }

    static SysvStatus parse(String out) {
        int mark = out.indexOf(OUTPUT_MARK + "\n");
        String head = mark < 0 ? out : out.substring(0, mark);
        String status = mark < 0 ? "" : out.substring(mark + OUTPUT_MARK.length() + 1);
        ProbeLines p = ProbeLines.parse(head);
        List<String> levels = p.all("link").stream().map(SysvStatus::runlevelOf).toList();
        int rc = p.get("status_rc").matches("\\d+") ? Integer.parseInt(p.get("status_rc")) : -1;
        return new SysvStatus(p.get("manager"), p.is("euid", "0"), p.is("script", "yes"), levels, Set.copyOf(p.all("tool")), rc,
                status.endsWith("\n") ? status.substring(0, status.length() - 1) : status);
    }

    private static String runlevelOf(String link) {
        int d = link.lastIndexOf(".d/");
        return d > 0 ? link.substring(d - 1, d) : "";
    }

    boolean systemd() {
        return manager.equals("systemd");
    }

    boolean enabled() {
        return !runlevels.isEmpty();
    }

    boolean enabledIn(String runlevel) {
        return runlevels.contains(runlevel);
    }

    /**
     * Whether the service runs, read from the status output as Ansible's sysvinit module does (a one-line
     * message that says stopped or running wins), then from the LSB exit code (0 running, 1-4 not).
     * Null when neither tells.
     */
    Boolean running(String name) {
        if (statusOutput.lines().count() <= 1) {
            String clean = statusOutput.toLowerCase(Locale.ROOT).replace(name.toLowerCase(Locale.ROOT), "");
            for (String stopped : List.of("stop", "is dead ", "dead but ", "could not access pid file", "inactive")) {
                if (clean.contains(stopped)) {
                    return false;
                }
            }
            for (String started : List.of("run", "start", "active")) {
                if (clean.contains(started) && !clean.contains("not ")) {
                    return true;
                }
            }
        }
        if (statusRc == 0) {
            return true;
        }
        if (Set.of(1, 2, 3, 4, 69).contains(statusRc)) {
            return false;
        }
        return null;
    }
}
