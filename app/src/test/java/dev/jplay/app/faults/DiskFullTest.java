package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target's disk fills up while jplay writes a file: a 1 MB tmpfs mounted on the fault host (h5,
 * in its own mount namespace), and a file bigger than that, or a small edit on a filesystem already
 * full. A clear failure naming the cause, that host only; the old file intact; no temp file left.
 */
@Tag("sshhosts")
class DiskFullTest {

    @TempDir
    Path dir;
    private FaultHosts hosts;
    private String full;
    private String mount;

    private void mountSmallFilesystem() {
        hosts = FaultHosts.require(2);
        full = hosts.faultHost();
        mount = "/mnt/jplay-full-" + System.nanoTime();
        hosts.check(full, "mkdir -p " + mount + " && mount -t tmpfs -o size=1m jplay-full " + mount
                + " && printf 'old config\\n' > " + mount + "/app.conf");
    }

    @AfterEach
    void unmount() {
        if (mount != null && dev.jplay.engine.testhosts.SshTestHosts.answersSsh(hosts.hosts().faultHost().address(), 22)) {
            hosts.check(full, "umount " + mount + " && rmdir " + mount);
        }
    }

    @Test
    void aFileBiggerThanTheFreeSpace() throws Exception {
        mountSmallFilesystem();
        String fine = hosts.host(0);
        String fineDir = "/root/jplay-faults/full-" + System.nanoTime();
        hosts.check(fine, "mkdir -p " + fineDir);
        BigFile big = BigFile.create(dir.resolve("big.conf"), 2);
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(List.of(full, fine))
                + "[targets:vars]\n" + "target_dir=" + fineDir + "\n" + "[full]\n" + full + " target_dir=" + mount + "\n");
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: write the big config
                      copy: {src: big.conf, dest: "{{ target_dir }}/app.conf"}
                    - name: after
                      copy: {content: "after\\n", dest: "{{ target_dir }}/after.txt"}
                """);
        InProcessJplay r = InProcessJplay.run(pb, "-i", inv);
        System.out.println(r.out());
        assertEquals(2, r.exitCode(), r.all());
        Recap recap = Recap.of(r.out());
        assertEquals(1, recap.get(full, "failed"), r.all());
        assertEquals(0, recap.get(fine, "failed"), r.all());
        assertEquals(2, recap.get(fine, "changed"), r.all());
        assertTrue(r.out().contains("fatal: [" + full + "]") && r.out().contains("No space left on device"), r.all());
        assertEquals("old config", hosts.check(full, "cat " + mount + "/app.conf"), "the old file is intact");
        assertEquals("", hosts.tempFiles(full, mount), "no temp files on the full filesystem");
        assertEquals(big.sha256(), hosts.sha256(fine, fineDir + "/app.conf"));
        hosts.check(fine, "rm -rf " + fineDir);
    }

    @Test
    void aSmallEditOnAFullFilesystem() throws Exception {
        mountSmallFilesystem();
        hosts.check(full, "dd if=/dev/zero of=" + mount + "/filler bs=4k 2>/dev/null; true");
        Path inv = Files.writeString(dir.resolve("hosts.ini"), hosts.inventory(List.of(full)));
        Path pb = Files.writeString(dir.resolve("site.yml"), """
                - hosts: targets
                  gather_facts: false
                  tasks:
                    - name: add a line
                      lineinfile: {path: %1$s/app.conf, line: "new line"}
                      ignore_errors: true
                    - name: render a template
                      template: {src: t.ftl, dest: %1$s/rendered.conf}
                """.formatted(mount));
        Files.writeString(dir.resolve("t.ftl"), "x=1\n".repeat(2000));
        InProcessJplay r = InProcessJplay.run(pb, "-i", inv);
        System.out.println(r.out());
        assertEquals(2, r.exitCode(), r.all());
        assertEquals(1, Recap.of(r.out()).get(full, "ignored"), "lineinfile failed, ignored\n" + r.all());
        assertEquals(1, Recap.of(r.out()).get(full, "failed"), "template failed\n" + r.all());
        assertEquals(2, r.out().split("No space left on device", -1).length - 1, r.all());
        assertEquals("old config", hosts.check(full, "cat " + mount + "/app.conf"), "the old file is intact");
        assertEquals("absent", hosts.sha256(full, mount + "/rendered.conf"));
        assertEquals("", hosts.tempFiles(full, mount), "no temp files on the full filesystem");
    }
}
