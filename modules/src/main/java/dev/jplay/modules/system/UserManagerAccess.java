package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Reaches a user's systemd manager ({@code systemctl --user}) with nothing set by the caller: the
 * thing Ansible's {@code scope: user} gets wrong under {@code become_user} ("Failed to connect to bus").
 *
 * <p>The target user is the one given, or else whoever the task's commands run as (the become user,
 * or the login user). One remote script finds its uid and checks {@code /run/user/UID/bus}:
 * <ul>
 *   <li>bus present, and the commands run as that user: {@code systemctl --user} with
 *       {@code XDG_RUNTIME_DIR} and {@code DBUS_SESSION_BUS_ADDRESS} set explicitly (never inherited:
 *       su/sudo leave stale values, and systemd 257 dropped the fallback);</li>
 *   <li>bus present, commands run as root for another user: {@code runuser -u USER -- systemctl --user}
 *       with the same variables; {@code systemctl --user -M USER@} (systemd >= 248) where runuser is
 *       missing. runuser is preferred because {@code -M} opens a PAM login session per call;</li>
 *   <li>bus absent: the manager is not running. With linger enabled, {@code user@UID.service} is
 *       started as root (waiting, bounded, for the bus) and the script runs again. Without linger it
 *       fails and says what to do: enable linger (linger module) or log in as the user. A manager that
 *       {@code -M} would start for one call dies with its PAM session, taking started units with it, so
 *       jplay never relies on that.</li>
 * </ul>
 * The caller's script runs in that same round trip when the manager is up, so a user-scope probe
 * costs what a system-scope probe costs.
 */
public final class UserManagerAccess {

    /** First stdout line of every probe: {@code jplay-user-manager: state=... user=... uid=...}. */
    static final String HEADER = "jplay-user-manager:";
    /** How long to wait for the bus after starting user@UID.service, in tenths of a second. */
    static final int BUS_WAIT_TENTHS = 150;

    private UserManagerAccess() {
    }

    /**
     * What {@link #run} found and what the caller's script printed.
     *
     * @param result         the script's result, without the probe's header line
     * @param startedManager jplay started {@code user@UID.service} on the way
     */
    public record Run(UserManager manager, ExecResult result, boolean startedManager) {
    }

    /**
     * Finds the manager of {@code user} (null: whoever the task runs as) and runs {@code body} against it
     * in the same round trip. The body may call {@value UserManager#SYSTEMCTL}.
     *
     * @param mayStart start {@code user@UID.service} when linger is on but the manager is not running
     *                 (pass {@code !ctx.checkMode()})
     * @throws UserManagerUnavailable when the manager cannot be reached; the message says why and what to do
     */
    public static Run run(ModuleContext ctx, String user, String body, boolean mayStart) throws ModuleFailure {
        return run(ctx, user, body, new byte[0], mayStart);
    }

    public static Run run(ModuleContext ctx, String user, String body, byte[] stdin, boolean mayStart) throws ModuleFailure {
        ExecResult r = ctx.exec(new ExecRequest(probeScript(user, body), stdin, ctx.become(), null, null));
        Header h = Header.of(r);
        if (h.state().equals("ready")) {
            return new Run(h.manager(ctx.become()), withoutHeader(r), false);
        }
        h.failUnlessStartable(mayStart);
        startManager(ctx, h.user(), h.uid(), h.euid());
        ExecResult again = ctx.exec(new ExecRequest(probeScript(user, body), stdin, ctx.become(), null, null));
        Header h2 = Header.of(again);
        if (!h2.state().equals("ready")) {
            throw new ModuleFailure("started user@" + h.uid() + ".service for " + h.user() + " but its manager is still not reachable ("
                    + h2.state() + "); check `systemctl status user@" + h.uid() + ".service` on the host");
        }
        return new Run(h2.manager(ctx.become()), withoutHeader(again), true);
    }

    /** Finds (and, when allowed, starts) the manager without running anything else. */
    public static UserManager resolve(ModuleContext ctx, String user, boolean mayStart) throws ModuleFailure {
        return run(ctx, user, ":", mayStart).manager();
    }

    /**
     * Starts {@code user@UID.service} as root and waits (bounded) for its bus. Used when linger is on but
     * the manager is not (yet) running, and by the linger module right after enabling linger.
     *
     * @param euid the uid the task's commands run as: 0 means they already run as root
     */
    static void startManager(ModuleContext ctx, String user, int uid, int euid) throws ModuleFailure {
        ExecRequest req = new ExecRequest(startScript(uid), null, euid == 0 ? ctx.become() : asRoot(ctx, user, uid), null, null);
        ExecResult r = ctx.exec(req);
        if (!r.ok()) {
            throw new ModuleFailure("cannot start the user manager of " + user + " (systemctl start user@" + uid + ".service): "
                    + r.errTrimmed(), Map.of("rc", r.exitCode(), "stderr", r.errTrimmed()));
        }
    }

    /** The become that runs a command as root when the task's commands run as someone else. */
    private static Become asRoot(ModuleContext ctx, String user, int uid) throws ModuleFailure {
        Become b = ctx.become();
        if (!b.enabled()) {
            throw new UserManagerUnavailable("the user manager of " + user + " is not running and only root can start it "
                    + "(systemctl start user@" + uid + ".service): run this task with become (or log in as " + user
                    + " so that logind starts it)");
        }
        // su without a password works only from root, so the login user is root; sudo reuses the task's password
        return b.method() == Become.BecomeMethod.SU ? Become.NONE : new Become(true, "root", Become.BecomeMethod.SUDO, b.password());
    }

