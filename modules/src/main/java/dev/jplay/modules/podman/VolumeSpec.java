package dev.jplay.modules.podman;

import java.util.List;
import java.util.Map;

/**
 * One {@code volume} entry, {@code [source:]destination[:options]}: a bind mount when the source is
 * a path, a named volume otherwise, an anonymous volume without source. Of the options only
 * ro/rw is compared; podman adds its own (rbind, rprivate, ...).
 */
public record VolumeSpec(String source, String destination, boolean readOnly) {

    public static VolumeSpec parse(String spec) {
        String[] p = spec.split(":", -1);
        return switch (p.length) {
            case 1 -> new VolumeSpec("", trimSlash(p[0]), false);
            case 2 -> new VolumeSpec(p[0], trimSlash(p[1]), false);
            default -> new VolumeSpec(p[0], trimSlash(p[1]), List.of(p[2].split(",")).contains("ro"));
        };
    }

    public boolean isBind() {
        return source.startsWith("/") || source.startsWith(".");
    }

    /** Whether a mount in inspect's {@code Mounts} is this volume. */
    public boolean presentIn(List<Map<String, Object>> mounts) {
        for (Map<String, Object> m : mounts) {
            if (!trimSlash(str(m.get("Destination"))).equals(destination)) {
                continue;
            }
            boolean rw = !Boolean.FALSE.equals(m.get("RW"));
            if (rw == readOnly) {
                return false;
            }
            if (source.isEmpty()) {
                return true;
            }
            return isBind() ? trimSlash(str(m.get("Source"))).equals(trimSlash(source)) : str(m.get("Name")).equals(source);
        }
        return false;
    }

    static String describe(Map<String, Object> mount) {
        String src = "volume".equals(mount.get("Type")) ? str(mount.get("Name")) : str(mount.get("Source"));
        return src + ":" + str(mount.get("Destination")) + (Boolean.FALSE.equals(mount.get("RW")) ? ":ro" : "");
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String trimSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
