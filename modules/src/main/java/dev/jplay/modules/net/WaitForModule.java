package dev.jplay.modules.net;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's {@code wait_for}: waits until a port opens or closes, a file appears (with a line
 * matching a pattern) or disappears, or a port's connections drain. The check runs on the host,
 * so {@code host: 127.0.0.1} is the task's host itself, as in Ansible. All polling happens inside
 * one command on the host ({@link WaitForScript}): one round trip per task. Never changed; it waits
 * in check mode too, as Ansible does.
 */
public final class WaitForModule implements Module {

    /** Ansible's connection state names and their codes in /proc/net/tcp. */
    static final Map<String, String> TCP_STATES = Map.ofEntries(
            Map.entry("ESTABLISHED", "01"), Map.entry("SYN_SENT", "02"), Map.entry("SYN_RECV", "03"),
            Map.entry("FIN_WAIT1", "04"), Map.entry("FIN_WAIT2", "05"), Map.entry("TIME_WAIT", "06"),
            Map.entry("CLOSE", "07"), Map.entry("CLOSE_WAIT", "08"), Map.entry("LAST_ACK", "09"),
            Map.entry("LISTEN", "0A"), Map.entry("CLOSING", "0B"));

    private static final ModuleSpec SPEC = ModuleSpec.builder("wait_for")
            .describe("Waits on the host for a TCP port to open or close, a file to appear (optionally containing a pattern) "
                    + "or go away, or a port's connections to drain. Never reports changed.")
            .option(OptionSpec.of("host", OptionType.STR, "The address to check, as seen from the host (127.0.0.1 is the host itself).")
                    .defaultValue("127.0.0.1"))
            .option(OptionSpec.of("port", OptionType.INT, "The TCP port to wait for."))
            .option(OptionSpec.of("path", OptionType.PATH, "The file to wait for (present) or to disappear (absent)."))
            .option(OptionSpec.of("state", OptionType.STR,
                    "started/present: the port accepts connections or the file exists; stopped/absent: the port refuses or the "
                            + "file is gone; drained: no active connections on the port.")
                    .choices("absent", "drained", "present", "started", "stopped").defaultValue("started"))
            .option(OptionSpec.of("timeout", OptionType.INT, "Seconds to wait in all, delay included, before failing.").defaultValue(300))
            .option(OptionSpec.of("delay", OptionType.INT, "Seconds to wait before the first check.").defaultValue(0))
            .option(OptionSpec.of("sleep", OptionType.INT, "Seconds between checks.").defaultValue(1))
            .option(OptionSpec.of("connect_timeout", OptionType.INT, "Seconds one connection attempt may take.").defaultValue(5))
            .option(OptionSpec.of("search_regex", OptionType.STR,
                    "A regular expression a line of the file (or of what the port sends) must match; matched with grep -E on "
                            + "the host, with \\d \\s \\w and (?P<name>...) translated."))
            .option(OptionSpec.of("active_connection_states", OptionType.LIST, "The TCP states that count as active for drained.")
                    .defaultValue(List.of("ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "SYN_RECV", "SYN_SENT", "TIME_WAIT")))
            .option(OptionSpec.of("exclude_hosts", OptionType.LIST, "For drained: IP addresses whose connections do not count."))
            .option(OptionSpec.of("msg", OptionType.STR, "The failure message instead of the default one."))
            .mutuallyExclusive("port", "path")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        WaitCondition condition = condition(a);
        long timeout = a.integer("timeout", 300);
        long delay = a.integer("delay", 0);
        long started = System.nanoTime();
        String matchedLine = null;
        if (condition instanceof WaitCondition.Sleep) {
            sleep(delay + timeout);
        } else {
            ExecResult r = ctx.exec(WaitForScript.build(condition, timeout, delay, Math.max(0, a.integer("sleep", 1)),
                    Math.max(1, a.integer("connect_timeout", 5))));
            String out = r.out();
            long elapsed = elapsedSince(started);
            if (out.startsWith(WaitForScript.OK + "\n")) {
                String rest = out.substring(WaitForScript.OK.length() + 1);
                int nl = rest.indexOf('\n');
                matchedLine = nl < 0 ? rest : rest.substring(0, nl);
            } else if (out.startsWith(WaitForScript.TIMEOUT)) {
                throw new ModuleFailure(a.optString("msg").orElse(timeoutMessage(a)), Map.of("elapsed", elapsed));
            } else if (out.startsWith(WaitForScript.NO_TOOL)) {
                throw new ModuleFailure("wait_for cannot check this on " + ctx.host() + ": "
                        + out.substring(WaitForScript.NO_TOOL.length()).strip(), Map.of("elapsed", elapsed));
            } else {
                throw new ModuleFailure("wait_for's check did not run on " + ctx.host() + " (exit code " + r.exitCode() + "): "
                        + (r.errTrimmed().isEmpty() ? r.outTrimmed() : r.errTrimmed()), Map.of("elapsed", elapsed));
            }
        }
        SearchPattern pattern = a.has("search_regex") ? SearchPattern.of(a.string("search_regex")) : null;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("state", a.string("state"));
        values.put("port", a.has("port") ? a.integer("port", 0) : null);
        values.put("path", a.string("path"));
        values.put("search_regex", a.string("search_regex"));
        values.put("match_groups", pattern != null && matchedLine != null ? pattern.groups(matchedLine) : List.of());
        values.put("match_groupdict", pattern != null && matchedLine != null ? pattern.namedGroups(matchedLine) : Map.of());
        values.put("elapsed", elapsedSince(started));
        return ModuleResult.ok().values(values).build();
    }

    /** The condition the options describe, with Ansible's checks of option combinations. */
    static WaitCondition condition(ModuleArgs a) throws ModuleFailure {
        String state = a.string("state");
        String host = a.string("host");
        boolean hasPort = a.has("port");
        boolean hasPath = a.has("path");
        if (hasPort && hasPath) {
            throw new ModuleFailure("port and path parameter can not both be passed to wait_for");
        }
        if (hasPath && (state.equals("stopped") || state.equals("drained"))) {
            throw new ModuleFailure("state=" + state + " should only be used for checking a port in the wait_for module");
        }
        if (a.has("exclude_hosts") && !state.equals("drained")) {
            throw new ModuleFailure("exclude_hosts should only be with state=drained");
        }
        List<String> states = new ArrayList<>();
        for (String s : a.stringList("active_connection_states")) {
            String code = TCP_STATES.get(s.toUpperCase(Locale.ROOT));
            if (code == null) {
                throw new ModuleFailure("unknown active_connection_state (" + s + ") defined; known: "
                        + String.join(", ", TCP_STATES.keySet().stream().sorted().toList()));
            }
            states.add(code);
        }
        SearchPattern pattern = null;
        if (a.has("search_regex")) {
            try {
                pattern = SearchPattern.of(a.string("search_regex"));
            } catch (IllegalArgumentException e) {
                throw new ModuleFailure(e.getMessage());
            }
        }
        int port = (int) a.integer("port", 0);
        if (hasPort && (port < 1 || port > 65535)) {
            throw new ModuleFailure("port must be between 1 and 65535, got " + port);
        }
        if (state.equals("drained")) {
            if (!hasPort) {
                throw new ModuleFailure("state=drained needs a port");
            }
            List<String> excluded = new ArrayList<>();
            for (String h : a.stringList("exclude_hosts")) {
                excluded.addAll(ProcAddresses.of(h));
            }
            return new WaitCondition.Drained(port, states, ProcAddresses.of(host), excluded);
        }
        boolean stop = state.equals("stopped") || state.equals("absent");
        if (hasPath) {
            return stop ? new WaitCondition.PathAbsent(a.string("path")) : new WaitCondition.PathPresent(a.string("path"), pattern);
        }
        if (hasPort) {
            boolean loopback = isLoopback(host);
            return stop ? new WaitCondition.PortClosed(host, port, loopback) : new WaitCondition.PortOpen(host, port, pattern, loopback);
        }
        return new WaitCondition.Sleep();
    }

    private static boolean isLoopback(String host) {
        return switch (host) {
            case "localhost", "127.0.0.1", "::1", "0.0.0.0", "::" -> true;
            default -> host.startsWith("127.") && host.matches("[0-9.]+");
        };
    }

    private static String timeoutMessage(ModuleArgs a) {
        String state = a.string("state");
        String re = a.string("search_regex");
        if (a.has("port")) {
            String hp = a.string("host") + ":" + a.integer("port", 0);
            return switch (state) {
                case "stopped", "absent" -> "Timeout when waiting for " + hp + " to stop.";
                case "drained" -> "Timeout when waiting for " + hp + " to drain";
                default -> re != null ? "Timeout when waiting for search string " + re + " in " + hp : "Timeout when waiting for " + hp;
            };
        }
        String path = a.string("path");
        if (state.equals("absent")) {
            return "Timeout when waiting for " + path + " to be absent.";
        }
        return re != null ? "Timeout when waiting for search string " + re + " in " + path : "Timeout when waiting for file " + path;
    }

    private static long elapsedSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000_000L;
    }

    private static void sleep(long seconds) throws ModuleFailure {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleFailure("wait_for was interrupted");
        }
    }

