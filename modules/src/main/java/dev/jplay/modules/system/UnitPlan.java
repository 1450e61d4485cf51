package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the systemd module must do to a unit, decided from its {@link UnitStatus} alone (no host
 * access), so every branch is testable as data. Order as Ansible: mask/unmask, enable/disable, state.
 *
 * @param steps         systemctl verbs with their flags, in order (e.g. {@code enable --force}, {@code --no-block start})
 * @param reloadChanged the daemon-reload (run or, in check mode, due) changed what systemd knows about the unit
 * @param skipReason    non-null: the outcome cannot be predicted (check mode), skip the task with this reason
 */
record UnitPlan(List<String> steps, boolean reloadChanged, List<String> notes, List<String> warnings, String skipReason) {

    /** What the task asks for. {@code enabled} and {@code masked} are null when not given. */
    record Wanted(String name, String state, Boolean enabled, Boolean masked, boolean force, boolean noBlock,
                  boolean daemonReload, String scope, boolean refreshStaleSocket) {
    }

    private static final Set<String> ENABLED = Set.of("enabled", "enabled-runtime", "alias");
    private static final Set<String> CANNOT_ENABLE = Set.of("static", "indirect", "generated", "transient");

    boolean changed() {
        return !steps.isEmpty() || reloadChanged;
    }

    static UnitPlan decide(Wanted w, UnitStatus s, boolean check) throws ModuleFailure {
        List<String> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean reloadChanged = check
                ? w.daemonReload() && (s.needDaemonReload() || s.notFound())
                : s.reloaded() && (s.needReloadBefore() || s.loadBefore().equals("not-found") && !s.notFound());
        if (w.name() == null) {
            return new UnitPlan(steps, false, notes, warnings, null);
        }
        String unit = w.name();
        boolean wantsRunning = w.state() != null && !w.state().equals("stopped");

        if (s.notFound()) {
            if (check && w.daemonReload()) {
                return new UnitPlan(steps, true, notes, warnings, unit + " is not loaded yet; it may appear after the daemon-reload "
                        + "this task asks for, which check mode does not run");
            }
            if (wantsRunning || Boolean.TRUE.equals(w.enabled())) {
                throw new ModuleFailure("could not find the requested unit " + unit + " in the " + w.scope() + " manager"
                        + (w.daemonReload() ? "" : "; if its unit file was just written, add daemon_reload: true"));
            }
            if (Boolean.TRUE.equals(w.masked())) {
                steps.add(flag("mask", w.force()));
            } else {
                warnings.add("unit " + unit + " not found; nothing to " + (w.state() != null ? "stop" : "do"));
            }
            return new UnitPlan(steps, reloadChanged, notes, warnings, null);
        }

        boolean masked = s.masked();
        if (Boolean.TRUE.equals(w.masked()) && (Boolean.TRUE.equals(w.enabled()) || wantsRunning)) {
            throw new ModuleFailure("cannot mask " + unit + " and also " + (wantsRunning ? "start" : "enable") + " it");
        }
        if (Boolean.TRUE.equals(w.masked()) && !masked) {
            steps.add(flag("mask", w.force()));
        } else if (Boolean.FALSE.equals(w.masked()) && masked) {
            steps.add("unmask");
        }
        boolean maskedAfter = Boolean.TRUE.equals(w.masked()) || masked && !Boolean.FALSE.equals(w.masked());
        if (maskedAfter && (Boolean.TRUE.equals(w.enabled()) || wantsRunning)) {
            throw new ModuleFailure(unit + " is masked, so it cannot be " + (wantsRunning ? "started" : "enabled")
                    + ": add masked: false to unmask it");
        }

        if (w.enabled() != null) {
            decideEnabled(w, s, masked, steps, notes);
        }
        if (w.state() != null) {
            decideState(w, s, steps, notes, warnings, check);
        }
        if (s.needDaemonReload() && !(check && w.daemonReload())) {
            warnings.add("the unit file of " + unit + " changed on disk since systemd loaded it: add daemon_reload: true");
        }
        return new UnitPlan(steps, reloadChanged, notes, warnings, null);
    }

