package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
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
 * service's SysV probe for real on this machine (no systemd as PID 1): it is valid sh, finds init
 * scripts and their start links, and changes nothing in check mode. Acting on a real service is
 * left to the nspawn and SSH hosts.
 */
class ServiceLocalTest {

    @BeforeEach
    void sysvHost() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "this host runs systemd");
    }

    @Test
    void aMissingServiceFailsWithAnsiblesMessageAfterOneProbe() {
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new ServiceModule(), Map.of("name", "jplay-no-such-service", "state", "started"));
        assertTrue(r.failed(), r.toString());
        assertEquals("Could not find the requested service jplay-no-such-service: host", r.msg());
        assertEquals(1, run.requests().size());
    }

    @Test
    void checkModeReadsTheStartLinksOfARealScript() throws Exception {
        String name = enabledScript();
        RealRun run = new RealRun(new LocalConnection()).check(true);
        ModuleResult same = run.run(new ServiceModule(), Map.of("name", name, "enabled", true));
        assertFalse(same.failed(), same.toString());
        assertFalse(same.changed(), "an S??" + name + " link exists: " + same);
        ModuleResult off = run.run(new ServiceModule(), Map.of("name", name, "enabled", false));
        assertTrue(off.changed(), off.toString());
        assertEquals(1, run.requests().size(), "check mode only probes");
        assertTrue(Files.exists(Path.of("/etc/init.d/" + name)));
    }

    /** An init script of this machine with a start link in rc2.d. */
    private static String enabledScript() throws Exception {
        Path rc2 = Path.of("/etc/rc2.d");
        assumeTrue(Files.isDirectory(rc2), "no /etc/rc2.d");
        try (var links = Files.list(rc2)) {
            return links.map(p -> p.getFileName().toString()).filter(n -> n.matches("S\\d\\d.+"))
                    .map(n -> n.substring(3)).filter(n -> Files.exists(Path.of("/etc/init.d", n))).findFirst()
                    .orElseGet(() -> {
                        assumeTrue(false, "no enabled init script here");
                        return null;
                    });
        }
    }
}