    /** Addresses as /proc/net/tcp* writes them: per 4-byte word, least significant byte first (little-endian hosts). */
    static final class ProcAddresses {
        private ProcAddresses() {
        }

        /** {@code 4:HEX}/{@code 6:HEX} forms of an IP literal or localhost; an IPv4 address also as IPv4-mapped IPv6. */
        static List<String> of(String host) throws ModuleFailure {
            List<String> out = new ArrayList<>();
            if (host.equals("localhost")) {
                out.addAll(of("127.0.0.1"));
                out.addAll(of("::1"));
                return out;
            }
            if (!host.matches("[0-9.]+") && !host.contains(":")) {
                throw new ModuleFailure("state=drained needs host and exclude_hosts as IP addresses (or localhost), got '" + host + "'");
            }
            byte[] b;
            try {
                b = InetAddress.getByName(host).getAddress(); // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new ModuleFailure("not an IP address: '" + host + "'");
            }
            if (b.length == 4) {
                out.add("4:" + words(b));
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                out.add("6:" + words(mapped));
            } else {
                out.add("6:" + words(b));
            }
            return out;
        }

        private static String words(byte[] b) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < b.length; w += 4) {
                for (int i = 3; i >= 0; i--) {
                    sb.append(String.format("%02X", b[w + i] & 0xff));
                }
            }
            return sb.toString();
        }
    }
}
