package dev.jplay.app.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -vvv} shows, per task and host, the connection and each command as Ansible does
 * ({@code <127.0.0.1> ESTABLISH LOCAL CONNECTION FOR USER: ...}, {@code <127.0.0.1> EXEC /bin/sh -c '...'}),
 * and never anything of a no_log task.
 */
class VerboseTraceE2ETest {
    static final String HIDDEN = "HIDDEN-TRACE-91c2";

    @TempDir
    Path dir;

    @Test
    void vvvShowsTheConnectionAndTheCommandOfAShellTaskButNothingOfANoLogTask() {
        Path pb = JplayRun.write(dir, "site.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: visible
                      shell: echo VISIBLE-TRACE-5d1e
                    - name: hidden
                      shell: echo %s
                      no_log: true
                """.formatted(HIDDEN));
        JplayRun r = JplayRun.of(pb, "-vvv").exits(0).never(HIDDEN)
                .printed("<127.0.0.1> ESTABLISH LOCAL CONNECTION FOR USER: " + System.getProperty("user.name") + "\n")
                .printed("<127.0.0.1> EXEC /bin/sh -c '");
        assertTrue(r.all().lines().anyMatch(l -> l.startsWith("<127.0.0.1> EXEC ") && l.contains("echo VISIBLE-TRACE-5d1e")), r.all());
        // one ESTABLISH per task that runs (the visible one only: the hidden one shows nothing)
        assertTrue(r.all().indexOf("ESTABLISH LOCAL") == r.all().lastIndexOf("ESTABLISH LOCAL"), r.all());

        JplayRun vv = JplayRun.of(pb, "-vv").exits(0);
        assertFalse(vv.all().contains("<127.0.0.1> EXEC") || vv.all().contains("ESTABLISH"), "only -vvv traces\n" + vv.all());
    }
}
