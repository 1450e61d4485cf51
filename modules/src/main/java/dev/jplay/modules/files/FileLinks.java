package dev.jplay.modules.files;

import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The file module's link and hard states, with Ansible's rules (ensure_symlink / ensure_hardlink):
 * when an existing path may be replaced (force), what counts as a change, and where attributes go
 * afterwards. A replaced path is swapped atomically: the new link is made beside it and renamed over.
 */
final class FileLinks {
    private FileLinks() {
    }

    static ModuleResult link(FileJob j) throws ModuleFailure {
        PathState st = j.current();
        String path = j.path();
        String src = j.src();
        String prev = st.ansibleState();
        ProbeResult p = j.probe();
        if (src == null && j.follow() && st.isLink() && st.target() != null) {
            src = st.linkTarget();
        }
        boolean inDir = !st.isLink() && st.isDirectory();
        PathState absrc = src == null ? null : j.src() == null ? st.followed()
                : inDir ? p.state("srcin", PosixPath.join(path, src)) : p.state("src", PosixPath.join(PosixPath.dirname(path), src));
        if (!j.force() && src != null && !absrc.followed().exists()) {
            throw new ModuleFailure("src file does not exist, use \"force=yes\" if you really want to create the link: "
                    + absrc.path(), Map.of("path", path, "src", src));
        }
        if (prev.equals("directory")) {
            if (!j.force()) {
                throw new ModuleFailure("refusing to convert from directory to symlink for " + path
                        + " (force=true replaces an empty folder)", Map.of("path", path));
            }
            if (!p.value("path.first").isEmpty()) {
                throw new ModuleFailure("the directory " + path + " is not empty, refusing to convert it", Map.of("path", path));
            }
        } else if ((prev.equals("file") || prev.equals("hard")) && !j.force()) {
            throw new ModuleFailure("refusing to convert from " + prev + " to symlink for " + path
                    + " (force=true replaces it)", Map.of("path", path));
        }
        boolean changed;
        String oldSrc = null;
        if (prev.equals("link")) {
            changed = src != null && !st.linkTarget().equals(src);
            oldSrc = st.linkTarget();
        } else {
            if (src == null) {
                throw new ModuleFailure("src is required for creating new symlinks");
            }
            changed = true;
        }
        List<String> cmds = new ArrayList<>();
        if (changed) {
            if (prev.equals("absent")) {
                cmds.add("ln -s -- " + quote(src) + " " + quote(path));
            } else {
                cmds.add(replaceWith(path, (prev.equals("directory") ? "rmdir -- " + quote(path) + " && " : "")
                        + "ln -s -- " + quote(src) + " \"$t\""));
            }
        }
        ModuleResult.Builder r = ModuleResult.changed(changed).value("dest", path).value("src", src).value("state", "link");
        if (j.check() && !st.exists()) {
            return FileModule.withStateDiff(r, j, prev, "link").build();
        }
        // attributes: on what the link points to when following, else on the link itself (owner/group only)
        PathState target = changed ? absrc.followed() : st.followed();
        if (j.follow() && !target.exists()) {
            if (!j.attrs().isEmpty() || !j.times().preserveBoth()) {
                r.warn("Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.");
            }
        } else {
            PathState on = j.follow() ? target : changed ? asLink(path, p) : st;
            AttributePlan plan = AttributePlan.of(on, j.attrs(), p, !j.follow());
            List<String> times = j.times().commands(on, p, !j.follow());
            changed |= queueAttributes(j, plan, times, cmds, r);
            if (!j.follow()) {
                r.value("owner", plan.owner()).value("group", plan.group());
            } else {
                r.value("mode", plan.mode()).value("owner", plan.owner()).value("group", plan.group());
            }
        }
        if (!j.check() && !cmds.isEmpty()) {
            FileModule.exec(j.ctx(), String.join(" && ", cmds), "Error while linking " + path);
        }
        r.changed(changed);
        if (j.ctx().diffMode() && oldSrc != null && changed && !oldSrc.equals(src)) {
            r.diff(new FileDiff(path + " (link)", "src: " + oldSrc + "\n", path + " (link)", "src: " + src + "\n"));
        }
        return FileModule.withStateDiff(r, j, prev, "link").build();
    }

