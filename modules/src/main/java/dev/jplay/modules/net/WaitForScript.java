package dev.jplay.modules.net;

import dev.jplay.modules.commands.ExpandingQuoter;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * The one POSIX sh command that polls for a {@link WaitCondition} on the host until it holds or the
 * timeout passes, so a wait costs one round trip however many polls it takes. It prints
 * {@value #OK} (then, for a pattern, the line that matched), {@value #TIMEOUT}, or {@value #NO_TOOL}
 * and what is missing.
 *
 * <p>A TCP connect needs a tool, as sh has none: bash's {@code /dev/tcp} (bounded by
 * {@code timeout} when the host has it), else an {@code nc} that knows {@code -z}, else, for this
 * host's own addresses, a listening socket in {@code /proc/net/tcp*}. Waiting for a pattern from a
 * port needs bash and timeout. {@code drained} reads {@code /proc/net/tcp*} (Linux).
 */
public final class WaitForScript {
    public static final String OK = "jplay-wait:ok";
    public static final String TIMEOUT = "jplay-wait:timeout";
    public static final String NO_TOOL = "jplay-wait:no-tool";

    private static final String ZEROS6 = "00000000000000000000000000000000";

    private WaitForScript() {
    }

    /** The script; times are whole seconds as in Ansible, {@code timeout} counted from before {@code delay}. */
    public static String build(WaitCondition c, long timeout, long delay, long sleep, long connectTimeout) {
        ExpandingQuoter q = new ExpandingQuoter();
        StringBuilder body = new StringBuilder();
        body.append("jp_end=$(( $(date +%s) + ").append(timeout).append(" )); ");
        if (delay > 0) {
            body.append("sleep ").append(delay).append("; ");
        }
        body.append("jp_to=''; if command -v timeout >/dev/null 2>&1; then jp_to='timeout ").append(connectTimeout).append("'; fi; ");
        if (c instanceof WaitCondition.PathPresent p) {
            String path = q.word(p.path());
            body.append("jp_check() { [ -e ").append(path).append(" ]");
            if (p.pattern() != null) {
                body.append(" && grep -a -E -m 1 -e ").append(quote(p.pattern().grep())).append(" -- ").append(path)
                        .append(" 2>/dev/null");
            }
            body.append("; }; ");
        } else if (c instanceof WaitCondition.PathAbsent p) {
            body.append("jp_check() { ! [ -e ").append(q.word(p.path())).append(" ]; }; ");
        } else if (c instanceof WaitCondition.PortOpen p && p.pattern() != null) {
            body.append("command -v bash >/dev/null 2>&1 && [ -n \"$jp_to\" ] || { echo '").append(NO_TOOL)
                    .append(" waiting for a pattern from a port needs bash and timeout on the host'; exit 0; }; ");
            body.append("jp_check() { jp_left=$(( jp_end - $(date +%s) )); [ \"$jp_left\" -gt 0 ] || return 1; ")
                    .append("timeout \"$jp_left\" bash -c 'exec 3<>\"/dev/tcp/$1/$2\" || exit 1; grep -a -E -m 1 -e \"$3\" <&3' jp ")
                    .append(quote(p.host())).append(' ').append(p.port()).append(' ').append(quote(p.pattern().grep()))
                    .append(" 2>/dev/null; }; ");
        } else if (c instanceof WaitCondition.PortOpen p) {
            connectFunction(body, p.host(), p.port(), p.loopback(), connectTimeout);
            body.append("jp_check() { jp_open; }; ");
        } else if (c instanceof WaitCondition.PortClosed p) {
            connectFunction(body, p.host(), p.port(), p.loopback(), connectTimeout);
            body.append("jp_check() { ! jp_open; }; ");
        } else if (c instanceof WaitCondition.Drained d) {
            body.append("[ -r /proc/net/tcp ] || { echo '").append(NO_TOOL)
                    .append(" state=drained reads /proc/net/tcp, which this host does not have'; exit 0; }; ");
            body.append("jp_check() { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk")
                    .append(" -v p=").append(String.format("%04X", d.port()))
                    .append(" -v st=").append(quote(" " + String.join(" ", d.states()) + " "))
                    .append(" -v ips=").append(quote(" " + String.join(" ", d.local()) + " "))
                    .append(" -v ex=").append(quote(" " + String.join(" ", d.excluded()) + " "))
                    .append(" '{ split($2, l, \":\"); split($3, r, \":\"); if (l[2] != p || index(st, \" \" $4 \" \") == 0) next;")
                    .append(" f = length(l[1]) == 8 ? \"4\" : \"6\"; z = f == \"4\" ? \"00000000\" : \"").append(ZEROS6).append("\";")
                    .append(" if (index(ex, \" \" f \":\" r[1] \" \")) next;")
                    .append(" if (index(ips, \" \" f \":\" l[1] \" \") || index(ips, \" \" f \":\" z \" \")")
                    .append(" || (substr(l[1], 1, 24) == \"0000000000000000FFFF0000\" && index(ips, \" 6:0000000000000000FFFF000000000000 \"))) n++ }")
                    .append(" END { exit (n > 0) }'; }; ");
        } else {
            throw new IllegalArgumentException("no script for " + c);
        }
        body.append("while [ \"$(date +%s)\" -lt \"$jp_end\" ]; do ")
                .append("if jp_line=$(jp_check); then printf '%s\\n%s\\n' ").append(OK).append(" \"$jp_line\"; exit 0; fi; ")
                .append("sleep ").append(sleep).append("; done; echo ").append(TIMEOUT);
        return q.prelude() + body;
    }

    /** Defines {@code jp_open}: succeeds when a TCP connection to host:port opens, with the best tool the host has. */
    private static void connectFunction(StringBuilder s, String host, int port, boolean loopback, long connectTimeout) {
        String h = quote(host);
        s.append("if command -v bash >/dev/null 2>&1; then ")
                .append("jp_open() { $jp_to bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' jp ").append(h).append(' ').append(port)
                .append(" >/dev/null 2>&1; }; ");
        s.append("elif command -v nc >/dev/null 2>&1 && nc -h 2>&1 | grep -q -e -z; then ")
                .append("jp_open() { nc -z -w ").append(connectTimeout).append(' ').append(h).append(' ').append(port)
                .append(" </dev/null >/dev/null 2>&1; }; ");
        if (loopback) {
            // a listening socket on a wildcard or loopback address of this host accepts the connection
            s.append("elif [ -r /proc/net/tcp ]; then ")
                    .append("jp_open() { cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v p=").append(String.format("%04X", port))
                    .append(" '$4 == \"0A\" { split($2, a, \":\"); if (a[2] == p && (a[1] ~ /^0+$/ || a[1] ~ /7F$/")
                    .append(" || a[1] == \"00000000000000000000000001000000\")) f = 1 } END { exit !f }'; }; ");
        }
        s.append("else echo '").append(NO_TOOL).append(" testing a TCP port needs bash or nc (with -z) on the host")
                .append(loopback ? "" : ", or a local host address to look up in /proc/net/tcp").append("'; exit 0; fi; ");
    }
}
