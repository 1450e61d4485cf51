package dev.jplay.engine.spi;

/**
 * A path on the host as {@link HostFiles#stat} found it.
 *
 * @param type   file, directory, link, other, or absent
 * @param mode   four octal digits, e.g. {@code 0644}
 * @param sha256 content hash for regular files, else empty
 * @param linkTarget where a symlink points, else empty
 */
public record FileState(String path, String type, String mode, String owner, String group, long size, long mtime,
                        String sha256, String linkTarget) {

    public static FileState absent(String path) {
        return new FileState(path, "absent", "", "", "", 0, 0, "", "");
    }

    public boolean exists() {
        return !"absent".equals(type);
    }

    public boolean isFile() {
        return "file".equals(type);
    }

    public boolean isDirectory() {
        return "directory".equals(type);
    }

    public boolean isLink() {
        return "link".equals(type);
    }
}
