package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * authorized_key for real: the cases of cases/authorized_key.yml (checked against ansible.posix) on a
 * temp file as this user, each changed case run twice; check and diff mode; manage_dir.
 */
class AuthorizedKeyLocalTest {
    private static final String USER = System.getProperty("user.name");
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> casesAgreeWithAnsible() {
        return FileModuleCasesTest.load("authorized_key").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"),
                () -> runCase(c)));
    }

    @SuppressWarnings("unchecked")
    private void runCase(Map<String, Object> c) throws IOException {
        Path file = Files.createTempDirectory(tmp, "k").resolve("authorized_keys");
        if (c.get("before") != null) {
            Files.writeString(file, (String) c.get("before"));
        }
        Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) c.get("args"));
        a.put("path", file.toString());
        a.put("user", USER);
        LocalRunner ak = new LocalRunner(new AuthorizedKeyModule(), tmp);
        ModuleResult r = ak.run(a);
        if (c.containsKey("fails")) {
            assertTrue(r.failed());
            assertEquals(c.get("fails"), r.msg());
            return;
        }
        assertFalse(r.failed(), r.msg());
        assertEquals(c.get("changed"), r.changed());
        String want = c.get("after") != null ? (String) c.get("after") : (String) c.get("before");
        assertEquals(want, Files.exists(file) ? Files.readString(file) : null);
        if (r.changed()) {
            assertEquals("0600", mode(file));
            assertFalse(ak.run(a).changed(), "second run");
        }
    }

    @Test
    void manageDirCreatesAPrivateFolderAndCheckModeWritesNothing() throws IOException {
        Path keys = tmp.resolve("home/.ssh/authorized_keys");
        Files.createDirectories(tmp.resolve("home"));
        var a = args("user", USER, "path", keys.toString(), "key", "ssh-ed25519 AAAAC3Nz2 me");
        LocalRunner ak = new LocalRunner(new AuthorizedKeyModule(), tmp);
        ModuleResult check = ak.check(a);
        assertTrue(check.changed());
        assertFalse(Files.exists(keys.getParent()));
        ModuleResult diff = ak.diff(a);
        assertTrue(diff.changed());
        assertEquals("", diff.diffs().get(0).before());
        assertEquals("ssh-ed25519 AAAAC3Nz2 me\n", diff.diffs().get(0).after());
        assertEquals("0700", mode(keys.getParent()));
        assertEquals("0600", mode(keys));
        assertEquals(keys.toString(), diff.values().get("keyfile"));
    }

    @Test
    void anUnknownUserFails() {
        ModuleResult r = new LocalRunner(new AuthorizedKeyModule(), tmp).run(args("user", "no-such-user-jplay",
                "key", "ssh-ed25519 AAAA x"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("no-such-user-jplay"), r.msg());
    }
}
