package dev.jplay.engine.connection;

/** Quotes a word for POSIX sh: the result is always one word, whatever it contains. */
public final class ShellQuote {
    private ShellQuote() {
    }

    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%+=:,./-_".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
