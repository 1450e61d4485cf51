package dev.jplay.modules.files;

/** Path arithmetic for paths on the host, which are always POSIX whatever the controller runs on. */
final class PosixPath {
    private PosixPath() {
    }

    /** The folder part, as Python's os.path.dirname: "" for a bare name, "/" for a top-level path. */
    static String dirname(String path) {
        int i = path.lastIndexOf('/');
        if (i < 0) {
            return "";
        }
        String head = path.substring(0, i + 1);
        return head.matches("/+") ? head : head.replaceAll("/+$", "");
    }

    /** The last component, as Python's os.path.basename ("" when the path ends with a slash). */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Joins like os.path.join: an absolute {@code child} wins, an empty {@code parent} is dropped. */
    static String join(String parent, String child) {
        if (child.startsWith("/") || parent.isEmpty()) {
            return child;
        }
        return parent.endsWith("/") ? parent + child : parent + "/" + child;
    }

    /** The dirname to probe for existence: "." stands for the working folder when there is none. */
    static String parentOrDot(String path) {
        String d = dirname(path);
        return d.isEmpty() ? "." : d;
    }

    static boolean hasTrailingSlash(String path) {
        return path.endsWith("/");
    }

    /** Python's posixpath.normpath: repeated slashes, '.' and (lexically) '..' removed; "" becomes ".". */
    static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.startsWith("/");
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!(part.equals("..") && absolute)) {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }
}
