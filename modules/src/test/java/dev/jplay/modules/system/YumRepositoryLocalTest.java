package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ansible.builtin.yum_repository for real on a temp reposdir; the expected file is what ansible-playbook 2.14 wrote. */
class YumRepositoryLocalTest {

    @TempDir
    Path tmp;

    private Map<String, Object> epel(String state) {
        return Map.of("name", "epel", "description", "EPEL x", "baseurl", List.of("http://a", "http://b"), "gpgcheck", true,
                "exclude", List.of("k*", "x"), "includepkgs", List.of("a"), "priority", "10", "reposdir", tmp.toString(), "state", state,
                "mode", "0640");
    }

    @Test
    void writesAsAnsibleThenConvergesThenRemoves() throws IOException {
        Path file = Files.writeString(tmp.resolve("epel.repo"), "# hi\n[other]\nname = O\nbaseurl = http://o\n");
        ModuleResult check = new RealRun(new LocalConnection()).check(true).diff(true).run(new YumRepositoryModule(), epel("present"));
        assertTrue(check.changed(), check.toString());
        assertEquals("[other]\nbaseurl = http://o\nname = O\n\n", check.diffs().get(0).before());
        assertEquals("# hi\n[other]\nname = O\nbaseurl = http://o\n", Files.readString(file), "check mode wrote the file");

        ModuleResult r = new RealRun(new LocalConnection()).run(new YumRepositoryModule(), epel("present"));
        assertTrue(r.changed(), r.toString());
        assertEquals("[other]\nname = O\nbaseurl = http://o\n\n[epel]\nbaseurl = http://a\n\thttp://b\nexclude = k* x\ngpgcheck = 1\n"
                + "includepkgs = a\nname = EPEL x\npriority = 10\n\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(new RealRun(new LocalConnection()).run(new YumRepositoryModule(), epel("present")).changed());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(new RealRun(new LocalConnection()).run(new YumRepositoryModule(), epel("present")).changed(), "mode not enforced");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertTrue(new RealRun(new LocalConnection()).run(new YumRepositoryModule(), epel("absent")).changed());
        assertEquals("[other]\nname = O\nbaseurl = http://o\n\n", Files.readString(file));
        assertTrue(new RealRun(new LocalConnection()).run(new YumRepositoryModule(),
                Map.of("name", "other", "state", "absent", "file", "epel", "reposdir", tmp.toString())).changed());
        assertFalse(Files.exists(file), "the empty file was kept");
    }

    @Test
    void aNewlineInAValueIsRefusedAndNothingIsWritten() {
        ModuleResult r = new RealRun(new LocalConnection()).run(new YumRepositoryModule(), Map.of("name", "epel", "description", "E",
                "baseurl", List.of("http://a\ngpgcheck = 0"), "reposdir", tmp.toString()));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().contains("baseurl must be one line"), r.msg());
        assertFalse(Files.exists(tmp.resolve("epel.repo")));
    }
}
