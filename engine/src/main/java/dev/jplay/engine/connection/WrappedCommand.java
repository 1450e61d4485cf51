package dev.jplay.engine.connection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The command line and stdin that actually run an {@link ExecRequest}: environment exports, then
 * the script, inside sudo or su when the request becomes another user. Shared by every connection
 * so local and SSH runs behave the same.
 *
 * <p>A become password goes first on stdin (three times, for sudo's retries), followed by a sentinel
 * line. sudo reads the password only when it needs one; the inner shell then skips whatever is left
 * of the prefix up to the sentinel, so the script sees exactly the request's stdin, and a wrong
 * password never makes sudo read the script's input as password attempts.
 */
public record WrappedCommand(String commandLine, byte[] stdin) {

    static final String SENTINEL = "__JPLAY_STDIN_BEGINS__";
    /**
     * The user we become may not be allowed into the directory we are in (root's home, a folder inside a
     * 0700 checkout): then, as Ansible's modules do, start in its home, else /tmp, else /. Tools such as
     * rootless podman fail outright when they cannot enter their working directory by its path. The test
     * is on {@code $PWD}, not {@code .}: a directory can be searchable itself while a parent is not.
     */
    static final String REACHABLE_CWD = "[ -x \"$PWD\" ] || cd 2>/dev/null || cd /tmp 2>/dev/null || cd /; ";

    public static WrappedCommand of(ExecRequest req) {
        Become b = req.become();
        if (!b.enabled()) {
            return new WrappedCommand(exports(req.env()) + req.script(), req.stdin());
        }
        // environment values may be secrets: like the password, they travel on stdin, never on the command line (ps)
        String body = importsFromStdin(req.env()) + REACHABLE_CWD + req.script();
        byte[] stdin = concat(envLines(req.env()), req.stdin());
        String skipPrefix = "while IFS= read -r __jp_l && [ \"$__jp_l\" != " + SENTINEL + " ]; do :; done; unset __jp_l; ";
        if (b.method() == Become.BecomeMethod.SU) {
            if (!b.hasPassword()) {
                return new WrappedCommand("su -s /bin/sh " + ShellQuote.quote(b.user()) + " -c " + ShellQuote.quote(body), stdin);
            }
            // su (util-linux, PAM) reads the password from a non-terminal stdin up to the newline, as sudo -S does
            return new WrappedCommand("su -s /bin/sh " + ShellQuote.quote(b.user()) + " -c " + ShellQuote.quote(skipPrefix + body),
                    passwordFirst(b, stdin));
        }
        if (!b.hasPassword()) {
            return new WrappedCommand("sudo -H -n -u " + ShellQuote.quote(b.user()) + " -- /bin/sh -c " + ShellQuote.quote(body),
                    stdin);
        }
        return new WrappedCommand("sudo -H -S -p '' -u " + ShellQuote.quote(b.user()) + " -- /bin/sh -c "
                + ShellQuote.quote(skipPrefix + body), passwordFirst(b, stdin));
    }

    /**
     * The script part that reads the environment from stdin, one line per variable in the order of
     * {@link #envLines}: each value arrives as printf {@code %b} octal escapes (so a newline in it is safe),
     * with an {@code x} guarding trailing newlines from the command substitution.
     */
    private static String importsFromStdin(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.keySet().forEach(k -> sb.append("IFS= read -r __jp_e; __jp_e=$(printf '%bx' \"$__jp_e\"); export ").append(k)
                .append("=\"${__jp_e%x}\"; "));
        if (!env.isEmpty()) {
            sb.append("unset __jp_e; ");
        }
        return sb.toString();
    }

    private static byte[] envLines(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        for (String v : env.values()) {
            for (byte x : v.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '.' || c == '/') {
                    sb.append((char) c);
                } else {
                    sb.append("\\0").append(String.format("%03o", c)); // always three digits: a digit after it stays itself
                }
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] passwordFirst(Become b, byte[] stdin) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        // three copies: sudo -S retries a wrong password up to passwd_tries (3) times; this way its retries
        // read copies of the password, never the script's own input
        String pw = b.password() + "\n";
        in.writeBytes((pw + pw + pw + SENTINEL + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(stdin);
        return in.toByteArray();
    }

    private static String exports(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append("export ").append(k).append('=').append(ShellQuote.quote(v)).append("; "));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "WrappedCommand[" + commandLine + "]";
    }
}