    /** A new symlink's own state, for owner/group on the link itself: owned by us until changed. */
    private static PathState asLink(String path, ProbeResult p) {
        long uid = p.value("user.uid").matches("\\d+") ? Long.parseLong(p.value("user.uid")) : -1;
        long gid = p.value("user.gid").matches("\\d+") ? Long.parseLong(p.value("user.gid")) : -1;
        return new PathState(path, "link", "0777", uid, p.userName(), gid, p.userGroup(), 0, 0, 0, 0, 1, 0, 0, 0, 0, "", "",
                "", null);
    }

    static ModuleResult hard(FileJob j) throws ModuleFailure {
        PathState st = j.current();
        String path = j.path();
        String src = j.src();
        String prev = st.ansibleState();
        ProbeResult p = j.probe();
        if (!prev.equals("hard") && src == null) {
            throw new ModuleFailure("src is required for creating new hardlinks");
        }
        PathState source = src == null ? null : p.state("srcraw", src).followed();
        if (src != null && !source.exists()) {
            throw new ModuleFailure("src does not exist", Map.of("dest", path, "src", src));
        }
        boolean changed = switch (prev) {
            case "absent" -> true;
            case "link" -> !st.linkTarget().equals(src);
            case "hard" -> {
                boolean differs = src != null && (st.inode() != source.inode() || st.dev() != source.dev());
                if (differs && !j.force()) {
                    throw new ModuleFailure("Cannot link, different hard link exists at destination (force=true replaces it)",
                            Map.of("dest", path, "src", src));
                }
                yield differs;
            }
            case "file" -> {
                if (!j.force()) {
                    throw new ModuleFailure("Cannot link, file exists at destination (force=true replaces it)",
                            Map.of("dest", path, "src", src));
                }
                yield true;
            }
            default -> throw new ModuleFailure("Cannot link: " + path + " is a directory", Map.of("dest", path, "src", src));
        };
        List<String> cmds = new ArrayList<>();
        if (changed) {
            cmds.add(prev.equals("absent") ? "ln -L -- " + quote(src) + " " + quote(path)
                    : replaceWith(path, "ln -L -- " + quote(src) + " \"$t\""));
        }
        ModuleResult.Builder r = ModuleResult.changed(changed).value("dest", path).value("src", src).value("state", "hard");
        if (j.check() && !st.exists()) {
            return FileModule.withStateDiff(r, j, prev, "hard").build();
        }
        PathState on = changed ? new PathState(path, source.type(), source.mode(), source.uid(), source.owner(),
                source.gid(), source.group(), source.size(), source.mtime(), source.atime(), source.ctime(), source.nlink() + 1,
                source.inode(), source.dev(), 0, 0, "", "", "", null) : st;
        AttributePlan plan = AttributePlan.of(on, j.attrs(), p, false);
        List<String> times = j.times().commands(on, p, false);
        changed |= queueAttributes(j, plan, times, cmds, r);
        if (!j.check() && !cmds.isEmpty()) {
            FileModule.exec(j.ctx(), String.join(" && ", cmds), "Error while linking " + path);
        }
        r.changed(changed).value("mode", plan.mode()).value("owner", plan.owner()).value("group", plan.group());
        return FileModule.withStateDiff(r, j, prev, "hard").build();
    }

    /** Replaces a path atomically: {@code make} creates the new entry at "$t" beside it, then it is renamed over. */
    private static String replaceWith(String path, String make) {
        String dir = PosixPath.parentOrDot(path);
        return "{ t=" + quote(dir) + "/.jplay-link.$$; rm -f -- \"$t\"; " + make + " && mv -Tf -- \"$t\" " + quote(path)
                + " || { rm -f -- \"$t\"; false; }; }";
    }

    /** Queues a link's attribute and time commands (and, in diff mode, the attribute diff); true if there are any. */
    private static boolean queueAttributes(FileJob j, AttributePlan plan, List<String> times, List<String> cmds,
                                           ModuleResult.Builder r) {
        if (plan.changes()) {
            cmds.add(plan.script());
            if (j.ctx().diffMode()) {
                r.diff(plan.diff());
            }
        }
        cmds.addAll(times);
        return plan.changes() || !times.isEmpty();
    }
}
