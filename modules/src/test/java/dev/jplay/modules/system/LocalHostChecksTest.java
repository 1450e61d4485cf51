package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probes of systemd, linger and firewalld run for real on this machine (no systemd as PID 1, no
 * firewalld): what a user sees on such a host, and proof that the probe scripts are valid sh.
 */
class LocalHostChecksTest {

    @Test
    void systemdOnAHostWithoutSystemdFailsWithSystemctlsOwnWords() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "this host runs systemd");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemctl")) || Files.isExecutable(Path.of("/bin/systemctl")), "no systemctl");
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new SystemdModule(), Map.of("name", "jplay-test.service", "state", "started"));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().startsWith("probing jplay-test.service failed (rc "), r.msg());
        assertTrue(r.msg().contains("System has not been booted with systemd") || r.msg().contains("Failed to connect to bus"), r.msg());
        assertEquals(1, run.requests().size());
    }

    @Test
    void lingerProbeForAUserWithoutLingerIsOk() {
        assumeFalse(Files.exists(Path.of("/var/lib/systemd/linger/root")));
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new LingerModule(), Map.of("user", "root", "state", "absent"));
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed());
        assertEquals(0, ((Number) r.values().get("uid")).intValue());
        assertEquals(1, run.requests().size());
    }

    @Test
    void lingerForAMissingUserFails() {
        ModuleResult r = new RealRun(new LocalConnection()).run(new LingerModule(), Map.of("user", "jplay-ghost-user"));
        assertTrue(r.failed());
        assertEquals("user jplay-ghost-user does not exist on the host: create it first (user module)", r.msg());
    }

    @Test
    void firewalldOnAHostWithoutItIsSkipped() {
        assumeFalse(Files.exists(Path.of("/usr/bin/firewall-cmd")), "firewalld installed here");
        ModuleResult r = new RealRun(new LocalConnection()).run(new FirewalldModule(), Map.of("port", "5000/tcp", "state", "enabled"));
        assertTrue(r.skipped(), r.toString());
        assertFalse(r.failed());
        assertEquals("firewall-cmd is not installed on the host: nothing to open", r.msg());
    }
}
