package dev.jplay.engine.host;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileState;
import dev.jplay.engine.spi.HostFiles;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.Optional;
import java.util.function.BiFunction;

import static dev.jplay.engine.connection.ShellQuote.quote;

/** {@link HostFiles} over POSIX sh and coreutils: each call is one command on the host. */
public final class ShellHostFiles implements HostFiles {

    private final BiFunction<String, byte[], ExecResult> exec;

    /** @param exec runs a script with stdin as the task's become user */
    public ShellHostFiles(BiFunction<String, byte[], ExecResult> exec) {
        this.exec = exec;
    }

    /** The probe script; prints "absent" or {@code type|mode|owner|group|size|mtime} then a hash or link target. */
    static String statScript(String path) {
        String p = quote(TempName.operand(path));
        return "if [ -L " + p + " ] || [ -e " + p + " ]; then stat -c '%F|%a|%U|%G|%s|%Y' -- " + p
                + " || exit 1; if [ -L " + p + " ]; then readlink -- " + p + "; elif [ -f " + p + " ]; then sha256sum -- " + p
                + " | cut -d' ' -f1; fi; else echo absent; fi";
    }

    static FileState parseStat(String path, String output) {
        String[] lines = output.split("\n", -1);
        if (lines[0].equals("absent")) {
            return FileState.absent(path);
        }
        String[] f = lines[0].split("\\|", -1);
        String type = switch (f[0]) {
            case "regular file", "regular empty file" -> "file";
            case "directory" -> "directory";
            case "symbolic link" -> "link";
            default -> "other";
        };
        String extra = lines.length > 1 ? lines[1] : "";
        return new FileState(path, type, FileMode.normalize(f[1]), f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                type.equals("file") ? extra : "", type.equals("link") ? extra : "");
    }

    @Override
    public FileState stat(String path) throws ModuleFailure {
        ExecResult r = exec.apply(statScript(path), new byte[0]);
        if (!r.ok()) {
            throw new ModuleFailure("cannot stat " + path + ": " + r.errTrimmed());
        }
        return parseStat(path, r.out());
    }

    @Override
    public Optional<byte[]> read(String path) throws ModuleFailure {
        String p = quote(TempName.operand(path));
        ExecResult r = exec.apply("if [ -e " + p + " ]; then printf 1; cat -- " + p + "; else printf 0; fi", new byte[0]);
        if (!r.ok()) {
            throw new ModuleFailure("cannot read " + path + ": " + r.errTrimmed());
        }
        byte[] out = r.stdout();
        if (out.length == 0 || out[0] == '0') {
            return Optional.empty();
        }
        return Optional.of(java.util.Arrays.copyOfRange(out, 1, out.length));
    }

    /**
     * The atomic-write script: mktemp beside the target (0600), fill from stdin, check that all
     * {@code size} bytes arrived, set attributes, rename.
     *
     * <p>Why each step: a connection that drops mid-transfer (jplay killed, network gone) reaches the
     * script as an early end of stdin, and {@code cat} ends as if the file were complete, so without
     * the size check a partial file would be renamed over the target. A signal ends the script through
     * its EXIT trap, which removes the temp file; SIGPIPE too, which comes when the script reports the
     * short transfer on a stderr nobody reads any more. A host that dies mid-write (power, SIGKILL of
     * everything) leaves its temp file behind; the next write of the same target removes it.
     */
    static String writeScript(String path, FileAttributes a, long size) {
        return writeScript(path, a, size, null);
    }

    /** A temp file older than this is a leftover of a host that died mid-write; younger ones are left alone. */
    static final int STALE_MINUTES = 60;

    /** What the write script prints on stderr, followed by the exit code, when {@code validate} refused the file. */
    public static final String VALIDATE_FAILED = "jplay-validate-failed rc=";

