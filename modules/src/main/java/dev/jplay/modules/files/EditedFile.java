package dev.jplay.modules.files;

import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A text file that lineinfile/blockinfile edit in place: loaded with its state in one probe round
 * trip (symlinks followed to the real file, as Ansible does), then saved through
 * {@link FileContentWriter} only when the edit changed it.
 *
 * @param writePath    the real path (a symlink's target)
 * @param current      its state; absent for a file to create
 * @param text         its content, or null when it does not exist
 * @param parentExists whether its folder exists (create=true makes it when not)
 */
record EditedFile(String writePath, PathState current, String text, ProbeResult probe, boolean parentExists) {

    static EditedFile load(ModuleContext ctx, String path, FileAttributes attrs) throws ModuleFailure {
        ProbeResult found = new FileProbe().identity().owner(attrs.owner()).group(attrs.group())
                .path("path", path, null, true)
                .directory("parent", PosixPath.parentOrDot(path))
                .content(-1, path)
                .run(ctx);
        PathState st = found.state("path", path);
        if (st.followed().isDirectory()) {
            throw new ModuleFailure("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        String writePath = st.isLink() && !st.realPath().isEmpty() ? st.realPath() : path;
        PathState current = st.followed();
        if (current.exists() && !current.isFile()) {
            throw new ModuleFailure(path + " is a " + current.type() + ", not a regular file");
        }
        String text = null;
        if (current.exists()) {
            byte[] bytes = found.content().orElse(new byte[0]);
            text = FileContentWriter.utf8(bytes);
            if (text == null) {
                throw new ModuleFailure(path + " is not UTF-8 text; lineinfile/blockinfile edit text files only");
            }
        }
        boolean parentExists = st.exists() || found.state("parent", PosixPath.parentOrDot(path)).followed().isDirectory();
        return new EditedFile(writePath, current, text, found, parentExists);
    }

    boolean exists() {
        return text != null;
    }

    /** Writes the new text when {@code differs}, and fixes attributes either way (not in check mode). */
    FileContentWriter.Outcome save(ModuleContext ctx, String newText, boolean differs, FileAttributes attrs, boolean backup,
                                   String validate) throws ModuleFailure {
        byte[] wanted = newText == null ? new byte[0] : newText.getBytes(StandardCharsets.UTF_8);
        byte[] before = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        String makeParent = parentExists ? null : PosixPath.parentOrDot(writePath);
        return FileContentWriter.converge(ctx, probe, new FileContentWriter.Request(writePath, current, wanted, differs, attrs,
                backup, validate, before, makeParent));
    }

    /** Ansible's message when attributes changed too. */
    static String withAttributes(String msg, FileContentWriter.Outcome out) {
        if (!out.attributesChanged()) {
            return msg;
        }
        return (out.contentChanged() && !msg.isEmpty() ? msg + " and " : "") + "ownership, perms or SE linux context changed";
    }
}
