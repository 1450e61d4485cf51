package dev.jplay.modules.podman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line a container or pod was created with ({@code CreateCommand} in podman's inspect). Some
 * settings (the networks asked for, the pod named, env files, the entrypoint given) are stored only in
 * resolved form elsewhere in inspect, so, as the podman collection does, they are compared with what the
 * create command said.
 */
record CreateCommand(List<String> words) {

    static CreateCommand of(Map<String, Object> inspect) {
        return new CreateCommand(PodmanJson.strings(inspect, "Config", "CreateCommand").isEmpty()
                ? PodmanJson.strings(inspect, "CreateCommand") : PodmanJson.strings(inspect, "Config", "CreateCommand"));
    }

    /** The values given to any of these flags, in order, from {@code --flag value} and {@code --flag=value}. */
    List<String> values(String... flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            for (String f : flags) {
                if (w.equals(f) && i + 1 < words.size()) {
                    out.add(words.get(++i));
                    break;
                }
                if (w.startsWith(f + "=")) {
                    out.add(w.substring(f.length() + 1));
                    break;
                }
            }
        }
        return out;
    }

    /** The last value of these flags (podman keeps the last), or null. */
    String last(String... flags) {
        List<String> v = values(flags);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }
}
