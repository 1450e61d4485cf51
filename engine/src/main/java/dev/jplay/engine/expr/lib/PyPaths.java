package dev.jplay.engine.expr.lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Python's os.path functions on text, and controller paths resolved as jplay resolves them for lookups and tests. */
final class PyPaths {
    private PyPaths() {
    }

    static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
            head = head.replaceAll("/+$", "");
        }
        return head;
    }

    /** os.path.splitext: the extension from the last dot of the last part, leading dots not counting. */
    static List<Object> splitext(String p) {
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > slash) {
            int first = slash + 1;
            while (first < dot && p.charAt(first) == '.') {
                first++;
            }
            if (first < dot) {
                return List.of(p.substring(0, dot), p.substring(dot));
            }
        }
        return List.of(p, "");
    }

    /** os.path.expanduser: ~ and ~user at the start; an unknown user leaves the path as it is. */
    static String expanduser(String p) {
        if (!p.startsWith("~")) {
            return p;
        }
        int slash = p.indexOf('/');
        String user = slash < 0 ? p.substring(1) : p.substring(1, slash);
        String rest = slash < 0 ? "" : p.substring(slash);
        String home;
        if (user.isEmpty()) {
            home = System.getenv("HOME") != null ? System.getenv("HOME") : System.getProperty("user.home");
        } else {
            home = homeOf(user);
            if (home == null) {
                return p;
            }
        }
        home = home.length() > 1 ? home.replaceAll("/+$", "") : home;
        return (home + rest).isEmpty() ? "/" : home + rest;
    }

    private static String homeOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(user)) {
                    return f[5];
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** os.path.realpath (not strict): symbolic links resolved as far as the path exists, relative to the working folder. */
    static String realpath(String p) {
        Path abs = Paths.get(p).toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs.toString();
        }
        try {
            return existing.toRealPath().resolve(rest).normalize().toString().replaceAll("/$", "");
        } catch (IOException e) {
            return abs.toString();
        }
    }

    /**
     * A controller path for file tests and lookups: absolute as given; relative, the first of the search
     * folders where it exists, else relative to the working folder (as Ansible's os.path calls read it).
     */
    static Path controller(String p, CallContext ctx) {
        Path path = Path.of(p);
        if (path.isAbsolute() || ctx == null) {
            return path;
        }
        for (Path dir : ctx.searchPath()) {
            Path candidate = dir.resolve(p);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return path.toAbsolutePath();
    }
}
