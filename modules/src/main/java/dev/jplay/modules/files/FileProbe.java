package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Builds one probe script that gathers everything a file module needs to decide, so that deciding
 * costs one round trip: the stat of each path (and of a symlink's target), checksums, the umask,
 * who we are, the ids of the wanted owner and group, a listing for recursive work, and the content
 * of one file. The script prints {@code key=value} lines (read by {@link ProbeResult}); a file's
 * content, when asked for, comes last after a marker line.
 */
final class FileProbe {
    /** First words of every probe script, so scripted tests can recognise it. */
    static final String MARKER = ": jplay-probe;";
    static final String CONTENT_MARKER = "--jplay-content--";

    /** stat -c fields, one key per line, under a prefix. */
    private static final String[] FIELDS = {
            "type=%F", "mode=%a", "uid=%u", "owner=%U", "gid=%g", "group=%G", "size=%s", "mtime=%Y", "atime=%X",
            "ctime=%Z", "nlink=%h", "inode=%i", "dev=%d", "blocks=%b", "blksize=%B"};

    private final StringBuilder script = new StringBuilder(MARKER).append('\n').append(statFunction());
    private byte[] stdin = new byte[0];
    private boolean identity;
    private final List<String> described = new ArrayList<>();
    private String contentPart = "";

    /**
     * Probes a path under {@code tag}.
     *
     * @param checksumAlgorithm sha256, sha1, ... ({@code <algo>sum} on the host), or null for none
     * @param followForChecksum hash a symlink's target too (else only a regular file that is not a link)
     */
    FileProbe path(String tag, String path, String checksumAlgorithm, boolean followForChecksum) {
        described.add(path);
        script.append("jp_stat ").append(tag).append(' ').append(quote(path)).append(' ')
                .append(checksumAlgorithm == null ? "''" : checksumAlgorithm).append(followForChecksum ? " 1" : " 0").append('\n');
        return this;
    }

    /**
     * Probes many paths, sent on stdin one per line (so the script stays small however many there
     * are), under {@code tag.0}, {@code tag.1}, ... in order. Paths must not contain newlines.
     */
    FileProbe paths(String tag, List<String> paths, String checksumAlgorithm, boolean followForChecksum) {
        described.add(paths.size() + " paths");
        StringBuilder in = new StringBuilder();
        paths.forEach(p -> in.append(p).append('\n'));
        stdin = in.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        script.append("jp_i=0; while IFS= read -r jp_p; do jp_stat \"").append(tag).append(".$jp_i\" \"$jp_p\" ")
                .append(checksumAlgorithm == null ? "''" : checksumAlgorithm).append(followForChecksum ? " 1" : " 0")
                .append("; jp_i=$((jp_i+1)); done\n");
        return this;
    }

    /** A shell function printing one path's state under a prefix: {@code jp_stat prefix path algorithm follow}. */
    private static String statFunction() {
        return "jp_stat() {\n"
                + "  if [ -L \"$2\" ] || [ -e \"$2\" ]; then\n"
                + "    stat -c \"" + format("$1") + "\" -- \"$2\" || exit 1\n"
                + "    if [ -L \"$2\" ]; then\n"
                + "      printf '%s.readlink=%s\\n%s.realpath=%s\\n' \"$1\" \"$(readlink -- \"$2\")\" \"$1\" \"$(readlink -f -- \"$2\")\"\n"
                + "      if [ -e \"$2\" ]; then stat -L -c \"" + format("$1.target") + "\" -- \"$2\" || exit 1; fi\n"
                + "    fi\n"
                + "    if [ -n \"$3\" ] && [ -f \"$2\" ] && { [ \"$4\" = 1 ] || [ ! -L \"$2\" ]; }; then\n"
                + "      printf '%s.checksum=' \"$1\"; \"$3\"sum < \"$2\" || exit 1\n"
                + "    fi\n"
                + "  else printf '%s.type=absent\\n' \"$1\"; jp_absent=1; fi\n"
                + "}\n";
    }

    private static String format(String prefix) {
        StringBuilder f = new StringBuilder();
        for (String field : FIELDS) {
            f.append(prefix).append('.').append(field).append('\n');
        }
        return f.substring(0, f.length() - 1);
    }

    /**
     * The umask and the user we run as (the become user), for the mode and owner of new files: the
     * umask builtin, and {@code id} only when a probed path is absent (each process costs
     * milliseconds on a slow host, and the user only matters for a file about to be created).
     */
    FileProbe identity() {
        script.append("printf 'umask='; umask\n");
        identity = true;
        return this;
    }

    /** Resolves a user name to its uid on the host (a numeric owner needs no lookup). */
    FileProbe owner(String name) {
        if (name != null && !name.matches("\\d+")) {
            script.append("printf 'owner.uid='; id -u ").append(quote(name)).append(" 2>/dev/null || echo\n");
        }
        return this;
    }

    /** Only whether a directory is there ({@code tag.type=directory} or absent), with shell builtins. */
    FileProbe directory(String tag, String path) {
        String q = quote(path);
        script.append("if [ -d ").append(q).append(" ]; then echo ").append(tag).append(".type=directory; else echo ")
                .append(tag).append(".type=absent; fi\n");
        return this;
    }

    /** Resolves a group name to its gid on the host. */
    FileProbe group(String name) {
        if (name != null && !name.matches("\\d+")) {
            String q = quote(name);
            script.append("printf 'group.gid=%s\\n' \"$({ getent group ").append(q)
                    .append(" 2>/dev/null || awk -F: -v n=").append(q).append(" '$1==n' /etc/group; } | head -n1 | cut -d: -f3)\"\n");
        }
        return this;
    }

    /** Prints {@code key=} the output of a shell command (one line). */
    FileProbe value(String key, String shellCommand) {
        script.append("printf '").append(key).append("=%s\\n' \"$(").append(shellCommand).append(")\"\n");
        return this;
    }

    /** Whether we may read, write and search/execute the path: {@code tag.access=rwx} (missing letters mean no). */
    FileProbe access(String tag, String path) {
        String q = quote(path);
        script.append("jp_a=; [ -r ").append(q).append(" ] && jp_a=r; [ -w ").append(q).append(" ] && jp_a=${jp_a}w; [ -x ")
                .append(q).append(" ] && jp_a=${jp_a}x; printf '").append(tag).append(".access=%s\\n' \"$jp_a\"\n");
        return this;
    }

    /**
     * Lists everything below a directory (not the directory itself) as {@code R|type|mode|uid|gid|path}
     * lines; a symlinked directory given as the path is followed, links below it are not.
     */
    FileProbe tree(String dir) {
        String q = quote(dir);
        described.add(dir + "/**");
        script.append("if [ -d ").append(q).append(" ]; then find -H ").append(q)
                .append(" -mindepth 1 -exec stat -c 'R|%F|%a|%u|%g|%n' -- {} + || exit 1; fi\n");
        return this;
    }

    /**
     * Appends the content of the first candidate that is not a directory, if it is a regular file of at
     * most {@code maxBytes} (no limit when negative). At most one content per probe.
     */
    FileProbe content(long maxBytes, String... candidates) {
        StringBuilder s = new StringBuilder("for c in");
        for (String c : candidates) {
            s.append(' ').append(quote(c));
        }
        s.append("; do [ -d \"$c\" ] || break; done\n");
        s.append("if [ -f \"$c\" ]");
        if (maxBytes >= 0) {
            s.append(" && [ \"$(stat -L -c %s -- \"$c\")\" -le ").append(maxBytes).append(" ]");
        }
        s.append("; then printf '%s\\n' ").append(CONTENT_MARKER).append("; cat -- \"$c\" || exit 1; fi\n");
        contentPart = s.toString();
        return this;
    }

    String script() {
        return script + (identity ? "if [ -n \"$jp_absent\" ]; then printf 'id='; id; fi\n" : "") + contentPart;
    }

    ProbeResult run(ModuleContext ctx) throws ModuleFailure {
        ExecResult r = ctx.exec(script(), stdin);
        if (!r.ok()) {
            throw new ModuleFailure("cannot inspect " + String.join(", ", described) + " on the host: " + r.errTrimmed(),
                    java.util.Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
        return ProbeResult.parse(r.stdout());
    }
}
