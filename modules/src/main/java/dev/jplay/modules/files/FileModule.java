package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's file: a path's kind (file, directory, symlink, hard link, absent, touched) and its mode,
 * owner, group and times. One probe round trip decides everything (for recurse, the whole tree's
 * attributes come in the same probe); one more applies the change, if any.
 */
public final class FileModule implements Module {

    private static final ModuleSpec SPEC = FileOptions.attributes(ModuleSpec.builder("file")
                    .describe("Manages a path's kind and attributes: a file's mode/owner/group, a directory (created with "
                            + "its parents), a symlink or hard link, an empty file (touch), or nothing (absent). Changes only "
                            + "what differs. Returns path (dest for touch/link/hard), state, mode, owner, group.")
                    .option(OptionSpec.of("path", OptionType.PATH, "The path to manage.").asRequired().aliases("dest", "name"))
                    .option(OptionSpec.of("state", OptionType.STR, "file: only attributes of an existing file (fails when "
                            + "missing); directory: create with parents; link/hard: symlink/hard link to src; touch: create "
                            + "empty or update times; absent: remove (folders recursively). Default: the path's current "
                            + "kind, or file.").choices("absent", "directory", "file", "hard", "link", "touch"))
                    .option(OptionSpec.of("src", OptionType.PATH, "What a link points to (state=link/hard). A relative "
                            + "symlink src is relative to the link's folder."))
                    .option(OptionSpec.of("recurse", OptionType.BOOL, "With state=directory, set mode/owner/group on "
                            + "everything below too (symlinks are not followed).").defaultValue(false))
                    .option(OptionSpec.of("force", OptionType.BOOL, "link/hard: replace an existing file or empty folder, "
                            + "or link to a src that does not exist yet.").defaultValue(false))
                    .option(OptionSpec.of("follow", OptionType.BOOL, "When path is a symlink, set attributes on what it "
                            + "points to.").defaultValue(true))
                    .option(OptionSpec.of("modification_time", OptionType.STR, "preserve, now, or a time in "
                            + "modification_time_format (host time zone). Default: now for touch, else preserve."))
                    .option(OptionSpec.of("modification_time_format", OptionType.STR, "strftime format of "
                            + "modification_time.").defaultValue("%Y%m%d%H%M.%S"))
                    .option(OptionSpec.of("access_time", OptionType.STR, "preserve, now, or a time in access_time_format. "
                            + "Default: now for touch, else preserve."))
                    .option(OptionSpec.of("access_time_format", OptionType.STR, "strftime format of access_time.")
                            .defaultValue("%Y%m%d%H%M.%S")))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String path = HomePath.expand(ctx, a.requireString("path"));
        String state = a.string("state");
        String src = a.string("src");
        boolean recurse = a.bool("recurse");
        boolean follow = a.bool("follow");
        FileAttributes attrs = FileOptions.wanted(a);
        if (recurse && state != null && !state.equals("directory")) {
            throw new ModuleFailure("recurse option requires state to be 'directory'", Map.of("path", path));
        }
        if (src != null && state != null && !state.equals("link") && !state.equals("hard")) {
            throw new ModuleFailure("src option requires state to be 'link' or 'hard'", Map.of("path", path));
        }
        // explicit times are converted by the host; the defaults depend on the state, resolved below
        Timestamps explicit = Timestamps.of(a, state == null ? "file" : state);

        String inner = src == null ? null : PosixPath.join(path, PosixPath.basename(src));
        FileProbe probe = explicit.probe(new FileProbe().identity().owner(attrs.owner()).group(attrs.group())
                .path("path", path, null, false));
        if (src != null) {
            probe.path("inner", inner, null, false)
                    .path("src", PosixPath.join(PosixPath.dirname(path), src), null, false)
                    .path("srcin", PosixPath.join(path, src), null, false)
                    .path("srcraw", src, null, false)
                    .value("path.first", "[ -d " + quote(path) + " ] && ls -A -- " + quote(path) + " | head -n 1");
        } else if ("link".equals(state)) {
            probe.value("path.first", "[ -d " + quote(path) + " ] && ls -A -- " + quote(path) + " | head -n 1");
        }
        if (recurse) {
            probe.tree(path);
        }
        ProbeResult found = probe.run(ctx);