    /**
     * The atomic-write script with a validation step between filling the temp file (all bytes there,
     * mode and owner final) and renaming it over the target: {@code validate} is a shell command in which
     * {@code %s} becomes the temp file's path (Ansible's {@code validate:}); null for none. A refusal ends
     * the script with exit 3 after printing {@link #VALIDATE_FAILED} and the command's exit code.
     */
    public static String writeScript(String path, FileAttributes a, long size, String validate) {
        String p = quote(TempName.operand(path));
        String tmp = quote(TempName.prefix(path));
        StringBuilder s = new StringBuilder();
        // a temp file left by a host that died mid-write goes; a young one may be another run's, still being filled or validated
        s.append("set -e; for jp_o in ").append(tmp).append("??????; do if [ -f \"$jp_o\" ] && [ -n \"$(find \"$jp_o\" -prune -mmin +")
                .append(STALE_MINUTES).append(" 2>/dev/null)\" ]; then rm -f -- \"$jp_o\"; fi; done; ");
        s.append("t=$(mktemp ").append(tmp).append("XXXXXX); trap 'rm -f \"$t\"' EXIT; trap 'exit 129' HUP; trap 'exit 130' INT; ")
                .append("trap 'exit 141' PIPE; trap 'exit 143' TERM; ");
        s.append("cat > \"$t\"; n=$(wc -c < \"$t\"); if [ $((n)) -ne ").append(size).append(" ]; then ")
                .append("echo \"incomplete transfer: $((n)) of ").append(size).append(" bytes arrived; the file was not changed\" >&2; ")
                .append("exit 1; fi; ");
        // owner first, then mode: chown clears setuid/setgid, so a mode set before it would not stick
        if (a.owner() != null || a.group() != null) {
            s.append("chown ").append(quote((a.owner() == null ? "" : a.owner()) + (a.group() == null ? "" : ":" + a.group())))
                    .append(" \"$t\"; ");
        } else {
            s.append("if [ -e ").append(p).append(" ]; then chown --reference=").append(p).append(" \"$t\" 2>/dev/null || true; fi; ");
        }
        if (a.mode() != null) {
            s.append("chmod ").append(quote(a.mode())).append(" \"$t\"; ");
        } else {
            s.append("if [ -e ").append(p).append(" ]; then chmod --reference=").append(p).append(" \"$t\"; ")
                    .append("else chmod $(printf '%o' $(( 0666 & ~0$(umask) ))) \"$t\"; fi; ");
        }
        if (validate != null) {
            s.append("set +e; (").append(validate.replace("%s", "\"$t\"")).append("); rc=$?; set -e; ");
            s.append("if [ \"$rc\" -ne 0 ]; then echo \"").append(VALIDATE_FAILED).append("$rc\" >&2; exit 3; fi; ");
        }
        s.append("mv -f \"$t\" ").append(p).append("; trap - EXIT");
        return s.toString();
    }

    @Override
    public void write(String path, byte[] content, FileAttributes attributes) throws ModuleFailure {
        ExecResult r = exec.apply(writeScript(path, attributes, content.length), content);
        if (!r.ok()) {
            throw new ModuleFailure("cannot write " + path + ": " + r.errTrimmed());
        }
    }

    @Override
    public String backup(String path) throws ModuleFailure {
        String p = quote(TempName.operand(path));
        ExecResult r = exec.apply("b=" + p + ".$(date +%Y-%m-%d@%H:%M:%S)~; cp -p -- " + p + " \"$b\" && printf '%s' \"$b\"",
                new byte[0]);
        if (!r.ok()) {
            throw new ModuleFailure("cannot back up " + path + ": " + r.errTrimmed());
        }
        return r.out();
    }

    @Override
    public boolean applyAttributes(String path, FileAttributes a, boolean checkOnly) throws ModuleFailure {
        if (a.isEmpty()) {
            return false;
        }
        FileState st = stat(path);
        if (!st.exists()) {
            throw new ModuleFailure("path does not exist: " + path);
        }
        StringBuilder s = new StringBuilder("set -e; ");
        boolean change = false;
        // owner and group first: chown clears setuid/setgid, so the mode is set last
        if (a.owner() != null && !a.owner().equals(st.owner()) && !ownerIdMatches(path, a.owner(), "%u")) {
            change = true;
            s.append("chown -h ").append(quote(a.owner())).append(" -- ").append(quote(TempName.operand(path))).append("; ");
        }
        if (a.group() != null && !a.group().equals(st.group()) && !ownerIdMatches(path, a.group(), "%g")) {
            change = true;
            s.append("chgrp -h ").append(quote(a.group())).append(" -- ").append(quote(TempName.operand(path))).append("; ");
        }
        if (a.mode() != null && !st.isLink()) {
            String wanted;
            try {
                wanted = FileMode.apply(a.mode(), st.mode(), st.isDirectory());
            } catch (IllegalArgumentException e) {
                throw new ModuleFailure(e.getMessage());
            }
            if (!wanted.equals(st.mode())) {
                change = true;
                s.append("chmod ").append(wanted).append(" -- ").append(quote(TempName.operand(path))).append("; ");
            }
        }
        if (change && !checkOnly) {
            ExecResult r = exec.apply(s.toString(), new byte[0]);
            if (!r.ok()) {
                throw new ModuleFailure("cannot set attributes of " + path + ": " + r.errTrimmed());
            }
        }
        return change;
    }

    /** A numeric owner or group ("0") matches when it is the file's uid/gid. */
    private boolean ownerIdMatches(String path, String wanted, String format) {
        if (!wanted.matches("\\d+")) {
            return false;
        }
        ExecResult r = exec.apply("stat -c " + format + " -- " + quote(TempName.operand(path)), new byte[0]);
        return r.ok() && r.outTrimmed().equals(wanted);
    }
}
