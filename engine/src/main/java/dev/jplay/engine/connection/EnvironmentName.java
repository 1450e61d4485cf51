package dev.jplay.engine.connection;

import java.util.regex.Pattern;

/**
 * The names a task may give environment variables: POSIX shell names. Any other key would be shell
 * text inside {@code export KEY=value} (a key {@code X=1; touch /tmp/p; Y} runs the touch), so it is
 * refused at load time when written literally and at run time when rendered.
 */
public final class EnvironmentName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvironmentName() {
    }

    /** What is wrong with the name, or null when it is a valid one. */
    public static String problem(String name) {
        if (name == null || NAME.matcher(name).matches()) {
            return null;
        }
        return (name.isEmpty() ? "an empty environment variable name" : "environment variable name '" + printable(name) + "'")
                + " is not allowed: expected letters, digits and _, not starting with a digit";
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
    }
}