    private static void decideEnabled(Wanted w, UnitStatus s, boolean masked, List<String> steps, List<String> notes)
            throws ModuleFailure {
        String unit = w.name();
        String e = s.isEnabled();
        if (CANNOT_ENABLE.contains(e)) {
            boolean pulledIn = !s.pulledInBy().isEmpty();
            switch (e) {
                case "generated" -> {
                    // Quadlet and other generators: [Install] in the source file decides, systemctl enable cannot
                    String source = s.prop("SourcePath").isEmpty() ? "its source file" : s.prop("SourcePath");
                    if (w.enabled() && pulledIn) {
                        notes.add(unit + " is generated (from " + source + "); it cannot be enabled with systemctl, and it is "
                                + "already pulled in by " + String.join(", ", s.pulledInBy()));
                    } else if (w.enabled()) {
                        notes.add(unit + " is generated (from " + source + ") and cannot be enabled with systemctl; nothing "
                                + "starts it at boot: add [Install] WantedBy=default.target (or multi-user.target) to " + source
                                + " and daemon-reload");
                    } else if (pulledIn) {
                        throw new ModuleFailure("cannot disable " + unit + ": it is generated (from " + source + ") and pulled in by "
                                + String.join(", ", s.pulledInBy()) + "; remove the [Install] section from " + source
                                + " and daemon-reload");
                    }
                }
                case "transient" -> {
                    if (w.enabled()) {
                        notes.add(unit + " is transient: it exists until it stops and cannot be enabled");
                    }
                }
                default -> {
                    if (w.enabled()) {
                        notes.add(unit + " is " + e + ": it has no [Install] section of its own and starts when another unit "
                                + "needs it; there is nothing to enable");
                    }
                }
            }
            return;
        }
        boolean enabledNow = ENABLED.contains(e) && !masked;
        if (w.enabled() && !enabledNow) {
            steps.add(flag("enable", w.force()));
        } else if (!w.enabled() && enabledNow) {
            steps.add("disable");
        }
    }

    private static void decideState(Wanted w, UnitStatus s, List<String> steps, List<String> notes, List<String> warnings,
                                    boolean check) {
        String nb = w.noBlock() ? "--no-block " : "";
        switch (w.state()) {
            case "started" -> {
                if (!s.running()) {
                    steps.add(nb + "start");
                } else if (staleSocket(w, s, check)) {
                    if (s.needDaemonReload() && !w.daemonReload()) {
                        break; // a restart would bring back the old definition; the NeedDaemonReload warning says what to do
                    }
                    steps.add(nb + "restart");
                    notes.add(w.name() + " was restarted: its unit file changed after it started listening, and systemd leaves "
                            + "such a socket not functional until it is restarted");
                }
            }
            case "stopped" -> {
                if (s.needsStop()) {
                    steps.add(nb + "stop");
                }
            }
            case "restarted" -> steps.add(nb + (s.running() ? "restart" : "start"));
            case "reloaded" -> steps.add(nb + (s.running() ? "reload" : "start"));
            default -> warnings.add("unknown state " + w.state());
        }
    }

    /** An active socket whose definition is newer than its listening sockets. */
    private static boolean staleSocket(Wanted w, UnitStatus s, boolean check) {
        if (!w.refreshStaleSocket() || !w.name().endsWith(".socket") || !s.activeState().equals("active")) {
            return false;
        }
        boolean reloadedNewDefinition = check ? w.daemonReload() && s.needDaemonReload() : s.reloaded() && s.needReloadBefore();
        return reloadedNewDefinition || !s.needDaemonReload() && s.filesNewerThanActivation();
    }

    private static String flag(String verb, boolean force) {
        return force ? verb + " --force" : verb;
    }
}
