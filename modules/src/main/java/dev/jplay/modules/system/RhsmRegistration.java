package dev.jplay.modules.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The scripts that register a host with subscription-manager while keeping the password and the
 * activation key off every command line (any local user can read argv with {@code ps}) and out of
 * the environment. The secrets travel on the script's stdin only, read by shell builtins.
 *
 * <ol>
 *   <li>D-Bus, as Ansible's redhat_subscription does: rhsm's {@code RegisterServer.Start} opens a
 *       private socket, and {@code Register} / {@code RegisterWithActivationKeys} are called on it by
 *       the host's own Python with dbus-python (both ship with subscription-manager); the secrets reach
 *       that Python on its stdin.</li>
 *   <li>Without the rhsm D-Bus service: username/password through a pseudo-terminal. The real
 *       {@code subscription-manager register --username U} prompts for the password on the terminal
 *       when none is given (and refuses without a terminal), so the script runs it under
 *       {@code script(1)} and types the password after the "Password:" prompt appears.</li>
 *   <li>An activation key has no prompt: without D-Bus the only way is {@code --activationkey} on the
 *       command line. jplay refuses that unless {@code activationkey_in_argv: true}.</li>
 * </ol>
 */
final class RhsmRegistration {

    /** Exit code of the D-Bus helper when rhsm's D-Bus service (or dbus-python) is not there. */
    static final int NO_DBUS = 86;
    /** Exit code when only the command line could carry the activation key and that was not allowed. */
    static final int KEY_NEEDS_ARGV = 87;
    /** Exit code when script(1) is missing for the password prompt. */
    static final int NO_PTY_TOOL = 88;
    /** Seconds to wait for the password prompt. */
    static final int PROMPT_WAIT_S = 60;

    /** What to register with; the secrets are not here (they go on stdin, see {@link #stdin}). */
    record Request(String username, String orgId, String consumerName, String serverHostname, boolean useActivationKey,
                   boolean activationKeyInArgv, boolean unregisterFirst) {
    }

    private RhsmRegistration() {
    }

