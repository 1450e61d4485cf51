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
        String body = REACHABLE_CWD + exports(req.env()) + req.script();
        String skipPrefix = "while IFS= read -r __jp_l && [ \"$__jp_l\" != " + SENTINEL + " ]; do :; done; unset __jp_l; ";
        if (b.method() == Become.BecomeMethod.SU) {
            if (!b.hasPassword()) {
                return new WrappedCommand("su -s /bin/sh " + ShellQuote.quote(b.user()) + " -c " + ShellQuote.quote(body), req.stdin());
            }
            // su (util-linux, PAM) reads the password from a non-terminal stdin up to the newline, as sudo -S does
            return new WrappedCommand("su -s /bin/sh " + ShellQuote.quote(b.user()) + " -c " + ShellQuote.quote(skipPrefix + body),
                    passwordFirst(b, req.stdin()));
        }
        if (!b.hasPassword()) {
            return new WrappedCommand("sudo -H -n -u " + ShellQuote.quote(b.user()) + " -- /bin/sh -c " + ShellQuote.quote(body),
                    req.stdin());
        }
        return new WrappedCommand("sudo -H -S -p '' -u " + ShellQuote.quote(b.user()) + " -- /bin/sh -c "
                + ShellQuote.quote(skipPrefix + body), passwordFirst(b, req.stdin()));
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