    static String startScript(int uid) {
        String bus = "/run/user/" + uid + "/bus";
        return "systemctl start user@" + uid + ".service || exit $?; jp_i=0; while [ ! -S " + bus + " ]; do jp_i=$((jp_i+1)); "
                + "if [ $jp_i -gt " + BUS_WAIT_TENTHS + " ]; then echo 'user@" + uid + ".service started but " + bus
                + " did not appear within " + BUS_WAIT_TENTHS / 10 + " s' >&2; exit 75; fi; sleep 0.1; done";
    }

    /**
     * The probe: resolves the target user, picks the route, prints the header, defines
     * {@value UserManager#SYSTEMCTL}, then runs the body. When the manager is not reachable it prints the
     * header with the reason and exits 90 without running the body.
     */
    static String probeScript(String user, String body) {
        String t = user == null || user.isBlank() ? "''" : quote(user);
        return "jp_t=" + t + "; jp_euid=$(id -u) || exit 1; [ -n \"$jp_t\" ] || jp_t=$(id -un); "
                + "if ! jp_uid=$(id -u -- \"$jp_t\" 2>/dev/null); then echo \"" + HEADER + " state=nouser user=$jp_t euid=$jp_euid\"; exit 90; fi; "
                + "jp_rt=/run/user/$jp_uid; jp_linger=no; [ -e \"/var/lib/systemd/linger/$jp_t\" ] && jp_linger=yes; "
                + "jp_info=\"user=$jp_t uid=$jp_uid euid=$jp_euid linger=$jp_linger\"; "
                + "if [ ! -S \"$jp_rt/bus\" ]; then echo \"" + HEADER + " state=absent $jp_info\"; exit 90; fi; "
                + "if [ \"$jp_uid\" = \"$jp_euid\" ]; then jp_route=session-bus; "
                + "elif [ \"$jp_euid\" = 0 ]; then if command -v runuser >/dev/null 2>&1; then jp_route=runuser; else jp_route=machine; fi; "
                + "else echo \"" + HEADER + " state=denied $jp_info\"; exit 90; fi; "
                + "echo \"" + HEADER + " state=ready route=$jp_route $jp_info\"; "
                + "case $jp_route in "
                + "session-bus) export XDG_RUNTIME_DIR=$jp_rt DBUS_SESSION_BUS_ADDRESS=unix:path=$jp_rt/bus; "
                + UserManager.SYSTEMCTL + "() { systemctl --user \"$@\"; } ;; "
                + "runuser) " + UserManager.SYSTEMCTL + "() { runuser -u \"$jp_t\" -- env XDG_RUNTIME_DIR=$jp_rt "
                + "DBUS_SESSION_BUS_ADDRESS=unix:path=$jp_rt/bus systemctl --user \"$@\"; } ;; "
                + "machine) " + UserManager.SYSTEMCTL + "() { systemctl --user -M \"$jp_t@\" \"$@\"; } ;; "
                + "esac\n"
                + body;
    }

    private static ExecResult withoutHeader(ExecResult r) {
        byte[] out = r.stdout();
        int nl = indexOf(out, (byte) '\n');
        byte[] rest = nl < 0 ? new byte[0] : Arrays.copyOfRange(out, nl + 1, out.length);
        return new ExecResult(r.exitCode(), rest, r.stderr());
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The probe's header line, parsed. */
    record Header(String state, Map<String, String> fields) {

        static Header of(ExecResult r) throws ModuleFailure {
            String out = new String(r.stdout(), StandardCharsets.UTF_8);
            int nl = out.indexOf('\n');
            String first = nl < 0 ? out : out.substring(0, nl);
            if (!first.startsWith(HEADER)) {
                throw new ModuleFailure("cannot probe the systemd user manager: " + (r.errTrimmed().isEmpty() ? "rc " + r.exitCode()
                        : r.errTrimmed()), Map.of("rc", r.exitCode(), "stderr", r.errTrimmed()));
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String word : first.substring(HEADER.length()).trim().split(" +")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    f.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            return new Header(f.getOrDefault("state", ""), f);
        }

        String user() {
            return fields.getOrDefault("user", "?");
        }

        int uid() {
            return Integer.parseInt(fields.getOrDefault("uid", "-1"));
        }

        int euid() {
            return Integer.parseInt(fields.getOrDefault("euid", "-1"));
        }

        boolean linger() {
            return "yes".equals(fields.get("linger"));
        }

        UserManager manager(Become become) {
            return new UserManager(user(), uid(), UserManager.Route.ofWord(fields.get("route")), become);
        }

        /** Throws the right explanation unless the manager is merely stopped and may be started. */
        void failUnlessStartable(boolean mayStart) throws ModuleFailure {
            switch (state) {
                case "nouser" -> throw new UserManagerUnavailable("user " + user() + " does not exist on the host, so it has no systemd user manager");
                case "denied" -> throw new UserManagerUnavailable("cannot reach the systemd user manager of " + user() + " (uid " + uid()
                        + ") from uid " + euid() + ": run the task as " + user() + " (become_user: " + user() + ") or as root");
                case "absent" -> {
                    if (!linger()) {
                        throw new UserManagerUnavailable("no systemd user manager is running for " + user() + " (uid " + uid()
                                + "): it runs only while " + user() + " is logged in, or always once linger is enabled. Enable linger "
                                + "first (task `linger: user=" + user() + "` with become), or connect as " + user()
                                + (uid() == 0 ? ". scope: user means the manager of the user the task runs as: for another user's units "
                                + "set become_user to that user" : ""));
                    }
                    if (!mayStart) {
                        throw new UserManagerUnavailable("the systemd user manager of " + user() + " (uid " + uid() + ") is not running "
                                + "yet (linger is enabled); check mode does not start it");
                    }
                }
                default -> throw new ModuleFailure("unexpected systemd user manager probe state '" + state + "'");
            }
        }
    }
}
