package dev.jplay.app.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PLAY RECAP lines of a run's output: host -> ok, changed, unreachable, failed, skipped, rescued, ignored. */
public record Recap(Map<String, Map<String, Integer>> hosts) {
    private static final Pattern LINE = Pattern.compile("^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+"
            + "failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$", Pattern.MULTILINE);
    private static final List<String> KEYS = List.of("ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored");

    /** The last recap in the output; empty when there is none. */
    public static Recap of(String out) {
        int at = out.lastIndexOf("PLAY RECAP ");
        Map<String, Map<String, Integer>> hosts = new LinkedHashMap<>();
        if (at >= 0) {
            Matcher m = LINE.matcher(out.substring(at));
            while (m.find()) {
                Map<String, Integer> n = new LinkedHashMap<>();
                for (int i = 0; i < KEYS.size(); i++) {
                    n.put(KEYS.get(i), Integer.parseInt(m.group(i + 2)));
                }
                hosts.put(m.group(1), n);
            }
        }
        return new Recap(hosts);
    }

    public boolean printed() {
        return !hosts.isEmpty();
    }

    /** One number of one host; -1 when the host has no recap line. */
    public int get(String host, String key) {
        Map<String, Integer> n = hosts.get(host);
        return n == null ? -1 : n.get(key);
    }
}
