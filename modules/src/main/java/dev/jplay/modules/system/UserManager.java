package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;

import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * A running systemd user manager that {@link UserManagerAccess} found, and how commands reach it.
 * Scripts made with {@link #request} can call {@value #SYSTEMCTL} wherever they would write
 * {@code systemctl --user}; on the {@link Route#SESSION_BUS} route they also have
 * {@code XDG_RUNTIME_DIR} and {@code DBUS_SESSION_BUS_ADDRESS} set, which rootless podman needs too.
 *
 * @param user   the user whose manager this is
 * @param uid    that user's uid
 * @param route  how the commands reach the manager
 * @param become who the commands run as (the task's become: the user itself, or root for the other routes)
 */
public record UserManager(String user, int uid, Route route, Become become) {

    /** The shell function that stands for {@code systemctl --user} in scripts run through {@link #request}. */
    public static final String SYSTEMCTL = "user_systemctl";

    /** How commands reach the user's manager. */
    public enum Route {
        /** the commands run as the user, with its runtime dir and bus address set explicitly */
        SESSION_BUS("session-bus"),
        /** the commands run as root; systemctl runs as the user through runuser (no PAM login session per call) */
        RUNUSER("runuser"),
        /** the commands run as root; {@code systemctl --user -M USER@} (systemd >= 248; for hosts without runuser) */
        MACHINE("machine");

        private final String word;

        Route(String word) {
            this.word = word;
        }

        /** The route's name in the probe's output. */
        public String word() {
            return word;
        }

        static Route ofWord(String w) {
            for (Route r : values()) {
                if (r.word.equals(w)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown user manager route: " + w);
        }
    }

    /** {@code /run/user/UID}. */
    public String runtimeDir() {
        return "/run/user/" + uid;
    }

    /** {@code unix:path=/run/user/UID/bus}. */
    public String busAddress() {
        return "unix:path=" + runtimeDir() + "/bus";
    }

    /** The variables a command running as the user needs to find its manager (empty on the root routes). */
    public Map<String, String> env() {
        return route == Route.SESSION_BUS
                ? Map.of("XDG_RUNTIME_DIR", runtimeDir(), "DBUS_SESSION_BUS_ADDRESS", busAddress())
                : Map.of();
    }

    /** Shell text that defines {@value #SYSTEMCTL} (and exports the variables) for this route. */
    public String prelude() {
        return prelude(route, user, uid);
    }

    static String prelude(Route route, String user, int uid) {
        String rt = "/run/user/" + uid;
        return switch (route) {
            case SESSION_BUS -> "export XDG_RUNTIME_DIR=" + rt + " DBUS_SESSION_BUS_ADDRESS=unix:path=" + rt + "/bus; "
                    + SYSTEMCTL + "() { systemctl --user \"$@\"; }; ";
            case RUNUSER -> SYSTEMCTL + "() { runuser -u " + quote(user) + " -- env XDG_RUNTIME_DIR=" + rt
                    + " DBUS_SESSION_BUS_ADDRESS=unix:path=" + rt + "/bus systemctl --user \"$@\"; }; ";
            case MACHINE -> SYSTEMCTL + "() { systemctl --user -M " + quote(user + "@") + " \"$@\"; }; ";
        };
    }

    /** A request that runs {@code script} against this manager (as {@link #become}); the script may call {@value #SYSTEMCTL}. */
    public ExecRequest request(String script) {
        return request(script, new byte[0]);
    }

    public ExecRequest request(String script, byte[] stdin) {
        return new ExecRequest(prelude() + script, stdin, become, null, null);
    }
}
