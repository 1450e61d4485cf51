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

/**
 * hostname's probe for real on this machine, in check mode only (the build host's name is not ours to
 * change): it is valid sh and reads the name the way the host's strategy does.
 */
class HostnameLocalTest {

    @Test
    void theCurrentNameIsNoChangeAndAnotherWouldBe() throws Exception {
        Path file = Path.of("/etc/hostname");
        assumeTrue(Files.isRegularFile(file) && !Files.isDirectory(Path.of("/run/systemd/system")), "needs /etc/hostname, no systemd");
        String generic = new String(new ProcessBuilder("cat", "/proc/sys/kernel/hostname").start().getInputStream().readAllBytes()).strip();
        RealRun run = new RealRun(new LocalConnection()).check(true);
        ModuleResult same = run.run(new HostnameModule(), Map.of("name", generic, "use", "generic"));
        assertFalse(same.failed(), same.toString());
        assertEquals(!Files.readString(file).strip().equals(generic), same.changed(), same.toString());
        ModuleResult other = run.run(new HostnameModule(), Map.of("name", "jplay-other-name", "use", "generic"));
        assertTrue(other.changed(), other.toString());
        assertTrue(other.diffs().get(0).after().equals("hostname = jplay-other-name\n"));
        assertEquals(1, run.requests().size());
        assertEquals(generic, new String(new ProcessBuilder("cat", "/proc/sys/kernel/hostname").start().getInputStream().readAllBytes()).strip());
    }
}
