package dev.jplay.app.faults;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ssh.SshConnection;
import dev.jplay.engine.testhosts.SshTestHosts;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SSH test hosts as the fault tests use them: inventory lines that reach them as root with the
 * harness's key and known_hosts, shell commands on them (each over its own fresh connection, so a
 * check never shares a connection with the run it checks), and the one host the tests may stop:
 * {@link SshTestHosts#faultHost()} (h5 with five hosts up).
 */
public record FaultHosts(SshTestHosts hosts) {

    public static FaultHosts require(int minHosts) {
        return new FaultHosts(SshTestHosts.require(minHosts));
    }

    /** {@code h1 ansible_host=198.18.77.11 ansible_user=root ...}: one INI inventory line. */
    public String inventoryLine(String host) {
        StringBuilder sb = new StringBuilder(host);
        for (Map.Entry<String, Object> e : hosts.hostVars(host, "root").entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** An INI inventory of these hosts in group {@code targets}, plus extra lines (e.g. a hanging host). */
    public String inventory(List<String> names, String... extraLines) {
        StringBuilder sb = new StringBuilder("[targets]\n");
        names.forEach(n -> sb.append(inventoryLine(n)).append('\n'));
        for (String l : extraLines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** Runs a script as root on the host; fails the test if the host cannot be reached. */
    public ExecResult sh(String host, String script) {
        try (SshConnection c = hosts.connect(host, "root")) {
            return c.exec(ExecRequest.of(script));
        } catch (Exception e) {
            return fail("cannot run on " + host + ": " + script + ": " + e, e);
        }
    }

    /** One connection kept open to poll a host quickly (a few ms per command instead of a handshake each). */
    public final class Watch implements AutoCloseable {
        private final String host;
        private final SshConnection connection;

        private Watch(String host) {
            this.host = host;
            try {
                this.connection = hosts.connect(host, "root");
            } catch (Exception e) {
                throw new AssertionError("cannot connect to " + host + ": " + e, e);
            }
        }

        /** Runs a script that must succeed; returns its trimmed output. */
        public String check(String script) {
            try {
                ExecResult r = connection.exec(ExecRequest.of(script));
                if (!r.ok()) {
                    fail("on " + host + ": " + script + " exited " + r.exitCode() + ": " + r.err());
                }
                return r.outTrimmed();
            } catch (Exception e) {
                return fail("cannot run on " + host + ": " + script + ": " + e, e);
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    public Watch watch(String host) {
        return new Watch(host);
    }

    /** Like {@link #sh} but the script must succeed; returns its trimmed output. */
    public String check(String host, String script) {
        ExecResult r = sh(host, script);
        if (!r.ok()) {
            fail("on " + host + ": " + script + " exited " + r.exitCode() + ": " + r.err());
        }
        return r.outTrimmed();
    }

    /** jplay's temp files (*.jplay-tmp.*) under a folder of the host, one per line; empty when there are none. */
    public String tempFiles(String host, String dir) {
        return check(host, "find " + dir + " -name '*.jplay-tmp.*' 2>/dev/null || true");
    }

    /** The SHA-256 of a file on the host, or "absent". */
    public String sha256(String host, String path) {
        return check(host, "if [ -e " + path + " ]; then sha256sum " + path + " | cut -d' ' -f1; else echo absent; fi");
    }

    public String faultHost() {
        return hosts.faultHost().name();
    }

    public String host(int index) {
        return hosts.hosts().get(index).name();
    }
}
