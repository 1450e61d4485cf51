package dev.jplay.engine.connection;

import java.nio.charset.StandardCharsets;

/** What a command printed and how it exited. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** stdout without its trailing newline(s), as Ansible's {@code stdout} key. */
    public String outTrimmed() {
        return stripTrailingNewlines(out());
    }

    public String errTrimmed() {
        return stripTrailingNewlines(err());
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    public static ExecResult of(int exitCode, String stdout, String stderr) {
        return new ExecResult(exitCode, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8));
    }
}
