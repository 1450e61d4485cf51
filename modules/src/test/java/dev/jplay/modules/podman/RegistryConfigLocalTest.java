package dev.jplay.modules.podman;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** registry_config for real through the local connection, into a temp folder. */
class RegistryConfigLocalTest {

    private static ModuleResult run(Map<String, Object> args, boolean check, boolean diff) {
        ModuleResult r = ModuleTestKit.of(new RegistryConfigModule()).on(new LocalConnection()).check(check).diff(diff).run(args);
        assertFalse(r.failed(), r.msg());
        return r;
    }

    @Test
    void writesOnceThenNothing(@TempDir Path tmp) throws Exception {
        Path dest = tmp.resolve("registries.conf.d/50-local.conf");
        Map<String, Object> args = Map.of("location", "198.18.77.1:5000", "insecure", true, "dest", dest.toString());

        ModuleResult check = run(args, true, true);
        assertTrue(check.changed());
        assertEquals(1, check.diffs().size());
        assertFalse(Files.exists(dest.getParent()), "check mode created nothing");

        assertTrue(run(args, false, false).changed());
        assertEquals("# written by jplay registry_config\n[[registry]]\nlocation = \"198.18.77.1:5000\"\ninsecure = true\n",
                Files.readString(dest));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        assertFalse(run(args, false, false).changed(), "second run");

        Map<String, Object> secure = Map.of("location", "198.18.77.1:5000", "insecure", false, "dest", dest.toString());
        ModuleResult diff = run(secure, false, true);
        assertTrue(diff.changed());
        assertTrue(diff.diffs().get(0).before().contains("insecure = true"));
        assertTrue(diff.diffs().get(0).after().contains("insecure = false"));

        Map<String, Object> absent = Map.of("location", "198.18.77.1:5000", "state", "absent", "dest", dest.toString());
        assertTrue(run(absent, true, false).changed());
        assertTrue(Files.exists(dest), "check mode removed nothing");
        assertTrue(run(absent, false, false).changed());
        assertFalse(Files.exists(dest));
        assertFalse(run(absent, false, false).changed());
    }
}
