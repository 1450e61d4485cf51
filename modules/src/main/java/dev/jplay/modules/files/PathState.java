package dev.jplay.modules.files;

import dev.jplay.engine.host.FileMode;

import java.util.Map;

/**
 * A path on the host as {@link FileProbe} found it: lstat data, and for a symlink also where it
 * points and the stat of what it points to.
 *
 * @param type       file, directory, link, fifo, socket, char, block, other or absent
 * @param mode       four octal digits ({@code 0644}), including setuid/setgid/sticky
 * @param checksum   content hash of a regular file (when asked for), else empty
 * @param linkTarget what a symlink's text says ({@code readlink}), else empty
 * @param realPath   the fully resolved path of a symlink ({@code readlink -f}), else empty
 * @param target     the stat of what a symlink points to; null when not a link or dangling
 */
record PathState(String path, String type, String mode, long uid, String owner, long gid, String group, long size,
                 long mtime, long atime, long ctime, long nlink, long inode, long dev, long blocks, long blockSize,
                 String checksum, String linkTarget, String realPath, PathState target) {

    static PathState absent(String path) {
        return new PathState(path, "absent", "", -1, "", -1, "", 0, 0, 0, 0, 0, 0, 0, 0, 0, "", "", "", null);
    }

    boolean exists() {
        return !"absent".equals(type);
    }

    boolean isFile() {
        return "file".equals(type);
    }

    boolean isDirectory() {
        return "directory".equals(type);
    }

    boolean isLink() {
        return "link".equals(type);
    }

    /** What the path means when links are followed: the link's target, or this path itself. */
    PathState followed() {
        if (isLink()) {
            return target != null ? target : absent(realPath.isEmpty() ? path : realPath);
        }
        return this;
    }

    /** Ansible's file-module view: a regular file with more than one name is "hard"; devices etc. count as "file". */
    String ansibleState() {
        return switch (type) {
            case "absent", "link", "directory" -> type;
            default -> nlink > 1 ? "hard" : "file";
        };
    }

    /** Reads the {@code <prefix>.*} keys a probe printed; {@code target} nests under {@code <prefix>.target}. */
    static PathState parse(String path, String prefix, Map<String, String> kv) {
        String type = kv.get(prefix + ".type");
        if (type == null || type.equals("absent")) {
            return absent(path);
        }
        String real = kv.getOrDefault(prefix + ".realpath", "");
        // "<algo>sum < file" prints "<hash>  -"
        String checksum = kv.getOrDefault(prefix + ".checksum", "").trim().split("\\s+")[0];
        PathState target = null;
        if (kv.containsKey(prefix + ".target.type")) {
            // a followed checksum is the content of what the link points to
            target = parse(real, prefix + ".target", kv).withChecksum(checksum);
            checksum = "";
        }
        return new PathState(path, typeOf(type), FileMode.normalize(kv.getOrDefault(prefix + ".mode", "0")),
                num(kv, prefix + ".uid"), kv.getOrDefault(prefix + ".owner", ""), num(kv, prefix + ".gid"),
                kv.getOrDefault(prefix + ".group", ""), num(kv, prefix + ".size"), num(kv, prefix + ".mtime"),
                num(kv, prefix + ".atime"), num(kv, prefix + ".ctime"), num(kv, prefix + ".nlink"), num(kv, prefix + ".inode"),
                num(kv, prefix + ".dev"), num(kv, prefix + ".blocks"), num(kv, prefix + ".blksize"),
                checksum, kv.getOrDefault(prefix + ".readlink", ""), real, target);
    }

    PathState withChecksum(String sum) {
        return new PathState(path, type, mode, uid, owner, gid, group, size, mtime, atime, ctime, nlink, inode, dev, blocks,
                blockSize, sum, linkTarget, realPath, target);
    }

    /** Maps stat's %F text to a short type name. */
    static String typeOf(String statType) {
        return switch (statType) {
            case "regular file", "regular empty file", "file" -> "file";
            case "directory" -> "directory";
            case "symbolic link", "link" -> "link";
            case "fifo" -> "fifo";
            case "socket" -> "socket";
            case "character special file", "char" -> "char";
            case "block special file", "block" -> "block";
            default -> "other";
        };
    }

    private static long num(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
