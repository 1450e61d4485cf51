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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * known_hosts for real (this machine's ssh-keygen): the cases of cases/known_hosts.yml, checked against
 * ansible-core, each changed case run twice; hash_host; check and diff mode.
 */
class KnownHostsLocalTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID2lUxlAGPtEJ8oRnGI0awza+YiDpzeenneRyDuR8Vrc";
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> casesAgreeWithAnsible() {
        return FileModuleCasesTest.load("known_hosts").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"),
                () -> runCase(c)));
    }

    @SuppressWarnings("unchecked")
    private void runCase(Map<String, Object> c) throws IOException {
        Path file = Files.createTempDirectory(tmp, "k").resolve("known_hosts");
        if (c.get("before") != null) {
            Files.writeString(file, (String) c.get("before"));
        }
        Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) c.get("args"));
        a.put("path", file.toString());
        LocalRunner kh = new LocalRunner(new KnownHostsModule(), tmp);
        ModuleResult r = kh.run(a);
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
            assertFalse(kh.run(a).changed(), "second run");
        }
        assertFalse(Files.exists(Path.of(file + ".old")), "no known_hosts.old left behind");
    }

    @Test
    void hashHostStoresAHashedNameThatMatchesOnTheNextRun() throws IOException {
        Path file = tmp.resolve("kh");
        var a = args("name", "Web1.Example", "key", "web1.example " + KEY, "hash_host", true, "path", file.toString());
        LocalRunner kh = new LocalRunner(new KnownHostsModule(), tmp);
        ModuleResult check = kh.check(a);
        assertTrue(check.changed());
        assertFalse(Files.exists(file));
        ModuleResult first = kh.diff(a);
        assertTrue(first.changed());
        String text = Files.readString(file);
        assertTrue(text.matches("\\|1\\|[A-Za-z0-9+/=]+\\|[A-Za-z0-9+/=]+ " + java.util.regex.Pattern.quote(KEY) + "\n"), text);
        assertEquals(text, first.diffs().get(0).after());
        assertFalse(kh.run(a).changed(), "the hashed entry is found again");
        assertEquals(text, Files.readString(file));
    }
}
