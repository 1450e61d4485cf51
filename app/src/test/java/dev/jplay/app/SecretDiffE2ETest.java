package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue #10 class 6: copy's content is secret, so -D (and --json) show that a file changes, never the content. */
class SecretDiffE2ETest {
    @TempDir
    Path tmp;

    @Test
    void copyContentNeverAppearsInDiffs() {
        Workspace ws = new Workspace(tmp);
        ws.write("f", "old-secret-value-1\n");
        Path pb = ws.write("site.yml", """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - copy: {content: "api_key=NEW-SECRET-VALUE-2\\n", dest: %s}
                    - copy: {content: "api_key=NEW-SECRET-VALUE-3\\n", dest: %s}
                      check_mode: true
                """.formatted(ws.path("f"), ws.path("g")));
        Path json = ws.path("report.json");
        Jplay.run(pb, "-i", ws.localInventory("h1"), "-D", "-vvv", "--json", json).exits(0)
                .notPrinted("NEW-SECRET-VALUE").printed("********");
        assertEquals(false, ws.read("report.json").contains("NEW-SECRET-VALUE"));
        assertEquals("api_key=NEW-SECRET-VALUE-2\n", ws.read("f"));
    }
}
