package dev.jplay.app.secrets;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ssh.SshConnection;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sudo password on a real SSH host (user jppass, whose sudo asks for a password every time): while
 * a task sleeps under become, other threads read {@code ps -eo args} on the host (over a second SSH
 * connection, as root) and on the controller. The password is on no command line on either side, in
 * no output, no report, and in no file the run leaves behind; and sudo did get it (the task ran as root).
 */
@Tag("sshhosts")
class BecomePasswordSshE2ETest {
    @TempDir
    Path dir;

    @Test
    void theSudoPasswordTravelsOnStdinOnly() throws Exception {
        SshTestHosts hosts = SshTestHosts.require();
        String host = hosts.first().name();
        String password = hosts.passwordUserPassword();
        Map<String, Object> vars = hosts.hostVars(host, SshTestHosts.PASSWORD_USER);
        String hostLine = host + " " + vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                + " ansible_become_password=" + password;
        Path inventory = JplayRun.write(dir, "inventory.ini", "[nodes]\n" + hostLine + "\n");
        Path playbook = JplayRun.write(dir, "site.yml", """
                - hosts: nodes
                  gather_facts: false
                  become: true
                  tasks:
                    - name: a long task under become
                      command: sleep 3.141
                    - name: who am I
                      command: id -un
                      register: who
                    - debug: var=who.stdout
                    - name: a file written under become
                      copy: {content: "written as root\\n", dest: /tmp/jplay-become-written, mode: "0600"}
                """);
        Path json = dir.resolve("report.json");
        FileTime start = FileTime.fromMillis(System.currentTimeMillis() - 1000);

        try (SshConnection root = hosts.connect(host, "root")) {
            root.exec(ExecRequest.of("rm -f /tmp/jplay-become-written; touch /tmp/.jplay-secret-scan-start"));
            JplayRun r;
            try (ProcessListWatcher onHost = new ProcessListWatcher("host", () -> root.exec(ExecRequest.of("ps -eo args")).out(), 100);
                 ProcessListWatcher onController = new ProcessListWatcher("controller", ProcessListWatcher::localPs, 100)) {
                r = JplayRun.of(playbook, "-i", inventory, "-vvvv", "--json", json);
                onHost.close();
                onController.close();
                assertTrue(onHost.saw("sleep 3.141"), "the host watcher never saw the task running, so it proves nothing ("
                        + onHost.samples() + " samples)");
                assertTrue(onHost.saw("sudo"), "the task ran through sudo");
                assertFalse(onHost.saw(password), "the sudo password was on a command line on the host:\n" + matching(onHost, password));
                assertTrue(onController.samples() > 5, "the controller watcher sampled " + onController.samples() + " times");
                assertFalse(onController.saw(password), "the sudo password was on a command line on the controller:\n"
                        + matching(onController, password));
            }
            r.exits(0).printed("\"who.stdout\": \"root\"").never(password);
            assertFalse(JplayRun.read(json).contains(password), JplayRun.read(json));

            ExecResult written = root.exec(ExecRequest.of("stat -c '%U %a' /tmp/jplay-become-written"));
            assertEquals("root 600", written.outTrimmed());
            // files the run left on the host (anything newer than the start mark) do not hold the password
            ExecResult left = root.exec(ExecRequest.of("find /tmp /home/" + SshTestHosts.PASSWORD_USER
                    + " -xdev -type f -newer /tmp/.jplay-secret-scan-start -print0 | xargs -0 -r grep -lF -- '" + password + "' || true"));
            assertEquals("", left.outTrimmed(), "files on the host hold the password");
        }
        assertEquals(List.of(), controllerFilesHolding(password, start), "files on the controller hold the password");
    }

    private static String matching(ProcessListWatcher w, String text) {
        return String.join("\n", w.lines().stream().filter(l -> l.contains(text)).distinct().toList());
    }

    /** Files under the controller's temp folder changed since the run started (but this test's own inventory) that hold the text. */
    private List<Path> controllerFilesHolding(String text, FileTime since) throws IOException {
        byte[] needle = text.getBytes();
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(Path.of(System.getProperty("java.io.tmpdir")), Set.of(), 4, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                return d.startsWith(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
                if (a.isRegularFile() && a.size() < 4_000_000 && a.lastModifiedTime().compareTo(since) >= 0 && contains(p, needle)) {
                    found.add(p);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
                return FileVisitResult.CONTINUE; // another process's temp file, gone or unreadable meanwhile
            }
        });
        return found;
    }

    private static boolean contains(Path p, byte[] needle) {
        try {
            byte[] b = Files.readAllBytes(p);
            outer:
            for (int i = 0; i + needle.length <= b.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (b[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // gone or unreadable meanwhile: another process's temp file
        }
    }
}
