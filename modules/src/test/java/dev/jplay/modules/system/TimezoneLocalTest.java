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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** timezone's probe for real on this machine, in check mode only (its zone is not the tests' to change). */
class TimezoneLocalTest {

    @Test
    void theCurrentZoneIsNoChangeAnotherWouldBe() throws Exception {
        Path localtime = Path.of("/etc/localtime");
        assumeTrue(Files.isSymbolicLink(localtime) && !Files.isDirectory(Path.of("/run/systemd/system")), "needs a linked /etc/localtime");
        String zone = Files.readSymbolicLink(localtime).toString().replaceFirst("^.*/zoneinfo/", "");
        assumeTrue(!Files.exists(Path.of("/etc/timezone")) || Files.readString(Path.of("/etc/timezone")).strip().equals(zone));
        RealRun run = new RealRun(new LocalConnection()).check(true);
        ModuleResult same = run.run(new TimezoneModule(), Map.of("name", zone));
        assertFalse(same.failed(), same.toString());
        assertFalse(same.changed(), same.toString());
        String other = zone.equals("Europe/Berlin") ? "Asia/Tokyo" : "Europe/Berlin";
        assumeTrue(Files.exists(Path.of("/usr/share/zoneinfo", other)), "no zoneinfo for " + other);
        ModuleResult change = run.run(new TimezoneModule(), Map.of("name", other));
        assertTrue(change.changed(), change.toString());
        assertEquals(zone, Files.readSymbolicLink(localtime).toString().replaceFirst("^.*/zoneinfo/", ""), "check mode changed the zone");
        ModuleResult missing = new RealRun(new LocalConnection()).run(new TimezoneModule(), Map.of("name", "Mars/Olympus"));
        assertEquals("given timezone \"Mars/Olympus\" is not available", missing.msg());
    }
}
