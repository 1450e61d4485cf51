package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * user and group for real on this machine, with throwaway names that are deleted afterwards (also
 * their lines in /etc/subuid and /etc/subgid): first run changes, second does not, check mode
 * changes nothing, diff mode shows the subid files.
 */
class UserGroupLocalTest {

    private String user;
    private String group;
    @TempDir
    Path tmp;

    @BeforeEach
    void names() throws Exception {
        assumeTrue(sh("id -u").strip().equals("0"), "needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "needs shadow-utils");
        String suffix = Long.toString(Math.abs(new Random().nextLong()) % 1_000_000_000L, 36);
        user = "jptu" + suffix;
        group = "jptg" + suffix;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (user == null) {
            return;
        }
        sh("userdel -r " + user + " 2>/dev/null; groupdel " + group + " 2>/dev/null; "
                + "for f in /etc/subuid /etc/subgid; do if grep -q '^" + user + ":' $f; then sed -i '/^" + user + ":/d' $f; fi; done; true");
    }

    @Test
    void groupThenUserWithSubidsConvergeAndAreRemoved() throws Exception {
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult g1 = run.run(new GroupModule(), Map.of("name", group));
        assertTrue(g1.changed(), g1.toString());
        assertFalse(g1.failed());
        long gid = ((Number) g1.values().get("gid")).longValue();
        assertEquals(Long.toString(gid), sh("getent group " + group + " | cut -d: -f3").strip());
        ModuleResult g2 = run.run(new GroupModule(), Map.of("name", group));
        assertFalse(g2.changed(), g2.toString());
        assertEquals(1, run.requests().size());

        Path home = tmp.resolve("home");
        Map<String, Object> want = Map.of("name", user, "group", group, "shell", "/bin/sh", "home", home.toString(),
                "comment", "jplay test", "subids", true);
        ModuleResult u1 = run.run(new UserModule(), want);
        assertFalse(u1.failed(), u1.toString());
        assertTrue(u1.changed(), u1.toString());
        assertTrue(Files.isDirectory(home), "home created");
        String passwd = sh("getent passwd " + user).strip();
        assertTrue(passwd.endsWith(":" + gid + ":jplay test:" + home + ":/bin/sh"), passwd);
        assertTrue(sh("grep '^" + user + ":' /etc/subuid").matches(user + ":\\d+:\\d+\\n"), "subuid entry");
        assertTrue(sh("grep '^" + user + ":' /etc/subgid").matches(user + ":\\d+:\\d+\\n"), "subgid entry");

        ModuleResult u2 = run.run(new UserModule(), want);
        assertFalse(u2.failed(), u2.toString());
        assertFalse(u2.changed(), u2.toString());
        assertEquals(1, run.requests().size(), "a converged user costs one round trip");

        // check mode: predicted, not applied
        ModuleResult c = new RealRun(new LocalConnection()).check(true).run(new UserModule(), Map.of("name", user, "shell", "/bin/bash"));
        assertTrue(c.changed());
        assertTrue(sh("getent passwd " + user).strip().endsWith(":/bin/sh"));

        // an exact range far above anything real, with diff mode
        String range = "3000000000:65536";
        ModuleResult s1 = new RealRun(new LocalConnection()).diff(true).run(new UserModule(), Map.of("name", user, "subid_range", range));
        assertTrue(s1.changed(), s1.toString());
        assertEquals(2, s1.diffs().size());
        assertEquals(user + ":" + range + "\n", sh("grep '^" + user + ":' /etc/subuid"));
        assertEquals(user + ":" + range + "\n", sh("grep '^" + user + ":' /etc/subgid"));
        assertEquals(range, s1.values().get("subuid"));
        ModuleResult s2 = run.run(new UserModule(), Map.of("name", user, "subid_range", range));
        assertFalse(s2.changed(), s2.toString());
        assertTrue(Files.readString(Path.of("/etc/subuid"), StandardCharsets.UTF_8).contains(user + ":" + range));

        // supplementary groups, replaced then appended
        ModuleResult gr = run.run(new UserModule(), Map.of("name", user, "groups", List.of("users")));
        assertTrue(gr.changed(), gr.toString());
        assertTrue(List.of(sh("id -Gn " + user).strip().split(" ")).contains("users"));
        assertFalse(run.run(new UserModule(), Map.of("name", user, "groups", List.of("users"))).changed());
        assertFalse(run.run(new UserModule(), Map.of("name", user, "groups", List.of("users"), "append", true)).changed());

        ModuleResult d1 = run.run(new UserModule(), Map.of("name", user, "state", "absent", "remove", true));
        assertTrue(d1.changed(), d1.toString());
        assertEquals("", sh("getent passwd " + user + " || true").strip());
        assertFalse(run.run(new UserModule(), Map.of("name", user, "state", "absent")).changed());
        ModuleResult gd = run.run(new GroupModule(), Map.of("name", group, "state", "absent"));
        assertTrue(gd.changed(), gd.toString());
        assertFalse(run.run(new GroupModule(), Map.of("name", group, "state", "absent")).changed());
    }

    @Test
    void checkModeCreatesNothing() throws Exception {
        RealRun run = new RealRun(new LocalConnection()).check(true);
        ModuleResult g = run.run(new GroupModule(), Map.of("name", group));
        assertTrue(g.changed());
        ModuleResult u = run.run(new UserModule(), Map.of("name", user, "subids", true));
        assertTrue(u.changed());
        assertEquals("", sh("getent passwd " + user + "; getent group " + group + "; true").strip());
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
