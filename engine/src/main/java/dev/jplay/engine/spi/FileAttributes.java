package dev.jplay.engine.spi;

/** Mode, owner and group wanted on a path; null means "leave as it is" (or the default for a new file). */
public record FileAttributes(String mode, String owner, String group) {

    public static final FileAttributes NONE = new FileAttributes(null, null, null);

    public boolean isEmpty() {
        return mode == null && owner == null && group == null;
    }
}