        PathState st = found.state("path", path);
        // as Ansible: a folder path with a src (and a state that is neither link nor absent) means the file inside it
        if (src != null && !"link".equals(state) && !"absent".equals(state) && st.followed().isDirectory()) {
            path = inner;
            st = found.state("inner", inner);
        }
        String prev = st.ansibleState();
        if (state == null) {
            state = !prev.equals("absent") ? prev : recurse ? "directory" : "file";
            if (recurse && !state.equals("directory")) {
                throw new ModuleFailure("recurse option requires state to be 'directory'", Map.of("path", path));
            }
            if (src != null && !state.equals("link") && !state.equals("hard")) {
                throw new ModuleFailure("src option requires state to be 'link' or 'hard'", Map.of("path", path));
            }
        }
        Timestamps times = Timestamps.of(a, state);
        FileJob job = new FileJob(ctx, path, state, src, attrs, recurse, a.bool("force"), follow, times, found, st);
        return switch (state) {
            case "absent" -> absent(job);
            case "file" -> file(job);
            case "directory" -> directory(job);
            case "touch" -> touch(job);
            case "link" -> FileLinks.link(job);
            case "hard" -> FileLinks.hard(job);
            default -> throw new ModuleFailure("unknown state " + state);
        };
    }

    private ModuleResult absent(FileJob j) throws ModuleFailure {
        PathState st = j.current();
        if (!st.exists()) {
            return ModuleResult.ok().value("path", j.path()).value("state", "absent").build();
        }
        if (!j.check()) {
            exec(j.ctx(), (st.isDirectory() ? "rm -rf -- " : "rm -f -- ") + quote(j.path()), "cannot remove " + j.path());
        }
        ModuleResult.Builder r = ModuleResult.changed(true).value("path", j.path()).value("state", "absent");
        return withStateDiff(r, j, st.ansibleState(), "absent").build();
    }

    private ModuleResult file(FileJob j) throws ModuleFailure {
        PathState target = j.current();
        String path = j.path();
        if (!target.isFile() && j.follow() && target.isLink()) {
            target = target.followed();
            path = target.path();
        }
        String kind = target.ansibleState();
        if (!kind.equals("file") && !kind.equals("hard")) {
            throw new ModuleFailure("file (" + path + ") is " + kind + ", cannot continue"
                            + (kind.equals("absent") ? " (use state=touch to create an empty file, or copy/template)" : ""),
                    Map.of("path", path, "state", kind));
        }
        return converge(j, target, false, path, "path", "file");
    }

    private ModuleResult directory(FileJob j) throws ModuleFailure {
        PathState target = j.current();
        String path = j.path();
        if (j.follow() && target.isLink()) {
            target = target.followed();
            path = target.path();
        }
        if (!target.exists()) {
            if (!j.check()) {
                exec(j.ctx(), mkdirs(j, path), "There was an issue creating " + path + " as requested");
            }
            ModuleResult.Builder r = ModuleResult.changed(true).value("path", path).value("state", "directory");
            if (j.attrs().mode() != null) {
                r.value("mode", AttributePlan.resolveMode(j.attrs().mode(), j.probe().defaultMode(true), true));
            }
            return withStateDiff(r, j, "absent", "directory").build();
        }
        if (!target.isDirectory()) {
            throw new ModuleFailure(path + " already exists as a " + target.ansibleState(), Map.of("path", path));
        }
        return converge(j, target, false, path, "path", "directory");
    }

    /** mkdir of each missing component, giving each one it creates the wanted mode/owner/group, as Ansible does. */
    private static String mkdirs(FileJob j, String path) throws ModuleFailure {
        List<String> parts = new ArrayList<>();
        String cur = "";
        for (String name : path.replaceAll("^/+|/+$", "").split("/")) {
            cur = cur + "/" + name;
            parts.add(path.startsWith("/") ? cur : cur.substring(1));
        }
        StringBuilder s = new StringBuilder("set -e; for d in");
        parts.forEach(p -> s.append(' ').append(quote(p)));
        // another run may create a component between the test and mkdir (hosts that share a machine): as in
        // Ansible, a component that exists by then is fine, and only the one this run made gets the attributes
        s.append("; do if [ ! -d \"$d\" ]; then if ! mkdir -- \"$d\" 2>/dev/null; then [ -d \"$d\" ] || mkdir -- \"$d\"; else :");
        FileAttributes a = j.attrs();
        if (a.mode() != null) {
            s.append("; chmod ").append(AttributePlan.resolveMode(a.mode(), j.probe().defaultMode(true), true)).append(" -- \"$d\"");
        }
        if (a.owner() != null || a.group() != null) {
            s.append("; chown ").append(quote((a.owner() == null ? "" : a.owner()) + (a.group() == null ? "" : ":" + a.group())))
                    .append(" -- \"$d\"");
        }
        s.append("; fi; fi; done");
        List<String> times = j.times().commands(PathState.absent(path), j.probe(), false);
        if (!j.times().preserveBoth() && !times.isEmpty()) {
            s.append("; ").append(String.join("; ", times));
        }
        return s.toString();
    }

    private ModuleResult touch(FileJob j) throws ModuleFailure {
        PathState st = j.current();
        if (!st.exists()) {
            if (!j.check()) {
                List<String> cmds = new ArrayList<>();
                String mode = j.attrs().mode() == null ? null
                        : AttributePlan.resolveMode(j.attrs().mode(), j.probe().defaultMode(false), false);
                // with a mode asked for, the file is born 0600 and never wider than asked, not even for a moment
                cmds.add(mode != null ? "(umask 0077 && touch -- " + quote(j.path()) + ")" : "touch -- " + quote(j.path()));
                if (j.attrs().owner() != null || j.attrs().group() != null) {
                    cmds.add("chown " + quote((j.attrs().owner() == null ? "" : j.attrs().owner())
                            + (j.attrs().group() == null ? "" : ":" + j.attrs().group())) + " -- " + quote(j.path()));
                }
                if (mode != null) {
                    // after chown, which clears setuid/setgid
                    cmds.add("chmod " + mode + " -- " + quote(j.path()));
                }
                for (String t : j.times().commands(st, j.probe(), false)) {
                    if (t.contains("-d @")) {
                        cmds.add(t);
                    }
                }
                exec(j.ctx(), String.join(" && ", cmds), "Error, could not touch target " + j.path());
            }
            ModuleResult.Builder r = ModuleResult.changed(true).value("dest", j.path()).value("state", "file");
            return withStateDiff(r, j, "absent", "touch").build();
        }
        boolean noDeref = !j.follow() && st.isLink();
        PathState target = noDeref ? st : st.followed();
        if (!target.exists()) {
            target = st;
            noDeref = true;
        }
        return converge(j, target, noDeref, j.path(), "dest", st.ansibleState());
    }

    /** Attributes and times of an existing path (and, with recurse, of everything below it). */
    private ModuleResult converge(FileJob j, PathState target, boolean noDeref, String path, String key, String state)
            throws ModuleFailure {
        AttributePlan plan = AttributePlan.of(target, j.attrs(), j.probe(), noDeref);
        List<String> times = j.times().commands(target, j.probe(), noDeref);
        List<String> cmds = new ArrayList<>();
        if (plan.changes()) {
            cmds.add(plan.script());
        }
        cmds.addAll(times);
        RecursivePlan below = j.recurse() ? RecursivePlan.of(j.probe().tree(), j.attrs(), j.probe()) : RecursivePlan.NONE;
        boolean changed = !cmds.isEmpty() || below.changes();
        if (!j.check()) {
            if (!cmds.isEmpty()) {
                exec(j.ctx(), String.join(" && ", cmds), "cannot set attributes of " + path);
            }
            below.apply(j.ctx(), path);
        }
        ModuleResult.Builder r = ModuleResult.changed(changed).value(key, path).value("state", state)
                .value("mode", plan.mode()).value("owner", plan.owner()).value("group", plan.group())
                .value("uid", target.uid()).value("gid", target.gid()).value("size", target.size());
        if (below.changes()) {
            r.msg(below.count() + " path(s) below " + path + (j.check() ? " would change" : " changed"));
        }
        if (j.ctx().diffMode() && plan.changes()) {
            r.diff(plan.diff());
        }
        if (j.ctx().diffMode() && !times.isEmpty()) {
            r.diff(new FileDiff(path + " (times)", "mtime: " + target.mtime() + "\natime: " + target.atime() + "\n",
                    path + " (times)", String.join("\n", times) + "\n"));
        }
        return r.build();
    }

    static ModuleResult.Builder withStateDiff(ModuleResult.Builder r, FileJob j, String before, String after) {
        if (j.ctx().diffMode() && !before.equals(after)) {
            r.diff(new FileDiff(j.path() + " (state)", "path: " + j.path() + "\nstate: " + before + "\n",
                    j.path() + " (state)", "path: " + j.path() + "\nstate: " + after + "\n"));
        }
        return r;
    }

    static void exec(ModuleContext ctx, String script, String what) throws ModuleFailure {
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure(what + ": " + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
    }
}
