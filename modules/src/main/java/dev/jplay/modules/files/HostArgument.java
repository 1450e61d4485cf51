package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleFailure;

/**
 * Checks a value on its way into a host command. Quoting makes any text one shell word, except a
 * NUL, which no argv, path or file name can hold: refused rather than silently cut. Leading '-' is
 * not refused here; positional paths go after {@code --} (or get a {@code ./} prefix) where they are used.
 */
public final class HostArgument {
    private HostArgument() {
    }

    /** The value, unchanged, when it holds no NUL; null stays null. */
    public static String checked(String option, String value) throws ModuleFailure {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new ModuleFailure("option '" + option + "' contains a NUL character (\\0), which no path or argument "
                    + "can hold on the host");
        }
        return value;
    }

    /** A relative path that starts with '-' made safe for commands that take no {@code --}: {@code ./-x}. */
    public static String notAnOption(String path) {
        return path.startsWith("-") ? "./" + path : path;
    }
}
