package dev.jplay.modules.podman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Quadlet {@code .container} file (podman-systemd.unit(5), podman 4.4+): systemd generates
 * {@code NAME.service} from it at daemon-reload. Keys used here exist since podman 4.4, except
 * StopTimeout= (podman 5.0), written only when a stop timeout is asked for.
 */
public final class QuadletFile {
    private QuadletFile() {
    }

    /** Settings of the unit around the container. */
    public record UnitSettings(String description, boolean stopWhenUnneeded, String autoUpdate, String restartPolicy,
                               Long stopTimeout, String wantedBy) {
    }

    public static String render(String name, ContainerSpec c, UnitSettings u) {
        List<String> l = new ArrayList<>();
        l.add("[Unit]");
        l.add("Description=" + UnitValues.text(u.description() == null ? "Podman container " + name : u.description()));
        if (u.stopWhenUnneeded()) {
            l.add("StopWhenUnneeded=yes");
        }
        l.add("");
        l.add("[Container]");
        l.add("ContainerName=" + name);
        l.add("Image=" + c.image());
        for (String p : c.publish()) {
            l.add("PublishPort=" + p);
        }
        for (String v : c.volumes()) {
            l.add("Volume=" + v);
        }
        for (Map.Entry<String, String> e : c.env().entrySet()) {
            l.add("Environment=" + word(e.getKey() + "=" + e.getValue()));
        }
        for (Map.Entry<String, String> e : c.labels().entrySet()) {
            l.add("Label=" + word(e.getKey() + "=" + e.getValue()));
        }
        if (u.autoUpdate() != null) {
            l.add("AutoUpdate=" + u.autoUpdate());
        }
        if (u.stopTimeout() != null) {
            l.add("StopTimeout=" + u.stopTimeout());
        }
        if (c.command() != null && !c.command().isEmpty()) {
            l.add("Exec=" + String.join(" ", c.command().stream().map(QuadletFile::word).toList()));
        }
        l.add("");
        l.add("[Service]");
        l.add("Restart=" + (u.restartPolicy() == null ? "on-failure" : u.restartPolicy()));
        if (u.stopTimeout() != null) {
            // room for podman's own stop timeout, as generate systemd leaves (N + 60)
            l.add("TimeoutStopSec=" + (u.stopTimeout() + 60));
        }
        return UnitText.finish(l, u.wantedBy());
    }

    /**
     * One word as systemd splits command lines and assignments: quoted when it has spaces, quotes or
     * backslashes; {@code %} doubled so systemd does not read it as a specifier.
     */
    static String word(String raw) {
        String w = raw.replace("%", "%%");
        if (!w.isEmpty() && w.chars().noneMatch(ch -> Character.isWhitespace(ch) || ch == '"' || ch == '\'' || ch == '\\')) {
            return w;
        }
        return "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
