package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ansible.posix.sysctl for real on files in a temp dir: the edit cases of sysctl-edits.yml, diff mode, a symlinked file. */
class SysctlLocalTest {

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> editCases() throws IOException {
        return EditCases.of("sysctl", new SysctlModule(), tmp, dir -> new RealRun(new LocalConnection()), dir -> dir.resolve("none"));
    }

    @Test
    void diffShowsTheFileAndASymlinkedFileIsEditedWhereItPoints() throws IOException {
        Path real = Files.writeString(tmp.resolve("sysctl.conf"), "vm.swappiness=60\n");
        Path link = Files.createSymbolicLink(tmp.resolve("99-sysctl.conf"), real.getFileName());
        ModuleResult r = new RealRun(new LocalConnection()).diff(true)
                .run(new SysctlModule(), Map.of("name", "vm.swappiness", "value", "10", "sysctl_file", link.toString(), "reload", false));
        assertTrue(r.changed(), r.toString());
        assertEquals("vm.swappiness=60\n", r.diffs().get(0).before());
        assertEquals("vm.swappiness=10\n", r.diffs().get(0).after());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        assertEquals("vm.swappiness=10\n", Files.readString(real));
        assertFalse(new RealRun(new LocalConnection())
                .run(new SysctlModule(), Map.of("name", "vm.swappiness", "value", "10", "sysctl_file", link.toString(), "reload", false))
                .changed());
    }
}
