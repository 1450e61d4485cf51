package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of {@code /etc/subuid} or {@code /etc/subgid}: lines {@code owner:start:count}, where owner is a
 * user name or uid. Rootless podman maps a user's containers into these ranges. Pure logic: finds a
 * user's ranges, allocates a free one, and renders the file with the user's entry set.
 */
record SubordinateIds(List<String> lines) {

    /** Where new ranges start (shadow-utils' SUB_UID_MIN default) and how large they are (SUB_UID_COUNT). */
    static final long DEFAULT_MIN = 100000;
    static final long DEFAULT_COUNT = 65536;

    /** A range {@code start:count} owned by {@code owner}. */
    record Range(String owner, long start, long count) {

        long end() {
            return start + count;
        }

        boolean overlaps(Range o) {
            return start < o.end() && o.start < end();
        }

        String text() {
            return start + ":" + count;
        }

        /** Parses {@code START:COUNT} as given in {@code subid_range}. */
        static Range parse(String owner, String startCount) throws ModuleFailure {
            String[] f = startCount.trim().split(":");
            try {
                if (f.length == 2) {
                    long start = Long.parseLong(f[0]);
                    long count = Long.parseLong(f[1]);
                    if (start > 0 && count > 0) {
                        return new Range(owner, start, count);
                    }
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ModuleFailure("subid_range expects START:COUNT with positive numbers, e.g. 100000:65536, got '" + startCount + "'");
        }
    }

    static SubordinateIds of(List<String> lines) {
        return new SubordinateIds(List.copyOf(lines));
    }

    List<Range> ranges() {
        List<Range> out = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.trim().split(":");
            if (f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                out.add(new Range(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return out;
    }

    /** The ranges of a user, matched by name or uid. */
    List<Range> rangesOf(String user, int uid) {
        return ranges().stream().filter(r -> r.owner().equals(user) || r.owner().equals(Integer.toString(uid))).toList();
    }

    /** The first start at or above the minimum that lies past every existing range (of this file and the others given). */
    static long nextFreeStart(List<SubordinateIds> files) {
        long start = DEFAULT_MIN;
        for (SubordinateIds f : files) {
            for (Range r : f.ranges()) {
                start = Math.max(start, r.end());
            }
        }
        return start;
    }

    /** Another owner's range that overlaps {@code wanted}, if any. */
    Optional<Range> conflictWith(Range wanted, int uid) {
        return ranges().stream()
                .filter(r -> !r.owner().equals(wanted.owner()) && !r.owner().equals(Integer.toString(uid)) && r.overlaps(wanted))
                .findFirst();
    }

    /** The file's text with the user's lines replaced by exactly {@code wanted}. */
    String withOnly(Range wanted, int uid) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String owner = l.split(":", 2)[0];
            if (l.isBlank() || owner.equals(wanted.owner()) || owner.equals(Integer.toString(uid))) {
                continue;
            }
            sb.append(l).append('\n');
        }
        return sb.append(wanted.owner()).append(':').append(wanted.text()).append('\n').toString();
    }
}
