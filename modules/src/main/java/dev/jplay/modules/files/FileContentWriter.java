package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.host.ShellHostFiles;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The compare-and-write step that copy, template, lineinfile and blockinfile share: given a file's
 * probed state and the content it should have, write it (atomically, with its attributes, after an
 * optional backup and validation) only when it differs, else fix only the attributes that differ.
 * Honours check mode and produces the diffs of diff mode.
 */
final class FileContentWriter {
    /** Content larger than this is not shown in diffs (Ansible's max_diff_size). */
    static final long MAX_DIFF_BYTES = 104448;

    private FileContentWriter() {
    }

    /**
     * One file to converge.
     *
     * @param path           where to write (a followed symlink's real path when following)
     * @param current        the state of what is at {@code path} now, links followed (absent for a new file)
     * @param wanted         the content it should have
     * @param contentDiffers the caller's verdict (checksum, or the edit's own result)
     * @param before         the current content for diff mode, or null when not fetched
     * @param makeParent     a folder to create first (mkdir -p), or null
     */
    record Request(String path, PathState current, byte[] wanted, boolean contentDiffers, FileAttributes attributes,
                   boolean backup, String validate, byte[] before, String makeParent) {
    }

    /** What happened (or would, in check mode), and Ansible's path keys for the result. */
    record Outcome(boolean contentChanged, boolean attributesChanged, String backupFile, List<FileDiff> diffs,
                   Map<String, Object> info) {
        boolean changed() {
            return contentChanged || attributesChanged;
        }
    }

    static Outcome converge(ModuleContext ctx, ProbeResult probe, Request r) throws ModuleFailure {
        PathState cur = r.current();
        FileAttributes want = r.attributes();
        boolean exists = cur.exists();
        if (exists && !cur.isFile()) {
            throw new ModuleFailure(r.path() + " is a " + cur.type() + ", not a regular file; remove it or choose another path");
        }
        String baseMode = exists ? cur.mode() : probe.defaultMode(false);
        String finalMode = want.mode() != null ? AttributePlan.resolveMode(want.mode(), baseMode, false) : baseMode;
        AttributePlan plan = exists ? AttributePlan.of(cur, want, probe, false) : null;
        boolean attrsDiffer = exists ? plan.changes() : r.contentDiffers() && newFileAttributesDiffer(probe, want, finalMode);

        String backupFile = null;
        if (!ctx.checkMode()) {
            if (r.contentDiffers()) {
                if (r.makeParent() != null) {
                    run(ctx, "mkdir -p -- " + quote(r.makeParent()), "cannot create folder " + r.makeParent());
                }
                if (r.backup() && exists) {
                    backupFile = ctx.files().backup(r.path());
                }
                write(ctx, r.path(), r.wanted(), new FileAttributes(finalMode, want.owner(), want.group()), r.validate());
            } else if (attrsDiffer) {
                run(ctx, plan.script(), "cannot set mode/owner/group of " + r.path());
            }
        }

        List<FileDiff> diffs = new ArrayList<>();
        if (ctx.diffMode()) {
            if (r.contentDiffers()) {
                diffs.add(contentDiff(r.path(), cur, r.before(), r.wanted()));
            }
            if (attrsDiffer && plan != null) {
                diffs.add(plan.diff());
            }
        }

        Map<String, Object> info = new LinkedHashMap<>();
        byte[] finalContent = r.contentDiffers() ? r.wanted() : null;
        info.put("checksum", finalContent != null ? sha256(finalContent) : cur.checksum());
        info.put("size", finalContent != null ? (long) finalContent.length : cur.size());
        info.put("mode", finalMode);
        info.put("owner", want.owner() != null ? want.owner() : exists ? cur.owner() : probe.userName());
        info.put("group", want.group() != null ? want.group() : exists ? cur.group() : probe.userGroup());
        info.put("state", "file");
        return new Outcome(r.contentDiffers(), attrsDiffer, backupFile, diffs, info);
    }

    private static boolean newFileAttributesDiffer(ProbeResult probe, FileAttributes want, String finalMode) throws ModuleFailure {
        boolean mode = want.mode() != null && !finalMode.equals(probe.defaultMode(false));
        boolean owner = want.owner() != null && probe.uidOf(want.owner()) != parseId(probe.value("user.uid"));
        boolean group = want.group() != null && probe.gidOf(want.group()) != parseId(probe.value("user.gid"));
        return mode || owner || group;
    }

    private static long parseId(String s) {
        return s.trim().matches("\\d+") ? Long.parseLong(s.trim()) : -1;
    }

    /** Writes atomically through the host's files, or with the validating variant of the same steps. */
    static void write(ModuleContext ctx, String path, byte[] content, FileAttributes attrs, String validate) throws ModuleFailure {
        if (validate == null) {
            ctx.files().write(path, content, attrs);
            return;
        }
        ExecResult r = ctx.exec(ShellHostFiles.writeScript(path, attrs, content.length, validate), content);
        if (r.ok()) {
            return;
        }
        String err = r.err();
        int at = err.lastIndexOf(ShellHostFiles.VALIDATE_FAILED);
        if (at >= 0) {
            String rc = err.substring(at + ShellHostFiles.VALIDATE_FAILED.length()).trim();
            String shown = err.substring(0, at).strip();
            throw new ModuleFailure("failed to validate: rc:" + rc + " error:" + shown + " (the file was not changed)",
                    Map.of("rc", Integer.parseInt(rc), "stdout", r.out(), "stderr", shown));
        }
        throw new ModuleFailure("cannot write " + path + ": " + r.errTrimmed());
    }

    private static void run(ModuleContext ctx, String script, String what) throws ModuleFailure {
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure(what + ": " + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.err()));
        }
    }

    /** Before/after text of a content change; binary or large content is described instead of shown. */
    static FileDiff contentDiff(String path, PathState current, byte[] before, byte[] after) {
        String b;
        if (before != null) {
            b = shown(before);
        } else if (current.exists()) {
            b = "(content not shown: " + current.size() + " bytes)\n";
        } else {
            b = "";
        }
        return new FileDiff(path + " (content)", b, path + " (content)", shown(after));
    }

    static String shown(byte[] content) {
        if (content.length > MAX_DIFF_BYTES) {
            return "(content not shown: " + content.length + " bytes, more than " + MAX_DIFF_BYTES + ")\n";
        }
        String text = utf8(content);
        if (text == null || text.indexOf('\0') >= 0) {
            return "(binary content: " + content.length + " bytes)\n";
        }
        return text;
    }

    /** Strict UTF-8 decoding; null when the bytes are not UTF-8 text. */
    static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