    /** Line 1: password, line 2: activation key(s) (comma-separated). */
    static byte[] stdin(String password, String activationKey) {
        return ((password == null ? "" : password) + "\n" + (activationKey == null ? "" : activationKey) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String script(Request r) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; trap '' PIPE; IFS= read -r jp_pw || :; IFS= read -r jp_ak || :; ");
        if (r.unregisterFirst()) {
            s.append("subscription-manager unregister >/dev/null 2>&1 || subscription-manager clean >/dev/null 2>&1 || :; ");
        }
        s.append("jp_py=; for jp_c in /usr/libexec/platform-python /usr/bin/python3; do ")
                .append("if [ -x \"$jp_c\" ] && \"$jp_c\" -c 'import dbus' >/dev/null 2>&1; then jp_py=$jp_c; break; fi; done; ")
                .append("jp_rc=").append(NO_DBUS).append("; if [ -n \"$jp_py\" ]; then ")
                .append("printf '%s\\n%s\\n' \"$jp_pw\" \"$jp_ak\" | \"$jp_py\" -c ").append(quote(DBUS_HELPER)).append(' ')
                .append(quote(nz(r.orgId()))).append(' ').append(quote(r.useActivationKey() ? "" : nz(r.username()))).append(' ')
                .append(quote(nz(r.consumerName()))).append(' ').append(quote(nz(r.serverHostname()))).append("; jp_rc=$?; fi; ")
                .append("if [ $jp_rc = 75 ] && subscription-manager identity >/dev/null 2>&1; then jp_rc=0; fi; ")
                .append("if [ $jp_rc != ").append(NO_DBUS).append(" ]; then echo method=dbus; [ $jp_rc = 0 ] || exit $jp_rc; ")
                .append("subscription-manager refresh || exit $?; else echo method=cli; ");
        if (r.useActivationKey()) {
            if (r.activationKeyInArgv()) {
                s.append(cliRegister(r, "--activationkey=\"$jp_ak\"")).append(" || exit $?; ");
            } else {
                s.append("echo 'rhsm D-Bus service not available' >&2; exit ").append(KEY_NEEDS_ARGV).append("; ");
            }
        } else {
            s.append(passwordThroughPty(r));
        }
        return s.append("fi; subscription-manager identity 2>/dev/null | sed -n 's/^system identity: */uuid=/p'").toString();
    }

    /** {@code subscription-manager register} with the non-secret options (and {@code extra}, which may expand a secret). */
    private static String cliRegister(Request r, String extra) {
        List<String> words = new ArrayList<>(List.of("subscription-manager", "register"));
        if (!r.useActivationKey() && r.username() != null) {
            words.add(quote("--username=" + r.username()));
        }
        if (r.orgId() != null) {
            words.add(quote("--org=" + r.orgId()));
        }
        if (r.consumerName() != null) {
            words.add(quote("--name=" + r.consumerName()));
        }
        if (r.serverHostname() != null) {
            words.add(quote("--serverurl=" + r.serverHostname()));
        }
        if (extra != null) {
            words.add(extra);
        }
        return String.join(" ", words);
    }

    /**
     * Runs the register command under script(1) and types the password at its prompt. The prompt is
     * awaited first: Python's getpass flushes terminal input when it turns echo off, so a password sent
     * early would be lost. The pty's output (stdout and stderr together) is printed without the prompt line.
     */
    private static String passwordThroughPty(Request r) {
        return "command -v script >/dev/null 2>&1 || { echo 'script(1) (util-linux) is needed to give subscription-manager its "
                + "password on a terminal' >&2; exit " + NO_PTY_TOOL + "; }; "
                + "jp_d=$(mktemp -d) || exit 1; trap 'rm -rf \"$jp_d\"' EXIT; mkfifo \"$jp_d/in\" || exit 1; "
                + "script -q -e -c " + quote(cliRegister(r, null)) + " /dev/null < \"$jp_d/in\" > \"$jp_d/out\" 2>&1 & jp_pid=$!; "
                + "exec 3> \"$jp_d/in\"; jp_i=0; "
                + "while kill -0 $jp_pid 2>/dev/null && ! grep -q 'Password:' \"$jp_d/out\"; do jp_i=$((jp_i+1)); "
                + "[ $jp_i -gt " + PROMPT_WAIT_S * 10 + " ] && break; sleep 0.1; done; "
                + "if grep -q 'Password:' \"$jp_d/out\"; then sleep 0.2; printf '%s\\n' \"$jp_pw\" >&3; fi; "
                + "wait $jp_pid; jp_rc=$?; exec 3>&-; "
                + "sed -e 's/\\r$//' -e '/Password:/d' \"$jp_d/out\"; [ $jp_rc = 0 ] || exit $jp_rc; ";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Registers over rhsm's D-Bus API (the calls and signatures Ansible's redhat_subscription uses).
     * argv: org, username, consumer name, server host (none secret); stdin: password, activation key(s).
     * Exit 86: no rhsm D-Bus service here; 70: the server refused; 75: no reply (the caller checks identity).
     */
    static final String DBUS_HELPER = """
            import sys
            try:
                import dbus
            except ImportError:
                sys.exit(86)
            org, user, name, host = sys.argv[1:5]
            password = sys.stdin.readline().rstrip('\\n')
            keys = [k.strip() for k in sys.stdin.readline().rstrip('\\n').split(',') if k.strip()]
            try:
                bus = dbus.SystemBus()
                known = list(bus.list_names()) + list(bus.list_activatable_names())
            except dbus.exceptions.DBusException:
                sys.exit(86)
            if 'com.redhat.RHSM1' not in known:
                sys.exit(86)
            opts = {}
            if name:
                opts['name'] = name
            conn = {}
            if host:
                conn['host'] = host
            opts = dbus.Dictionary(opts, signature='sv', variant_level=1)
            conn = dbus.Dictionary(conn, signature='sv', variant_level=1)
            server = bus.get_object('com.redhat.RHSM1', '/com/redhat/RHSM1/RegisterServer')
            address = server.Start('C', dbus_interface='com.redhat.RHSM1.RegisterServer')
            rc = 0
            try:
                private = dbus.connection.Connection(address)
                if keys:
                    private.call_blocking('com.redhat.RHSM1', '/com/redhat/RHSM1/Register', 'com.redhat.RHSM1.Register',
                                          'RegisterWithActivationKeys', 'sasa{sv}a{sv}s', (org, keys, opts, conn, 'C'), timeout=600)
                else:
                    private.call_blocking('com.redhat.RHSM1', '/com/redhat/RHSM1/Register', 'com.redhat.RHSM1.Register',
                                          'Register', 'sssa{sv}a{sv}s', (org, user, password, opts, conn, 'C'), timeout=600)
            except dbus.exceptions.DBusException as e:
                if e.get_dbus_name() == 'org.freedesktop.DBus.Error.NoReply':
                    rc = 75
                else:
                    message = e.get_dbus_message() or e.get_dbus_name()
                    try:
                        import json
                        message = json.loads(message).get('message', message)
                    except Exception:
                        pass
                    sys.stderr.write('registration refused: %s\\n' % message)
                    rc = 70
            finally:
                try:
                    server.Stop('C', dbus_interface='com.redhat.RHSM1.RegisterServer')
                except Exception:
                    pass
            sys.exit(rc)
            """;
}
