package dev.jplay.modules.net;

/**
 * A curl config file ({@code curl -K -}), built line by line. The request travels to curl on stdin
 * in this form so that the URL, headers, credentials and body never appear on a command line (where
 * {@code ps} on the host would show them) and need no shell quoting.
 */
final class CurlConfig {
    private final StringBuilder text = new StringBuilder();

    /** An option without a value ({@code location}). */
    CurlConfig flag(String option) {
        text.append(option).append('\n');
        return this;
    }

    /** An option with a value, quoted with curl's config escapes. */
    CurlConfig option(String option, String value) {
        text.append(option).append(" = \"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\u000b' -> text.append("\\v");
                default -> text.append(c);
            }
        }
        text.append("\"\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
