package dev.jplay.modules.net;

import java.util.List;

/** What wait_for waits for, decided from its options; each kind becomes one check function in {@link WaitForScript}. */
public sealed interface WaitCondition {

    /** The path exists (and, with a pattern, has a line that matches it). */
    record PathPresent(String path, SearchPattern pattern) implements WaitCondition {
    }

    record PathAbsent(String path) implements WaitCondition {
    }

    /**
     * A TCP connection to host:port opens (and, with a pattern, the peer sends a line that matches).
     *
     * @param loopback the host is this host itself, so its listening sockets in /proc can stand in for a connect
     */
    record PortOpen(String host, int port, SearchPattern pattern, boolean loopback) implements WaitCondition {
    }

    record PortClosed(String host, int port, boolean loopback) implements WaitCondition {
    }

    /**
     * No connection in one of {@code states} on the local port, as /proc/net/tcp* shows them.
     *
     * @param states   /proc state codes ({@code 01} is ESTABLISHED)
     * @param local    local addresses that count, as {@code 4:HEX} or {@code 6:HEX} in /proc's byte order
     * @param excluded remote addresses that do not count, in the same form
     */
    record Drained(int port, List<String> states, List<String> local, List<String> excluded) implements WaitCondition {
        public Drained {
            states = List.copyOf(states);
            local = List.copyOf(local);
            excluded = List.copyOf(excluded);
        }
    }

    /** Nothing to check: wait_for without port or path just sleeps for its timeout. */
    record Sleep() implements WaitCondition {
    }
}
