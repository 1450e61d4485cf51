package dev.jplay.modules.files;

import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;

/**
 * Puts one piece of content at a destination, as copy (content= or a src file) and template do:
 * a destination that is a folder (or ends with '/') gets the source's base name appended; the file
 * is written only when its SHA-256 differs. One probe round trip, plus one write when needed.
 *
 * @param sourceName the src option (its base name names the file inside a folder dest), or null for content=
 * @param force      replace a file whose content differs (false: only create a missing file)
 * @param follow     when dest is a symlink, write the file it points to (false: replace the link by a file)
 */
record FileCopy(byte[] content, String sourceName, String dest, boolean force, boolean follow, FileAttributes attributes,
                boolean backup, String validate) {

    ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        boolean slashDest = PosixPath.hasTrailingSlash(dest);
        if (sourceName == null && slashDest) {
            throw new ModuleFailure("can not use content with a dir as dest (" + dest + "); give the file's path as dest");
        }
        String base = sourceName == null ? null : PosixPath.basename(sourceName.replaceAll("/+$", ""));
        String destFile = slashDest ? PosixPath.join(dest, base) : dest;
        String inner = base == null || slashDest ? null : PosixPath.join(destFile, base);

        FileProbe probe = new FileProbe().identity().owner(attributes.owner()).group(attributes.group())
                .path("dest", destFile, "sha256", follow)
                .directory("parent", PosixPath.parentOrDot(destFile));
        if (inner != null) {
            probe.path("inner", inner, "sha256", follow);
        }
        if (ctx.diffMode()) {
            probe.content(FileContentWriter.MAX_DIFF_BYTES, inner == null ? new String[]{destFile} : new String[]{destFile, inner});
        }
        ProbeResult found = probe.run(ctx);

        String target = destFile;
        PathState st = found.state("dest", destFile);
        if (st.followed().isDirectory()) {
            if (inner == null) {
                throw new ModuleFailure(sourceName == null ? "can not use content with a dir as dest (" + dest + ")"
                        : destFile + " is a directory; the file cannot replace it");
            }
            target = inner;
            st = found.state("inner", inner);
        }
        String makeParent = null;
        if (!st.exists()) {
            PathState parent = found.state("parent", PosixPath.parentOrDot(destFile));
            if (target.equals(destFile) && !parent.followed().isDirectory()) {
                // in check mode an earlier task may only have pretended to create the folder: report the change
                if (!slashDest && !ctx.checkMode()) {
                    throw new ModuleFailure("Destination directory " + PosixPath.parentOrDot(destFile)
                            + " does not exist; create it first (file: state=directory) or end dest with '/'");
                }
                makeParent = PosixPath.parentOrDot(destFile);
            }
        }
        if (st.exists() && !force) {
            return ModuleResult.ok().msg("file already exists; force=false leaves it as it is")
                    .value("dest", target).build();
        }

        String writePath = target;
        boolean replaceLink = false;
        if (st.isLink()) {
            if (follow) {
                writePath = st.realPath().isEmpty() ? target : st.realPath();
            } else {
                replaceLink = true;
            }
        }
        PathState current = st.followed();
        boolean differs = replaceLink || !current.exists() || !FileContentWriter.sha256(content).equals(current.checksum());
        FileContentWriter.Outcome out = FileContentWriter.converge(ctx, found,
                new FileContentWriter.Request(writePath, current, content, differs, attributes, backup, validate,
                        found.content().orElse(null), makeParent));

        ModuleResult.Builder res = ModuleResult.changed(out.changed()).value("dest", target);
        if (sourceName != null) {
            res.value("src", sourceName);
        }
        res.values(out.info());
        if (out.backupFile() != null) {
            res.value("backup_file", out.backupFile());
        }
        out.diffs().forEach(res::diff);
        return res.build();
    }
}
