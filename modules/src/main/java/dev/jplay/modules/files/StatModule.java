package dev.jplay.modules.files;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/** Ansible's stat: facts about a path, in one round trip. Never changes anything. */
public final class StatModule implements Module {

    /** lsattr letters and the names Ansible gives them. */
    private static final Map<Character, String> ATTRIBUTE_NAMES = Map.ofEntries(
            Map.entry('A', "noatime"), Map.entry('a', "append"), Map.entry('c', "compressed"), Map.entry('C', "nocow"),
            Map.entry('d', "nodump"), Map.entry('D', "dirsync"), Map.entry('e', "extents"), Map.entry('E', "encrypted"),
            Map.entry('F', "casefold"), Map.entry('h', "blocksize"), Map.entry('i', "immutable"), Map.entry('I', "indexed"),
            Map.entry('j', "journalled"), Map.entry('m', "dontcompress"), Map.entry('N', "inline"), Map.entry('P', "projinherit"),
            Map.entry('s', "zero"), Map.entry('S', "synchronous"), Map.entry('t', "notail"), Map.entry('T', "blockroot"),
            Map.entry('u', "undelete"), Map.entry('V', "verity"), Map.entry('x', "dax"), Map.entry('X', "compressedraw"),
            Map.entry('Z', "compresseddirty"));

    private static final ModuleSpec SPEC = ModuleSpec.builder("stat")
            .describe("Reports facts about a path in the 'stat' return value: exists, isdir/isreg/islnk/..., mode, "
                    + "owner/group (pw_name, gr_name, uid, gid), size, times, checksum, link source/target, readable/"
                    + "writeable/executable for the user we run as, mime type and file attributes when the host has "
                    + "'file'/'lsattr'. Never changes anything.")
            .option(OptionSpec.of("path", OptionType.PATH, "The path to look at.").asRequired().aliases("dest", "name"))
            .option(OptionSpec.of("follow", OptionType.BOOL, "Report on what a symlink points to instead of the link.")
                    .defaultValue(false))
            .option(OptionSpec.of("get_checksum", OptionType.BOOL, "Hash a regular file's content (reads the whole file).")
                    .defaultValue(true))
            .option(OptionSpec.of("checksum_algorithm", OptionType.STR, "Hash for checksum. Default sha256 (Ansible's is "
                    + "sha1; say sha1 to compare with checksums Ansible recorded).").defaultValue("sha256")
                    .choices("md5", "sha1", "sha224", "sha256", "sha384", "sha512").aliases("checksum", "checksum_algo"))
            .option(OptionSpec.of("get_mime", OptionType.BOOL, "Report mimetype and charset (needs 'file' on the host; "
                    + "left out when it is not there).").defaultValue(true).aliases("mime", "mime_type", "mime-type"))
            .option(OptionSpec.of("get_attributes", OptionType.BOOL, "Report attributes and attr_flags from lsattr (left out "
                    + "when lsattr is not there or the file system has none).").defaultValue(true).aliases("attr", "attributes"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String path = HomePath.expand(ctx, a.requireString("path"));
        boolean follow = a.bool("follow");
        String q = quote(path);
        FileProbe probe = new FileProbe()
                .path("path", path, a.bool("get_checksum") ? a.string("checksum_algorithm") : null, follow)
                .access("path", path);
        if (a.bool("get_mime")) {
            probe.value("mime", "[ -e " + q + " ] && command -v file >/dev/null 2>&1 && file -b " + (follow ? "-L" : "-h")
                    + " --mime -- " + q + " 2>/dev/null");
        }
        if (a.bool("get_attributes")) {
            probe.value("lsattr", "[ -e " + q + " ] && [ ! -L " + q + " ] && command -v lsattr >/dev/null 2>&1 && lsattr -d -- "
                    + q + " 2>/dev/null");
        }
        ProbeResult found = probe.run(ctx);
        PathState lst = found.state("path", path);
        PathState st = follow ? lst.followed() : lst;
        Map<String, Object> stat = new LinkedHashMap<>();
        if (!st.exists()) {
            stat.put("exists", false);
            return ModuleResult.ok().value("stat", stat).build();
        }
        int mode = Integer.parseInt(st.mode(), 8);
        stat.put("exists", true);
        stat.put("path", path);
        stat.put("mode", st.mode());
        stat.put("isdir", st.isDirectory());
        stat.put("ischr", "char".equals(st.type()));
        stat.put("isblk", "block".equals(st.type()));
        stat.put("isreg", st.isFile());
        stat.put("isfifo", "fifo".equals(st.type()));
        stat.put("islnk", st.isLink());
        stat.put("issock", "socket".equals(st.type()));
        stat.put("uid", st.uid());
        stat.put("gid", st.gid());
        stat.put("size", st.size());
        stat.put("inode", st.inode());
        stat.put("dev", st.dev());
        stat.put("nlink", st.nlink());
        stat.put("atime", st.atime());
        stat.put("mtime", st.mtime());
        stat.put("ctime", st.ctime());
        stat.put("wusr", (mode & 0200) != 0);
        stat.put("rusr", (mode & 0400) != 0);
        stat.put("xusr", (mode & 0100) != 0);
        stat.put("wgrp", (mode & 020) != 0);
        stat.put("rgrp", (mode & 040) != 0);
        stat.put("xgrp", (mode & 010) != 0);
        stat.put("woth", (mode & 02) != 0);
        stat.put("roth", (mode & 04) != 0);
        stat.put("xoth", (mode & 01) != 0);
        stat.put("isuid", (mode & 04000) != 0);
        stat.put("isgid", (mode & 02000) != 0);
        stat.put("blocks", st.blocks());
        stat.put("block_size", st.blockSize());
        stat.put("pw_name", st.owner());
        stat.put("gr_name", st.group());
        String access = found.value("path.access");
        stat.put("readable", access.contains("r"));
        stat.put("writeable", access.contains("w"));
        stat.put("executable", access.contains("x"));
        if (st.isLink()) {
            stat.put("lnk_source", lst.realPath());
            stat.put("lnk_target", lst.linkTarget());
        }
        if (st.isFile() && a.bool("get_checksum") && !st.checksum().isEmpty()) {
            stat.put("checksum", st.checksum());
        }
        String mime = found.value("mime").trim();
        if (!mime.isEmpty()) {
            int semi = mime.indexOf(';');
            stat.put("mimetype", semi < 0 ? mime : mime.substring(0, semi).trim());
            int cs = mime.indexOf("charset=");
            if (cs >= 0) {
                stat.put("charset", mime.substring(cs + "charset=".length()).trim());
            }
        }
        String lsattr = found.value("lsattr").trim();
        if (!lsattr.isEmpty()) {
            String flags = lsattr.split("\\s+", 2)[0].replace("-", "");
            List<String> names = new ArrayList<>();
            for (char c : flags.toCharArray()) {
                names.add(ATTRIBUTE_NAMES.getOrDefault(c, String.valueOf(c)));
            }
            stat.put("attr_flags", flags);
            stat.put("attributes", names);
        }
        return ModuleResult.ok().value("stat", stat).build();
    }
}
