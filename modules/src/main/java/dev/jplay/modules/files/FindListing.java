package dev.jplay.modules.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What find's listing round trip printed, NUL-separated: {@code now=<epoch>}, then per searched path
 * {@code D<k>|<path>} (a folder) or {@code N<k>|<path>} (not one), the folder's {@code E|...} stat
 * records in find's order, {@code S<path>} for symlinks to folders, and {@code X<k>|<rc>|<errors>}.
 */
record FindListing(double now, Map<Integer, Root> roots) {

    /** One searched path. */
    record Root(String path, boolean isDirectory, List<FoundEntry> entries, String error) {

        /**
         * The entries in the order os.walk yields them: per folder its non-folders then its folders (a
         * symlink to a folder counts as one), then each folder's own content, depth first; only the
         * top folder without recurse; symlinked folders are entered only when following.
         */
        List<FoundEntry> walkOrder(boolean recurse, boolean follow) {
            Map<String, List<FoundEntry>> byParent = new HashMap<>();
            for (FoundEntry e : entries) {
                byParent.computeIfAbsent(PosixPath.dirname(e.path()), x -> new ArrayList<>()).add(e);
            }
            List<FoundEntry> out = new ArrayList<>();
            walk(PosixPath.normpath(path), byParent, recurse, follow, out);
            return out;
        }

        private static void walk(String dir, Map<String, List<FoundEntry>> byParent, boolean recurse, boolean follow,
                                 List<FoundEntry> out) {
            List<FoundEntry> children = byParent.getOrDefault(dir, List.of());
            List<FoundEntry> dirs = children.stream().filter(FoundEntry::dirLike).toList();
            children.stream().filter(e -> !e.dirLike()).forEach(out::add);
            out.addAll(dirs);
            if (!recurse) {
                return;
            }
            for (FoundEntry d : dirs) {
                if (d.type().equals("directory") || follow) {
                    walk(d.path(), byParent, true, follow, out);
                }
            }
        }
    }

    static FindListing parse(String output) {
        double now = 0;
        Map<Integer, Root> roots = new LinkedHashMap<>();
        int current = -1;
        String currentPath = "";
        List<String> records = new ArrayList<>();
        Set<String> dirLinks = new HashSet<>();
        for (String rec : output.split("\0")) {
            if (rec.startsWith("now=")) {
                now = Double.parseDouble(rec.substring(4).trim());
            } else if (rec.startsWith("E|")) {
                records.add(rec);
            } else if (rec.startsWith("S")) {
                dirLinks.add(PosixPath.normpath(rec.substring(1)));
            } else if (rec.startsWith("D") || rec.startsWith("N")) {
                int bar = rec.indexOf('|');
                current = Integer.parseInt(rec.substring(1, bar));
                currentPath = rec.substring(bar + 1);
                records.clear();
                dirLinks.clear();
                if (rec.startsWith("N")) {
                    roots.put(current, new Root(currentPath, false, List.of(), ""));
                }
            } else if (rec.startsWith("X")) {
                String[] f = rec.split("\\|", 3);
                List<FoundEntry> entries = new ArrayList<>();
                for (String r : records) {
                    String p = PosixPath.normpath(r.split("\\|", 15)[14]);
                    entries.add(FoundEntry.parse(r, currentPath, dirLinks.contains(p)));
                }
                String error = "0".equals(f[1]) ? "" : f.length > 2 && !f[2].isBlank() ? f[2].strip() : "find exited with " + f[1];
                roots.put(current, new Root(currentPath, true, entries, error));
            }
        }
        return new FindListing(now, roots);
    }
}
