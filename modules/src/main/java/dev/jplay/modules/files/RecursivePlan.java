package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The mode/owner/group changes for everything below a directory (file with recurse=true), decided
 * from the probe's listing, so only paths that differ are touched. Applied as one {@code xargs -0}
 * per distinct command with the paths on stdin, so any number of paths fits. Symlinks get their
 * owner/group changed (chown -h), never their mode, and are not followed.
 */
final class RecursivePlan {
    static final RecursivePlan NONE = new RecursivePlan(Map.of(), 0);

    /** command (e.g. "chmod 0644") → the paths it applies to */
    private final Map<String, List<String>> groups;
    private final int count;

    private RecursivePlan(Map<String, List<String>> groups, int count) {
        this.groups = groups;
        this.count = count;
    }

    static RecursivePlan of(List<ProbeResult.TreeEntry> tree, FileAttributes want, ProbeResult ids) throws ModuleFailure {
        if (want.isEmpty()) {
            return NONE;
        }
        Long uid = want.owner() == null ? null : ids.uidOf(want.owner());
        Long gid = want.group() == null ? null : ids.gidOf(want.group());
        Map<String, List<String>> groups = new LinkedHashMap<>();
        int count = 0;
        for (ProbeResult.TreeEntry e : tree) {
            boolean touched = false;
            if (want.mode() != null && !e.isLink()) {
                String mode = AttributePlan.resolveMode(want.mode(), e.mode(), e.isDirectory());
                if (!mode.equals(e.mode())) {
                    groups.computeIfAbsent("chmod " + mode, k -> new ArrayList<>()).add(e.path());
                    touched = true;
                }
            }
            boolean chown = uid != null && uid != e.uid();
            boolean chgrp = gid != null && gid != e.gid();
            if (chown || chgrp) {
                String who = (chown ? want.owner() : "") + (chgrp ? ":" + want.group() : "");
                groups.computeIfAbsent("chown -h " + quote(who), k -> new ArrayList<>()).add(e.path());
                touched = true;
            }
            if (touched) {
                count++;
            }
        }
        return new RecursivePlan(groups, count);
    }

    boolean changes() {
        return count > 0;
    }

    int count() {
        return count;
    }

    void apply(ModuleContext ctx, String root) throws ModuleFailure {
        // chown before chmod: chown clears setuid/setgid, so the modes are set last
        List<Map.Entry<String, List<String>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(java.util.Comparator.comparing(g -> g.getKey().startsWith("chmod ")));
        for (var g : ordered) {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            for (String p : g.getValue()) {
                in.writeBytes(p.getBytes(StandardCharsets.UTF_8));
                in.write(0);
            }
            ExecResult r = ctx.exec("xargs -0 -r " + g.getKey() + " --", in.toByteArray());
            if (!r.ok()) {
                throw new ModuleFailure("cannot set attributes below " + root + ": " + r.errTrimmed(),
                        Map.of("rc", r.exitCode(), "stderr", r.err()));
            }
        }
    }
}
