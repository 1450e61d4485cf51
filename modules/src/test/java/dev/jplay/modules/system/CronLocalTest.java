package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cron for real: the edit cases of {@code cases/cron-edits.yml} (checked against Ansible by
 * edits-ansible-check.py) on a user's crontab through the crontab stand-in first on PATH, or on a
 * cron_file in a temp dir. Each case runs in check mode (nothing may change), then for real, then again
 * (changed=false, same text).
 */
class CronLocalTest {

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> editCases() throws IOException {
        return EditCases.of("cron", new CronModule(), tmp, dir -> {
            try {
                return run(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, dir -> dir.resolve(user()));
    }

    @Test
    void anotherUsersCrontabIsReachedWithDashUAndDiffShowsBothSides() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "u");
        Files.writeString(dir.resolve("alice"), "MAILTO=alice\n");
        Map<String, Object> args = Map.of("name", "sync", "user", "alice", "minute", "*/5", "job", "rsync -a /a /b");
        ModuleResult r = run(dir).diff(true).run(new CronModule(), args);
        assertTrue(r.changed(), r.toString());
        assertEquals("MAILTO=alice\n#Ansible: sync\n*/5 * * * * rsync -a /a /b\n", read(dir.resolve("alice")));
        assertEquals(List.of("sync"), r.values().get("jobs"));
        assertEquals(List.of("MAILTO"), r.values().get("envs"));
        FileDiff d = r.diffs().get(0);
        assertEquals("crontab for user \"alice\"", d.beforeHeader());
        assertEquals("MAILTO=alice\n", d.before());
        assertEquals(read(dir.resolve("alice")), d.after());
        String calls = Files.readString(dir.resolve("calls.log"));
        assertEquals("crontab -u alice -l\ncrontab -u alice -\n", calls);
    }

    @Test
    void theTasksOwnUserNeedsNoDashU() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "me");
        run(dir).run(new CronModule(), Map.of("name", "t", "user", user(), "job", "true"));
        assertEquals("crontab -l\ncrontab -\n", Files.readString(dir.resolve("calls.log")));
    }

    @Test
    void backupKeepsTheOldTable() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "b");
        Files.writeString(dir.resolve(user()), "#Ansible: t\n* * * * * old\n");
        ModuleResult r = run(dir).env(Map.of("PATH", bin(dir) + ":/usr/bin:/bin", "JP_CRONTABS", dir.toString(), "TMPDIR", dir.toString()))
                .run(new CronModule(), Map.of("name", "t", "job", "new", "backup", true));
        assertTrue(r.changed(), r.toString());
        Path backup = Path.of((String) r.values().get("backup_file"));
        assertTrue(backup.startsWith(dir), backup.toString());
        assertEquals("#Ansible: t\n* * * * * old\n", Files.readString(backup));
        assertEquals("#Ansible: t\n* * * * * new\n", read(dir.resolve(user())));
    }

    @Test
    void withoutCrontabOnTheHostItSaysWhatToInstall() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nobin"));
        ModuleResult r = new RealRun(new LocalConnection()).env(Map.of("PATH", empty.toString()))
                .run(new CronModule(), Map.of("name", "t", "job", "true"));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("crontab is not installed on the host (cron or cronie package)"), r.msg());
    }

    private RealRun run(Path dir) throws IOException {
        return new RealRun(new LocalConnection()).env(Map.of("PATH", bin(dir) + ":/usr/sbin:/usr/bin:/sbin:/bin",
                "JP_CRONTABS", dir.toString()));
    }

    private Path bin(Path dir) throws IOException {
        Path bin = tmp.resolve("bin");
        Path crontab = bin.resolve("crontab");
        if (!Files.exists(crontab)) {
            Files.createDirectories(bin);
            try (InputStream in = getClass().getResourceAsStream("/standin/crontab")) {
                assertNotNull(in, "standin/crontab");
                Files.write(crontab, in.readAllBytes());
            }
            Files.setPosixFilePermissions(crontab, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private static String read(Path p) throws IOException {
        return EditCases.read(p);
    }
}
