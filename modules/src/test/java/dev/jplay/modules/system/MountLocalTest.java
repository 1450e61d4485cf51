package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ansible.posix.mount for real: the fstab edit cases of mount-edits.yml, and a tmpfs mounted on a
 * folder under a temp dir from an fstab there (mount -T), unmounted and removed again; whatever
 * happens, the mount is undone after the test.
 */
class MountLocalTest {

    @TempDir
    Path tmp;
    private Path mounted;

    @TestFactory
    List<DynamicTest> editCases() throws IOException {
        return EditCases.of("mount", new MountModule(), tmp, dir -> new RealRun(new LocalConnection()), dir -> dir.resolve("fstab"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aTmpfsIsMountedFromItsFstabOnceThenUnmountedAndRemoved() throws Exception {
        assumeTrue(sh("id -u").equals("0"), "mounting needs root");
        Path probe = Files.createDirectories(tmp.resolve("probe"));
        assumeTrue(sh("mount -t tmpfs jplayprobe " + probe + " && umount " + probe + " && echo ok").equals("ok"), "cannot mount here");

        Path point = tmp.resolve("mnt/deep/data");
        Path fstab = tmp.resolve("fstab");
        Files.writeString(fstab, "# test fstab\n");
        mounted = point;
        Map<String, Object> args = new LinkedHashMap<>(Map.of("path", point.toString(), "src", "jplaytmpfs", "fstype", "tmpfs",
                "opts", "size=1m,mode=0755", "fstab", fstab.toString(), "state", "mounted"));

        ModuleResult check = new RealRun(new LocalConnection()).check(true).run(new MountModule(), args);
        assertTrue(check.changed(), check.toString());
        assertFalse(Files.exists(point), "check mode created the mount point");

        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new MountModule(), args);
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertEquals("# test fstab\njplaytmpfs " + point + " tmpfs size=1m,mode=0755 0 0\n", Files.readString(fstab));
        assertEquals("jplaytmpfs tmpfs", sh("findmnt -n -o SOURCE,FSTYPE " + point).replaceAll("\\s+", " "));
        assertTrue(run.scripts().stream().anyMatch(s -> s.contains("mount -T " + fstab + " -- \"$jp_p\"")), run.scripts().toString());

        ModuleResult again = new RealRun(new LocalConnection()).run(new MountModule(), args);
        assertFalse(again.changed(), again.toString());

        args.put("state", "unmounted");
        assertTrue(new RealRun(new LocalConnection()).run(new MountModule(), args).changed());
        assertEquals("", sh("findmnt -n " + point + " || true"));
        assertFalse(new RealRun(new LocalConnection()).run(new MountModule(), args).changed());

        args.put("state", "absent");
        ModuleResult gone = new RealRun(new LocalConnection()).run(new MountModule(), args);
        assertTrue(gone.changed(), gone.toString());
        assertEquals("# test fstab\n", Files.readString(fstab));
        assertFalse(Files.exists(point), "absent removes the mount point's folder, as Ansible");
        mounted = null;
    }

    @Test
    void aFailedMountPutsTheFstabBackAndRemovesTheFoldersItMade() throws Exception {
        assumeTrue(sh("id -u").equals("0"), "mounting needs root");
        Path point = tmp.resolve("new/point");
        Path fstab = Files.writeString(tmp.resolve("fstab"), "proc /proc proc defaults 0 0\n");
        ModuleResult r = new RealRun(new LocalConnection()).run(new MountModule(), Map.of("path", point.toString(), "src", "/dev/jplay-none",
                "fstype", "ext4", "fstab", fstab.toString(), "state", "mounted"));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().startsWith("Error mounting " + point + ": "), r.msg());
        assertEquals("proc /proc proc defaults 0 0\n", Files.readString(fstab));
        assertFalse(Files.exists(tmp.resolve("new")), "created folders left behind");
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }
}
