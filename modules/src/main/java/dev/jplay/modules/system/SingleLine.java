package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleFailure;

/**
 * The rule for values written into line-based config files (crontab, fstab, sysctl.conf, sources.list,
 * .repo INI): one value may not break its line, or it could add lines of its own (another cron job,
 * another mount, another repository).
 */
final class SingleLine {
    private SingleLine() {
    }

    /** Fails naming the option when the value holds a newline, carriage return or NUL; returns the value. */
    static String require(String option, String value) throws ModuleFailure {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0)) {
            throw new ModuleFailure(option + " must be one line: it holds a " + (value.indexOf('\0') >= 0 ? "NUL character"
                    : "line break") + ", which would add lines of its own to the file");
        }
        return value;
    }

    /** As {@link #require}, and no blanks either: the value is one field of a blank-separated line. */
    static String field(String option, String value) throws ModuleFailure {
        require(option, value);
        if (value != null && (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace))) {
            throw new ModuleFailure(option + " must be one field, without blanks: got '" + value + "'");
        }
        return value;
    }
}
