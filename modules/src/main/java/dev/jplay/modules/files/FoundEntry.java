package dev.jplay.modules.files;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry below a folder that find listed, from {@code stat} (lstat: a symlink is itself), with
 * its depth below the searched folder (1 for a direct child).
 *
 * @param dirLike the entry is a folder or a symlink to one (os.walk's "dirs")
 */
record FoundEntry(String path, String name, int depth, String type, boolean dirLike, int mode, long uid, long gid,
                  String owner, String group, long size, long inode, long dev, long nlink, double atime, double mtime,
                  double ctime) {

    /** Parses {@code E|type|mode|uid|gid|owner|group|size|inode|dev|nlink|atime|mtime|ctime|path}. */
    static FoundEntry parse(String record, String root, boolean dirLikeLink) {
        String[] f = record.split("\\|", 15);
        String path = PosixPath.normpath(f[14]);
        String rel = path.substring(PosixPath.normpath(root).length()).replaceAll("^/+", "");
        int depth = rel.isEmpty() ? 0 : rel.split("/").length;
        String type = typeOf(f[1]);
        return new FoundEntry(path, PosixPath.basename(path), depth, type, type.equals("directory") || dirLikeLink,
                Integer.parseInt(f[2], 8), Long.parseLong(f[3]), Long.parseLong(f[4]), known(f[5]), known(f[6]),
                Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                Double.parseDouble(f[11]), Double.parseDouble(f[12]), Double.parseDouble(f[13]));
    }

    private static String typeOf(String statType) {
        return switch (statType) {
            case "regular file", "regular empty file" -> "file";
            case "directory" -> "directory";
            case "symbolic link" -> "link";
            case "character special file" -> "char";
            case "block special file" -> "block";
            case "fifo" -> "fifo";
            case "socket" -> "socket";
            default -> "other";
        };
    }

    private static String known(String name) {
        return "UNKNOWN".equals(name) ? "" : name;
    }

    boolean isFile() {
        return type.equals("file");
    }

    double time(String stamp) {
        return switch (stamp) {
            case "atime" -> atime;
            case "ctime" -> ctime;
            default -> mtime;
        };
    }

    /** Ansible's statinfo keys, with path first. */
    Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("mode", String.format("%04o", mode & 07777));
        m.put("isdir", type.equals("directory"));
        m.put("ischr", type.equals("char"));
        m.put("isblk", type.equals("block"));
        m.put("isreg", isFile());
        m.put("isfifo", type.equals("fifo"));
        m.put("islnk", type.equals("link"));
        m.put("issock", type.equals("socket"));
        m.put("uid", uid);
        m.put("gid", gid);
        m.put("size", size);
        m.put("inode", inode);
        m.put("dev", dev);
        m.put("nlink", nlink);
        m.put("atime", atime);
        m.put("mtime", mtime);
        m.put("ctime", ctime);
        m.put("gr_name", group);
        m.put("pw_name", owner);
        m.put("wusr", (mode & 0200) != 0);
        m.put("rusr", (mode & 0400) != 0);
        m.put("xusr", (mode & 0100) != 0);
        m.put("wgrp", (mode & 020) != 0);
        m.put("rgrp", (mode & 040) != 0);
        m.put("xgrp", (mode & 010) != 0);
        m.put("woth", (mode & 02) != 0);
        m.put("roth", (mode & 04) != 0);
        m.put("xoth", (mode & 01) != 0);
        m.put("isuid", (mode & 04000) != 0);
        m.put("isgid", (mode & 02000) != 0);
        return m;
    }
}
