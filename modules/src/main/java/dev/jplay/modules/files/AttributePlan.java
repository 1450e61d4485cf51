package dev.jplay.modules.files;

import dev.jplay.engine.host.FileMode;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The mode, owner and group changes one existing path needs, decided from its probed state: numeric
 * comparisons (so "0" and "root" are the same owner), symbolic modes resolved against the current
 * mode. Produces the one command line that applies them.
 *
 * @param mode    the mode the path ends with (four octal digits; the current one when no mode is wanted)
 * @param noDeref act on a symlink itself (chown -h; a link has no mode of its own)
 */
record AttributePlan(String path, String beforeMode, String mode, boolean chmod, String owner, boolean chown, String group,
                     boolean chgrp, String beforeOwner, String beforeGroup, boolean noDeref) {

    /** The plan for {@code current} (an existing path) to get {@code wanted}. */
    static AttributePlan of(PathState current, FileAttributes wanted, ProbeResult ids, boolean noDeref) throws ModuleFailure {
        boolean link = noDeref && current.isLink();
        String mode = current.mode();
        boolean chmod = false;
        if (wanted.mode() != null && !link) {
            mode = resolveMode(wanted.mode(), current.mode(), current.isDirectory());
            chmod = !mode.equals(current.mode());
        }
        boolean chown = wanted.owner() != null && ids.uidOf(wanted.owner()) != current.uid();
        boolean chgrp = wanted.group() != null && ids.gidOf(wanted.group()) != current.gid();
        return new AttributePlan(current.path(), current.mode(), mode, chmod,
                wanted.owner() != null ? wanted.owner() : current.owner(), chown,
                wanted.group() != null ? wanted.group() : current.group(), chgrp, current.owner(), current.group(), noDeref);
    }

    /** The mode {@code wanted} (octal or symbolic) gives a path whose mode is {@code current}. */
    static String resolveMode(String wanted, String current, boolean directory) throws ModuleFailure {
        try {
            return FileMode.apply(wanted, current, directory);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new ModuleFailure("mode '" + wanted + "' is not valid: give octal digits like '0644' or a symbolic mode "
                    + "like 'u=rw,g=r,o=r'");
        }
    }

    boolean changes() {
        return chmod || chown || chgrp;
    }

    /** One command line applying the changes (empty when there are none); fails with the first error. */
    String script() {
        List<String> cmds = new ArrayList<>();
        String q = quote(path);
        // chown first: it clears setuid/setgid, so a chmod before it would not stick
        if (chown || chgrp) {
            String who = (chown ? owner : "") + (chgrp ? ":" + group : "");
            cmds.add("chown " + (noDeref ? "-h " : "") + quote(who) + " -- " + q);
        }
        if (chmod) {
            cmds.add("chmod " + mode + " -- " + q);
        }
        return String.join(" && ", cmds);
    }

    /** Before/after of what changes, for diff mode. */
    FileDiff diff() {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        if (chmod) {
            before.append("mode: ").append(beforeMode).append('\n');
            after.append("mode: ").append(mode).append('\n');
        }
        if (chown) {
            before.append("owner: ").append(beforeOwner).append('\n');
            after.append("owner: ").append(owner).append('\n');
        }
        if (chgrp) {
            before.append("group: ").append(beforeGroup).append('\n');
            after.append("group: ").append(group).append('\n');
        }
        return new FileDiff(path + " (file attributes)", before.toString(), path + " (file attributes)", after.toString());
    }
}
