package dev.jplay.modules.system;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * One unit as {@code systemctl show} and {@code is-enabled} report it, read in one round trip
 * (optionally around a daemon-reload, so the state before the reload is known too).
 *
 * @param show         the {@code systemctl show} properties (empty for {@code scope: global})
 * @param isEnabled    the first line {@code is-enabled} printed (enabled, disabled, static, generated, ...)
 * @param reloaded     the probe ran daemon-reload
 * @param loadBefore   LoadState before the reload ("" when no reload ran)
 * @param needReloadBefore NeedDaemonReload before the reload
 * @param fileMtimes   mtimes (epoch seconds) of the unit file and drop-ins (probed for sockets only)
 * @param showRc       exit code of {@code systemctl show} ("" when it did not run)
 */
record UnitStatus(Map<String, String> show, String isEnabled, int isEnabledRc, boolean reloaded, String loadBefore,
                  boolean needReloadBefore, List<Long> fileMtimes, String showRc) {

    static final List<String> PROPERTIES = List.of("Id", "Names", "LoadState", "ActiveState", "SubState", "UnitFileState",
            "NeedDaemonReload", "FragmentPath", "SourcePath", "DropInPaths", "ActiveEnterTimestamp", "WantedBy", "RequiredBy",
            "CanReload");
    private static final Set<String> RUNNING = Set.of("active", "activating", "reloading", "refreshing");
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})");

    /**
     * The probe script. {@code systemctl} is the command word for the scope ({@code systemctl},
     * {@code user_systemctl} or {@code systemctl --global}); timestamps are printed in UTC and C locale.
     */
    static String script(String systemctl, String unit, boolean daemonReload, boolean daemonReexec, boolean withMtimes) {
        boolean global = systemctl.endsWith("--global");
        StringBuilder s = new StringBuilder("export LC_ALL=C TZ=UTC; jp_u=").append(quote(unit == null ? "" : unit)).append("; ");
        if (daemonReload || daemonReexec) {
            if (unit != null && !global) {
                s.append(systemctl).append(" show -p LoadState,NeedDaemonReload -- \"$jp_u\" 2>/dev/null | sed 's/^/before./'; ");
            }
            if (daemonReload) {
                s.append(systemctl).append(" daemon-reload || { echo 'jplay-failed-step: daemon-reload' >&2; exit 3; }; echo reloaded=yes; ");
            }
            if (daemonReexec) {
                s.append(systemctl).append(" daemon-reexec || { echo 'jplay-failed-step: daemon-reexec' >&2; exit 3; }; echo reexecuted=yes; ");
            }
        }
        if (unit == null) {
            return s.toString();
        }
        if (global) {
            s.append("jp_e=$(").append(systemctl).append(" is-enabled -- \"$jp_u\" 2>&1); echo \"enabled_rc=$?\"; ");
        } else {
            s.append(systemctl).append(" show -p ").append(String.join(",", PROPERTIES)).append(" -- \"$jp_u\"; jp_rc=$?; echo \"show_rc=$jp_rc\"; ")
                    .append("[ $jp_rc = 0 ] || exit $jp_rc; ");
            s.append("jp_id=$(").append(systemctl).append(" show --value -p Id -- \"$jp_u\" 2>/dev/null); ");
            s.append("jp_e=$(").append(systemctl).append(" is-enabled -- \"${jp_id:-$jp_u}\" 2>&1); echo \"enabled_rc=$?\"; ");
        }
        s.append("printf 'is_enabled=%s\\n' \"$jp_e\"; ");
        if (withMtimes && !global) {
            s.append("for jp_f in $(").append(systemctl).append(" show --value -p FragmentPath,DropInPaths -- \"$jp_u\" 2>/dev/null); do ")
                    .append("[ -e \"$jp_f\" ] && echo \"mtime=$(stat -L -c %Y -- \"$jp_f\")\"; done; ");
        }
        return s.append(": ").toString();
    }

    static UnitStatus parse(String output) {
        ProbeLines p = ProbeLines.parse(output);
        Map<String, String> show = new LinkedHashMap<>();
        for (String k : PROPERTIES) {
            if (p.has(k)) {
                show.put(k, p.get(k));
            }
        }
        int rc;
        try {
            rc = Integer.parseInt(p.get("enabled_rc"));
        } catch (NumberFormatException e) {
            rc = -1;
        }
        List<Long> mtimes = p.all("mtime").stream().filter(v -> v.matches("\\d+")).map(Long::parseLong).toList();
        return new UnitStatus(show, p.get("is_enabled").trim(), rc, p.is("reloaded", "yes"), p.get("before.LoadState"),
                p.is("before.NeedDaemonReload", "yes"), mtimes, p.get("show_rc"));
    }

    String prop(String name) {
        return show.getOrDefault(name, "");
    }

    String loadState() {
        return prop("LoadState");
    }

    String activeState() {
        return prop("ActiveState");
    }

    /** systemd does not know the unit (for global scope: is-enabled found no unit file). */
    boolean notFound() {
        if (show.isEmpty()) {
            return isEnabled.equals("not-found") || isEnabled.startsWith("Failed to get unit file state") || isEnabledRc == 4;
        }
        return loadState().equals("not-found");
    }

    boolean masked() {
        return loadState().equals("masked") || isEnabled.startsWith("masked");
    }

    /** Ansible's "running": active or on its way there. */
    boolean running() {
        return RUNNING.contains(activeState());
    }

    boolean needsStop() {
        return running() || activeState().equals("deactivating");
    }

    boolean needDaemonReload() {
        return prop("NeedDaemonReload").equals("yes");
    }

    /** Units that pull this one in (WantedBy, RequiredBy). */
    List<String> pulledInBy() {
        return Arrays.stream((prop("WantedBy") + " " + prop("RequiredBy")).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** When the unit last became active, in epoch seconds (UTC, as the probe prints it). */
    OptionalLong activeEnterEpoch() {
        Matcher m = TIMESTAMP.matcher(prop("ActiveEnterTimestamp"));
        if (!m.find()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(LocalDateTime.parse(m.group(1) + "T" + m.group(2)).toEpochSecond(ZoneOffset.UTC));
    }

    /** A unit file or drop-in was modified after the unit became active (a whole second later: mtimes have second resolution). */
    boolean filesNewerThanActivation() {
        OptionalLong since = activeEnterEpoch();
        return since.isPresent() && fileMtimes.stream().anyMatch(t -> t > since.getAsLong());
    }
}
