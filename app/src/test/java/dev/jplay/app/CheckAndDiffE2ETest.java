package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** -C changes nothing but reports what would change; -D prints unified diffs; a second run changes nothing. */
class CheckAndDiffE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;
    Path pb;

    @BeforeEach
    void setUp() throws IOException {
        ws = new Workspace(tmp);
        ws.write("conf.txt", "a=1\nb=2\n");
        ws.write("old.txt", "old content\n");
        Files.setPosixFilePermissions(ws.path("old.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    d: "{{ playbook_dir }}"
                  tasks:
                    - name: new file
                      copy: {content: "brand new\\n", dest: "{{ d }}/new.txt"}
                    - name: replace content
                      copy: {content: "new content\\n", dest: "{{ d }}/old.txt"}
                    - name: folder
                      file: {path: "{{ d }}/sub", state: directory}
                    - name: mode
                      file: {path: "{{ d }}/old.txt", mode: "0600"}
                    - name: edit a line
                      lineinfile: {path: "{{ d }}/conf.txt", regexp: "^b=", line: "b=3"}
                    - name: add a line
                      lineinfile: {path: "{{ d }}/conf.txt", line: "c=4"}
                """);
    }

    private String mode(String file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(ws.path(file)));
    }

    @Test
    void checkModeReportsChangesAndTouchesNothing() throws IOException {
        RunResult r = Jplay.run(pb, "--check").exits(0);
        r.recap("localhost", "ok=6 changed=6 failed=0");
        assertFalse(ws.exists("new.txt"));
        assertFalse(ws.exists("sub"));
        assertEquals("old content\n", ws.read("old.txt"));
        assertEquals("rw-r--r--", mode("old.txt"));
        assertEquals("a=1\nb=2\n", ws.read("conf.txt"));
    }

    @Test
    void aModuleThatCannotPredictIsSkippedInCheckModeAndSaysWhy() {
        Path commands = ws.write("commands.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: unpredictable
                      command: touch "{{ playbook_dir }}/touched"
                    - name: predictable with creates
                      command: touch "{{ playbook_dir }}/created"
                      args:
                        creates: "{{ playbook_dir }}/created"
                """);
        RunResult r = Jplay.run(commands, "--check", "-v").exits(0);
        r.recap("localhost", "ok=1 changed=1 skipped=1").printed("skipping: [localhost] => {").printed("check mode");
        assertFalse(ws.exists("touched"));
        assertFalse(ws.exists("created"));
    }

    @Test
    void checkModeWithDiffShowsWhatWouldChange() {
        RunResult r = Jplay.run(pb, "--check", "--diff").exits(0);
        // copy's content is secret (#10): its diff says the file changes, never what it holds
        r.printed("@@ -1 +1 @@\n-old content\n+********\n").printed("@@ -1,2 +1,2 @@\n a=1\n-b=2\n+b=3\n")
                .printed("@@ -0,0 +1 @@\n+********\n").notPrinted("brand new").notPrinted("+new content");
        assertEquals("a=1\nb=2\n", ws.read("conf.txt"));
    }

    @Test
    void diffModeShowsUnifiedDiffsAndASecondRunChangesNothing() throws IOException {
        RunResult first = Jplay.run(pb, "--diff").exits(0);
        first.recap("localhost", "ok=6 changed=6");
        first.printed("@@ -1,2 +1,2 @@\n a=1\n-b=2\n+b=3\n").printed("@@ -1,2 +1,3 @@\n a=1\n b=3\n+c=4\n");
        assertEquals("a=1\nb=3\nc=4\n", ws.read("conf.txt"));
        assertEquals("new content\n", ws.read("old.txt"));
        assertEquals("rw-------", mode("old.txt"));
        assertEquals("brand new\n", ws.read("new.txt"));

        RunResult second = Jplay.run(pb, "--diff").exits(0).unchanged();
        second.notPrinted("@@");
        Jplay.run(pb, "--check").exits(0).unchanged();
    }
}
