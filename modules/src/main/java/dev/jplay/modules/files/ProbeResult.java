package dev.jplay.modules.files;

import dev.jplay.engine.host.FileMode;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@link FileProbe} printed, parsed: key/values, a listing, and perhaps one file's content. */
final class ProbeResult {

    /** One entry below a directory from {@link FileProbe#tree}. */
    record TreeEntry(String type, String mode, long uid, long gid, String path) {
        boolean isDirectory() {
            return "directory".equals(type);
        }

        boolean isLink() {
            return "link".equals(type);
        }
    }

    private final Map<String, String> values;
    private final List<TreeEntry> tree;
    private final byte[] content;

    ProbeResult(Map<String, String> values, List<TreeEntry> tree, byte[] content) {
        this.values = values;
        this.tree = tree;
        this.content = content;
    }

    static ProbeResult parse(byte[] stdout) {
        byte[] marker = ("\n" + FileProbe.CONTENT_MARKER + "\n").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(stdout, marker);
        byte[] content = null;
        String header;
        if (at >= 0) {
            header = new String(stdout, 0, at, StandardCharsets.UTF_8);
            content = Arrays.copyOfRange(stdout, at + marker.length, stdout.length);
        } else if (startsWith(stdout, Arrays.copyOfRange(marker, 1, marker.length))) {
            header = "";
            content = Arrays.copyOfRange(stdout, marker.length - 1, stdout.length);
        } else {
            header = new String(stdout, StandardCharsets.UTF_8);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        List<TreeEntry> tree = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("R|")) {
                String[] f = line.split("\\|", 6);
                if (f.length == 6) {
                    tree.add(new TreeEntry(PathState.typeOf(f[1]), FileMode.normalize(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), f[5]));
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        identityFromId(kv);
        return new ProbeResult(kv, tree, content);
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "uid=(\\d+)(?:\\(([^)]*)\\))?\\s+gid=(\\d+)(?:\\(([^)]*)\\))?.*");

    /** Splits id's "uid=0(root) gid=0(root) groups=..." into user.uid/name/gid/group. */
    private static void identityFromId(Map<String, String> kv) {
        String id = kv.get("id");
        if (id == null) {
            return;
        }
        java.util.regex.Matcher m = ID.matcher(id.trim());
        if (m.matches()) {
            kv.put("user.uid", m.group(1));
            kv.put("user.name", m.group(2) == null ? m.group(1) : m.group(2));
            kv.put("user.gid", m.group(3));
            kv.put("user.group", m.group(4) == null ? m.group(3) : m.group(4));
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    PathState state(String tag, String path) {
        return PathState.parse(path, tag, values);
    }

    String value(String key) {
        return values.getOrDefault(key, "");
    }

    List<TreeEntry> tree() {
        return tree;
    }

    /** The content the probe fetched (empty when the file was absent, a directory, or too large). */
    Optional<byte[]> content() {
        return Optional.ofNullable(content);
    }

    /** The mode a new file (or directory) gets from the umask, as four octal digits. */
    String defaultMode(boolean directory) {
        String u = values.getOrDefault("umask", "0022").trim();
        int umask = u.matches("[0-7]{1,4}") ? Integer.parseInt(u, 8) : 022;
        return String.format("%04o", (directory ? 0777 : 0666) & ~umask);
    }

    String userName() {
        return value("user.name");
    }

    String userGroup() {
        return value("user.group");
    }

    /** The uid of a wanted owner: numeric as given, else as the host resolved it; fails when the user does not exist. */
    long uidOf(String owner) throws ModuleFailure {
        if (owner.matches("\\d+")) {
            return Long.parseLong(owner);
        }
        String id = value("owner.uid").trim();
        if (!id.matches("\\d+")) {
            throw new ModuleFailure("user '" + owner + "' does not exist on the host; create it first or give a numeric uid");
        }
        return Long.parseLong(id);
    }

    /** The gid of a wanted group: numeric as given, else as the host resolved it; fails when the group does not exist. */
    long gidOf(String group) throws ModuleFailure {
        if (group.matches("\\d+")) {
            return Long.parseLong(group);
        }
        String id = value("group.gid").trim();
        if (!id.matches("\\d+")) {
            throw new ModuleFailure("group '" + group + "' does not exist on the host; create it first or give a numeric gid");
        }
        return Long.parseLong(id);
    }
}
