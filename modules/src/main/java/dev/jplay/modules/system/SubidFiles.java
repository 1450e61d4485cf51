package dev.jplay.modules.system;

import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /etc/subuid} and {@code /etc/subgid} as probed, and how the user module brings a user's
 * entries in both to what the task asks: a given range exactly, or any range (a free one is allocated,
 * the same start in both files, past every existing range). Files are written atomically, only when
 * the user's entry differs.
 */
record SubidFiles(SubordinateIds uids, SubordinateIds gids) {

    static SubidFiles of(List<String> uidLines, List<String> gidLines) {
        return new SubidFiles(SubordinateIds.of(uidLines), SubordinateIds.of(gidLines));
    }

    /**
     * Brings the user's entries to {@code wanted} (null: keep any existing range, allocate when missing);
     * returns whether anything differs. Reports each file's range as value {@code subuid}/{@code subgid},
     * each change in {@code changes}, and diffs in diff mode. With {@code dryRun} nothing is written.
     */
    boolean apply(ModuleContext ctx, String user, int uid, SubordinateIds.Range wanted, List<String> changes,
                  ModuleResult.Builder b, boolean dryRun) throws ModuleFailure {
        boolean any = false;
        long freeStart = SubordinateIds.nextFreeStart(List.of(uids, gids));
        for (Map.Entry<String, SubordinateIds> e : List.of(Map.entry("subuid", uids), Map.entry("subgid", gids))) {
            String path = "/etc/" + e.getKey();
            SubordinateIds f = e.getValue();
            List<SubordinateIds.Range> mine = f.rangesOf(user, uid);
            SubordinateIds.Range target;
            if (wanted != null) {
                if (mine.size() == 1 && mine.get(0).start() == wanted.start() && mine.get(0).count() == wanted.count()) {
                    b.value(e.getKey(), wanted.text());
                    continue;
                }
                Optional<SubordinateIds.Range> clash = f.conflictWith(wanted, uid);
                if (clash.isPresent()) {
                    throw new ModuleFailure("subid_range " + wanted.text() + " overlaps " + clash.get().owner() + "'s range "
                            + clash.get().text() + " in " + path);
                }
                target = wanted;
            } else if (!mine.isEmpty()) {
                b.value(e.getKey(), mine.get(0).text());
                continue;
            } else {
                target = new SubordinateIds.Range(user, freeStart, SubordinateIds.DEFAULT_COUNT);
            }
            any = true;
            b.value(e.getKey(), target.text());
            changes.add(path + " " + user + ":" + target.text());
            String before = String.join("\n", f.lines()) + (f.lines().isEmpty() ? "" : "\n");
            String after = f.withOnly(target, uid);
            if (ctx.diffMode()) {
                b.diff(FileDiff.of(path, before, after));
            }
            if (!dryRun) {
                ctx.files().write(path, after.getBytes(StandardCharsets.UTF_8), new FileAttributes("0644", "root", "root"));
            }
        }
        return any;
    }
}
