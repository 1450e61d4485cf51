package dev.jplay.modules.podman;

import java.util.ArrayList;
import java.util.List;

/**
 * systemd unit text: compared without comments (podman's generated header carries a timestamp,
 * which made the podman collection report a change on every run, #557), and post-processed from
 * {@code podman generate systemd} output into what the serverless setup needs.
 */
public final class UnitText {
    /** The throwaway container name the unit is generated from: {@code jplay-unit-} and 16 hex digits. */
    static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("jplay-unit-[0-9a-f]{16}");

    private UnitText() {
    }

    /** The unit with comment lines, blank lines and trailing spaces removed: two units are the same when this is. */
    public static String normalized(String unit) {
        if (unit == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String line : unit.split("\n", -1)) {
            String l = line.stripTrailing();
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            out.add(l);
        }
        return String.join("\n", out);
    }

    public static boolean sameUnit(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    static String tempName() {
        return "jplay-unit-" + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    /**
     * Turns {@code podman generate systemd --new} output for a container created under a temporary
     * name ({@link #TEMP_NAME}) into the unit for {@code name}: the temporary name replaced, the header comments and the
     * [Install] section dropped (the socket starts the service; with {@code wantedBy} an [Install]
     * section with that target is written instead), and {@code StopWhenUnneeded=yes} added to [Unit]
     * when asked (the service stops when the socket proxy that needs it exits: scale to zero).
     */
    public static String fromGenerated(String generated, String name, boolean stopWhenUnneeded, String wantedBy) {
        String text = TEMP_NAME.matcher(generated).replaceAll(java.util.regex.Matcher.quoteReplacement(name));
        List<String> out = new ArrayList<>();
        boolean inInstall = false;
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                inInstall = t.equals("[Install]");
            }
            if (inInstall) {
                continue;
            }
            out.add(line.stripTrailing());
            if (t.equals("[Unit]") && stopWhenUnneeded) {
                out.add("StopWhenUnneeded=yes");
            }
        }
        return finish(out, wantedBy);
    }

    /** Joins lines into a unit: no leading or doubled blank lines, one trailing newline, [Install] last if wanted. */
    static String finish(List<String> lines, String wantedBy) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            boolean blank = l.isBlank();
            if (blank && (out.isEmpty() || out.get(out.size() - 1).isBlank())) {
                continue;
            }
            out.add(blank ? "" : l);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        if (wantedBy != null && !wantedBy.isBlank()) {
            out.add("");
            out.add("[Install]");
            out.add("WantedBy=" + wantedBy);
        }
        return String.join("\n", out) + "\n";
    }
}
