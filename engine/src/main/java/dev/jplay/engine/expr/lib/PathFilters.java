package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;

/** basename, dirname, splitext, realpath, expanduser, path_join, relpath: Python's os.path on the controller. */
final class PathFilters {
    private PathFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("basename", (v, a, c) -> PyPaths.basename(Operands.string(v, "basename")));
        b.filter("dirname", (v, a, c) -> PyPaths.dirname(Operands.string(v, "dirname")));
        b.filter("splitext", (v, a, c) -> new ArrayList<>(PyPaths.splitext(Operands.string(v, "splitext"))));
        b.filter("expanduser", (v, a, c) -> PyPaths.expanduser(Operands.string(v, "expanduser")));
        b.filter("realpath", (v, a, c) -> PyPaths.realpath(Operands.string(v, "realpath")));
        b.filter("path_join", (v, a, c) -> join(v));
        b.filter("relpath", (v, a, c) -> relpath(Operands.string(v, "relpath"), a.get(0, "start", null)));
    }

    /** os.path.join: an absolute part starts over; a '/' between parts unless one is there. */
    private static String join(Object v) {
        List<Object> parts = v instanceof CharSequence ? List.of(v) : Operands.iterate(v, "path_join");
        StringBuilder out = new StringBuilder();
        for (Object o : parts) {
            String p = Operands.string(o, "path_join");
            if (p.startsWith("/")) {
                out.setLength(0);
                out.append(p);
            } else if (out.length() == 0 || out.charAt(out.length() - 1) == '/') {
                out.append(p);
            } else {
                out.append('/').append(p);
            }
        }
        return out.toString();
    }

    private static String relpath(String path, Object start) {
        java.nio.file.Path from = java.nio.file.Path.of(start == null ? "." : PyValues.str(start)).toAbsolutePath().normalize();
        java.nio.file.Path to = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        String r = from.relativize(to).toString();
        return r.isEmpty() ? "." : r;
    }
}
