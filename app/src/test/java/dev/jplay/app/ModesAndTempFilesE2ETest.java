package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #10 classes 5 and 7 (temp files): modes follow Ansible's rules (checked against ansible-playbook 2.14:
 * 644 -> 1204, 0644 -> 644, 0o644 -> 644, '04755' -> 4755), setuid/setgid survive an owner/group change
 * in every module that sets attributes, and the temp file of an atomic write never hurts another run's,
 * works for names up to 255 bytes and for relative names starting with '-'.
 */
class ModesAndTempFilesE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path inventory;
    String me;
    String myGroup;

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        ws = new Workspace(tmp);
        inventory = ws.localInventory("h1");
        me = new String(new ProcessBuilder("id", "-un").start().getInputStream().readAllBytes()).strip();
        myGroup = new String(new ProcessBuilder("id", "-gn").start().getInputStream().readAllBytes()).strip();
    }

    private String mode(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%a", ws.path(name).toString()).start();
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    private RunResult play(String tasks) {
        Path pb = ws.write("site.yml", "- hosts: nodes\n  gather_facts: false\n  tasks:\n" + tasks.indent(4));
        return Jplay.run(pb, "-i", inventory);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"644|1204", "0644|644", "0o644|644", "'04755'|4755", "'0o755'|755", "'u=rw,g=r,o='|640",
            "'755'|755"})
    void modesFollowAnsiblesRules(String written, String expected) throws Exception {
        String tasks = """
                - file: {path: %s, state: touch, mode: %s}
                - copy: {content: x, dest: %s, mode: %s}
                """.formatted(ws.path("t"), written, ws.path("c"), written);
        play(tasks).exits(0);
        assertEquals(expected, mode("t"));
        assertEquals(expected, mode("c"));
        play(tasks.replace("state: touch", "state: file")).exits(0).unchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0888", "'u+q'", "99999", "'rwx'", "4755", "'0o9'", "'u=rw,'"})
    void invalidModeLiteralsAreRefusedAtLoad(String written) {
        play("""
                - file: {path: %s, state: touch}
                - copy: {content: x, dest: %s, mode: %s}
                """.formatted(ws.path("first"), ws.path("c"), written)).exits(3).errPrinted("mode");
        assertFalse(ws.exists("first"), "nothing may run before a load error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy: {content: x, dest: DEST, mode: '4755', owner: ME, group: GROUP}",
            "template: {src: t.ftl, dest: DEST, mode: '2755', owner: ME, group: GROUP}",
            "file: {path: DEST, state: touch, mode: '4755', owner: ME, group: GROUP}",
            "lineinfile: {path: DEST, line: x, create: true, mode: '6755', owner: ME, group: GROUP}",
            "blockinfile: {path: DEST, block: x, create: true, mode: '4711', owner: ME, group: GROUP}"})
    void setuidAndSetgidSurviveTheOwnerChange(String task) throws Exception {
        ws.write("templates/t.ftl", "x\n");
        String t = task.replace("DEST", ws.path("f").toString()).replace("ME", me).replace("GROUP", myGroup);
        String wanted = t.replaceAll(".*mode: '(\\d+)'.*", "$1");
        play("- " + t + "\n").exits(0);
        assertEquals(wanted, String.format("%04d", Integer.parseInt(mode("f"))));
        play("- " + t.replace("state: touch", "state: file") + "\n").exits(0).unchanged();
        if (task.startsWith("file")) {
            // and the existing file: chmod after chown there too
            Files.setPosixFilePermissions(ws.path("f"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            play("- " + t.replace("state: touch", "state: file") + "\n").exits(0);
            assertEquals(wanted, String.format("%04d", Integer.parseInt(mode("f"))));
        }
    }

    @Test
    void touchIsNeverWiderThanAskedWhileItIsCreated() throws Exception {
        // a watcher polls the path's mode while jplay creates it; with umask 022 a plain touch would show 644 first
        Path f = ws.path("secret");
        String script = "while [ ! -e '" + f + "' ]; do :; done; stat -c %a '" + f + "'";
        Process watcher = new ProcessBuilder("sh", "-c", script).start();
        play("- file: {path: " + f + ", state: touch, mode: '0600'}\n").exits(0);
        assertTrue(watcher.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        String seen = new String(watcher.getInputStream().readAllBytes()).strip();
        assertEquals("600", seen, "the first mode anyone could see");
    }

    @Test
    void anotherRunsYoungTempFileIsLeftAloneAndAStaleOneGoes() throws Exception {
        Path young = ws.write("app.conf.jplay-tmp.AbC123", "another run is still validating me");
        Path stale = ws.write("app.conf.jplay-tmp.ZyX987", "left by a host that died");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        play("- copy: {content: new, dest: " + ws.path("app.conf") + "}\n").exits(0);
        assertEquals("new", ws.read("app.conf"));
        assertTrue(Files.exists(young), "a young temp file may be another run's");
        assertFalse(Files.exists(stale));
    }

    @ParameterizedTest
    @ValueSource(ints = {238, 239, 250, 255})
    void namesUpToTheFileSystemLimitCanBeWritten(int length) {
        ws.write("templates/t.ftl", "x\n");
        String name = "n".repeat(length - 4) + ".txt";
        play("""
                - copy: {content: x, dest: %s/%s}
                - lineinfile: {path: %s/%s, line: y}
                - template: {src: t.ftl, dest: %s/t%s}
                """.formatted(tmp, name, tmp, name, tmp, name.substring(1))).exits(0);
        assertEquals("x\ny\n", ws.read(name));
    }

}
