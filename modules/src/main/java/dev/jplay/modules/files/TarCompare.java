package dev.jplay.modules.files;

import java.util.regex.Pattern;

/**
 * Whether {@code tar --compare} output means the archive is already unpacked, read as ansible-core's
 * unarchive reads it: only differences jplay would not fix anyway count — a missing file, a modification
 * time, a mode (unless mode is set), an owner or group (when running as root and none is set), an owner
 * or group tar cannot map. The bogus "': : Cannot stat'" of an emptied name (--strip-components) is ignored.
 * A content difference always comes with a time difference. Pure.
 */
final class TarCompare {
    private static final Pattern EMPTY_NAME = Pattern.compile(": : Warning: Cannot stat: No such file or directory$");
    private static final Pattern MISSING = Pattern.compile(": Warning: Cannot stat: No such file or directory$");
    private static final Pattern MTIME = Pattern.compile(": Mod time differs$");
    private static final Pattern MODE = Pattern.compile(": Mode differs$");
    private static final Pattern UID = Pattern.compile(": Uid differs$");
    private static final Pattern GID = Pattern.compile(": Gid differs$");
    private static final Pattern INVALID = Pattern.compile(": Invalid (owner|group)");

    private TarCompare() {
    }

    static boolean unarchived(String output, boolean root, boolean modeSet, boolean ownerSet, boolean groupSet) {
        for (String line : output.split("\n")) {
            if (EMPTY_NAME.matcher(line).find()) {
                continue;
            }
            if (MISSING.matcher(line).find() || MTIME.matcher(line).find() || INVALID.matcher(line).find()
                    || !modeSet && MODE.matcher(line).find()
                    || root && !ownerSet && UID.matcher(line).find()
                    || root && !groupSet && GID.matcher(line).find()) {
                return false;
            }
        }
        return true;
    }
}
