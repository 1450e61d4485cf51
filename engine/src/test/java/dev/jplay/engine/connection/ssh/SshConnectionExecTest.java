package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands over a real SSH connection to the harness's first host. */
@Tag("sshhosts")
class SshConnectionExecTest {

    private static SshTestHosts hosts;
    private static SshConnection root;

    @BeforeAll
    static void connect() throws Exception {
        hosts = SshTestHosts.require();
        root = hosts.connect(hosts.first().name(), "root");
    }

    @AfterAll
    static void close() {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void runsScriptsAndReportsExitCodesAndBothStreams() throws Exception {
        ExecResult r = root.exec(ExecRequest.of("hostname; echo oops >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertEquals(hosts.first().name(), r.outTrimmed());
        assertEquals("oops", r.errTrimmed());
        assertEquals(0, root.exec(ExecRequest.of("true")).exitCode());
        assertEquals(1, root.exec(ExecRequest.of("false")).exitCode());
    }

    @Test
    void roundTripOverOpenConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            root.exec(ExecRequest.of("true"));
        }
        int n = 200;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            root.exec(ExecRequest.of("true"));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf("round trip of `true` over an open connection: %.2f ms (connect took %d ms)%n", ms,
                root.connectTime().toMillis());
    }
}
