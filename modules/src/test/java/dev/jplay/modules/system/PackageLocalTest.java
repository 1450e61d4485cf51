package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * package/apt for real on this (Debian) machine, only where no network is needed: installed packages
 * are found in the local database and nothing else runs; check mode and absent of an unknown package
 * need the database only.
 */
class PackageLocalTest {

    private static final String UNKNOWN = "jplay-no-such-package-7f3a";

    @BeforeAll
    static void debianHost() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg-query")),
                "needs a Debian host (apt-get, dpkg-query)");
    }

    @Test
    void installedPackagesCostOneRoundTripAndNoNetworkEvenWithUpdateCache() {
        for (var module : List.of(new PackageModule(), new AptModule())) {
            RealRun run = new RealRun(new LocalConnection());
            ModuleResult r = run.run(module, Map.of("name", List.of("coreutils", "bash"), "update_cache", true));
            assertFalse(r.failed(), r.toString());
            assertFalse(r.changed(), r.toString());
            assertEquals(1, run.requests().size(), run.scripts().toString());
            assertFalse(run.scripts().get(0).contains("apt-get update"));
            @SuppressWarnings("unchecked")
            Map<String, Object> packages = (Map<String, Object>) r.values().get("packages");
            assertTrue(packages.get("coreutils").toString().matches("\\d.*"), r.toString());
            assertEquals("apt-get", r.values().get("pkg_mgr"));
            assertEquals(false, r.values().get("cache_updated"));
        }
    }

    @Test
    void checkModePredictsTheInstallOfAMissingPackageAndRunsNothingElse() {
        RealRun run = new RealRun(new LocalConnection()).check(true);
        ModuleResult r = run.run(new PackageModule(), Map.of("name", List.of("bash", UNKNOWN)));
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed(), r.toString());
        assertEquals(List.of(UNKNOWN), r.values().get("would_install"));
        assertEquals(1, run.requests().size());
    }

    @Test
    void absentOfAPackageThatIsNotInstalledIsOk() {
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new AptModule(), Map.of("name", UNKNOWN, "state", "absent"));
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed(), r.toString());
        assertEquals(1, run.requests().size());
    }

    @Test
    void theDnfModuleOnAHostWithoutDnfFailsClearly() {
        assumeTrue(!Files.exists(Path.of("/usr/bin/dnf")) && !Files.exists(Path.of("/usr/bin/yum")), "host has dnf or yum");
        ModuleResult r = new RealRun(new LocalConnection()).run(new DnfModule(), Map.of("name", "podman"));
        assertTrue(r.failed());
        assertEquals("no package manager found on the host: looked for dnf, yum", r.msg());
    }
}
