package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * copy with a folder as src: the whole tree is compared in one probe round trip (paths sent on
 * stdin, so any number fits), missing folders are made in one more, and each file whose SHA-256
 * differs is written atomically (one round trip each); attribute fixes go in one batch.
 * 'dir' copies the folder itself into dest; 'dir/' copies its content. Symlinks in the source are
 * followed for files; symlinked folders are not descended into.
 *
 * @param directoryMode mode of folders this copy creates (null: umask default); existing folders are left alone
 */
record TreeCopy(Path source, String srcOption, String dest, boolean force, boolean follow, FileAttributes attributes,
                String directoryMode, boolean backup) {

    /** Batches of shell commands are kept under this size, far below the kernel's single-argument limit. */
    private static final int MAX_SCRIPT = 64 * 1024;

    private record Entry(String relative, boolean directory, Path local) {
    }

    ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        String root = srcOption.endsWith("/") ? dest : PosixPath.join(dest, source.getFileName().toString());
        List<Entry> entries = walk();
        List<String> hostPaths = new ArrayList<>();
        hostPaths.add(root);
        for (Entry e : entries) {
            hostPaths.add(PosixPath.join(root, e.relative()));
        }
        for (String p : hostPaths) {
            if (p.indexOf('\n') >= 0) {
                throw new ModuleFailure("cannot copy a path with a newline in its name: " + p);
            }
        }
        ProbeResult found = new FileProbe().identity().owner(attributes.owner()).group(attributes.group())
                .paths("t", hostPaths, "sha256", follow).run(ctx);

        List<String> mkdirs = new ArrayList<>();
        List<String> attrFixes = new ArrayList<>();
        List<FileDiff> diffs = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        boolean changed = false;
        String dirMode = directoryMode == null ? null
                : AttributePlan.resolveMode(directoryMode, found.defaultMode(true), true);

        PathState rootState = found.state("t.0", root).followed();
        if (rootState.exists() && !rootState.isDirectory()) {
            throw new ModuleFailure(root + " exists and is a " + rootState.type() + ", not a folder to copy into");
        }
        if (!rootState.exists()) {
            mkdirs.add(mkdirCommand(root, dirMode));
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String hostPath = hostPaths.get(i + 1);
            PathState st = found.state("t." + (i + 1), hostPath);
            if (e.directory()) {
                if (!st.exists()) {
                    mkdirs.add(mkdirCommand(hostPath, dirMode));
                } else if (!st.followed().isDirectory()) {
                    throw new ModuleFailure(hostPath + " exists and is a " + st.type() + ", not a folder");
                }
                continue;
            }
            if (st.exists() && !force) {
                continue;
            }
            PathState cur = st.followed();
            if (cur.isDirectory()) {
                throw new ModuleFailure(hostPath + " is a folder; the file " + e.relative() + " cannot replace it");
            }
            byte[] content = read(e.local());
            boolean differs = (st.isLink() && !follow) || !cur.exists()
                    || !FileContentWriter.sha256(content).equals(cur.checksum());
            String writePath = st.isLink() && follow && !st.realPath().isEmpty() ? st.realPath() : hostPath;
            if (differs) {
                changed = true;
                writes.add(writePath);
                if (ctx.diffMode()) {
                    byte[] before = cur.exists() && cur.size() <= FileContentWriter.MAX_DIFF_BYTES
                            ? ctx.files().read(writePath).orElse(null) : null;
                    diffs.add(FileContentWriter.contentDiff(writePath, cur, before, content));
                }
                if (!ctx.checkMode()) {
                    if (backup && cur.exists()) {
                        ctx.files().backup(writePath);
                    }
                    String base = cur.exists() ? cur.mode() : found.defaultMode(false);
                    String mode = attributes.mode() == null ? base : AttributePlan.resolveMode(attributes.mode(), base, false);
                    if (!mkdirs.isEmpty()) {
                        runBatches(ctx, mkdirs, "cannot create folders under " + root);
                        mkdirs.clear();
                    }
                    FileContentWriter.write(ctx, writePath, content, new FileAttributes(mode, attributes.owner(),
                            attributes.group()), null);
                }
            } else {
                AttributePlan plan = AttributePlan.of(cur, attributes, found, false);
                if (plan.changes()) {
                    changed = true;
                    attrFixes.add(plan.script());
                    if (ctx.diffMode()) {
                        diffs.add(plan.diff());
                    }
                }
            }
        }
        changed |= !mkdirs.isEmpty();
        if (!ctx.checkMode()) {
            runBatches(ctx, mkdirs, "cannot create folders under " + root);
            runBatches(ctx, attrFixes, "cannot set mode/owner/group under " + root);
        }
        ModuleResult.Builder res = ModuleResult.changed(changed).value("dest", root).value("src", srcOption)
                .value("state", "directory");
        if (!writes.isEmpty()) {
            res.msg(writes.size() + " file(s) " + (ctx.checkMode() ? "would be " : "") + "written");
        }
        diffs.forEach(res::diff);
        return res.build();
    }

    private String mkdirCommand(String path, String mode) {
        String q = quote(path);
        StringBuilder s = new StringBuilder("mkdir -p -- ").append(q);
        if (mode != null) {
            s.append(" && chmod ").append(mode).append(" -- ").append(q);
        }
        if (attributes.owner() != null || attributes.group() != null) {
            String who = (attributes.owner() == null ? "" : attributes.owner())
                    + (attributes.group() == null ? "" : ":" + attributes.group());
            s.append(" && chown ").append(quote(who)).append(" -- ").append(q);
        }
        return s.toString();
    }

    /** Runs commands joined with && in scripts of bounded size. */
    private static void runBatches(ModuleContext ctx, List<String> commands, String what) throws ModuleFailure {
        StringBuilder batch = new StringBuilder();
        for (String c : commands) {
            if (batch.length() > 0 && batch.length() + c.length() > MAX_SCRIPT) {
                runOne(ctx, batch.toString(), what);
                batch.setLength(0);
            }
            batch.append(batch.length() == 0 ? "" : " && ").append(c);
        }
        if (batch.length() > 0) {
            runOne(ctx, batch.toString(), what);
        }
    }

    private static void runOne(ModuleContext ctx, String script, String what) throws ModuleFailure {
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure(what + ": " + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
    }

    /** The source tree in a stable order, folders before what they hold. */
    private List<Entry> walk() throws ModuleFailure {
        try (Stream<Path> s = Files.walk(source)) {
            return s.filter(p -> !p.equals(source)).sorted()
                    .map(p -> new Entry(source.relativize(p).toString().replace('\\', '/'), Files.isDirectory(p)
                            && !Files.isSymbolicLink(p), p))
                    .filter(e -> e.directory() || Files.isRegularFile(e.local()))
                    .toList();
        } catch (IOException e) {
            throw new ModuleFailure("cannot read the folder " + source + " on the controller: " + e.getMessage());
        }
    }

    private static byte[] read(Path p) throws ModuleFailure {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ModuleFailure("cannot read " + p + " on the controller: " + e.getMessage());
        }
    }
}
