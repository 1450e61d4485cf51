package dev.jplay.engine.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Replaces a file's content atomically for {@code jplay vault encrypt|decrypt}: a temp file beside it,
 * created readable by its owner only (so a secret is never world-readable, not even for a moment),
 * written and synced, given the old file's mode (and owner and group, when jplay may set them),
 * then renamed over it. A new file gets mode 0600, as ansible-vault gives it. On any failure the old
 * file is left as it was and the temp file removed.
 */
public final class VaultFileWriter {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private VaultFileWriter() {
    }

    public static void replace(Path target, byte[] data) {
        Path real = realTarget(target);
        Path dir = real.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + real.getFileName() + ".", ".jplay-tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (Files.exists(real)) {
                keepAttributes(real, tmp);
            }
            try {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /** A symlink is followed, so the file it points to is replaced and the link kept (as ansible-vault does). */
    private static Path realTarget(Path target) {
        try {
            return Files.exists(target) ? target.toRealPath() : target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + target + ": " + e.getMessage(), e);
        }
    }

    private static void keepAttributes(Path from, Path to) throws IOException {
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        UserPrincipal owner = old.owner();
        GroupPrincipal group = old.group();
        try {
            if (!owner.equals(now.owner())) {
                view.setOwner(owner);
            }
            if (!group.equals(now.group())) {
                view.setGroup(group);
            }
        } catch (IOException e) {
            // only root may give a file away; the new file then belongs to whoever runs jplay
        }
        view.setPermissions(old.permissions());
    }
}
