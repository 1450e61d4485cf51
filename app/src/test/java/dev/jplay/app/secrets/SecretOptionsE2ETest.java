package dev.jplay.app.secrets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options a module marks secret ({@code OptionSpec.secret}) never reach the output: not the console
 * at any verbosity, not the JSON report, not error messages (load time or run time), even when the
 * module itself repeats them.
 */
class SecretOptionsE2ETest {
    static final String TOKEN = "tok-SECRET-OPTION-91c2";

    @TempDir
    Path dir;
    Path playbook;

    /** A module library jar next to the playbook, naming the test module for the ServiceLoader. */
    @BeforeEach
    void moduleLibrary() throws IOException {
        Files.createDirectories(dir.resolve("library"));
        try (OutputStream f = Files.newOutputStream(dir.resolve("library/secret-echo.jar")); JarOutputStream jar = new JarOutputStream(f)) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.jplay.engine.spi.Module"));
            jar.write((SecretEchoModule.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        playbook = JplayRun.write(dir, "site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    api_token: "%s"
                  tasks:
                    - name: uses the token
                      secret_echo:
                        token: "{{ api_token }}"
                      register: used
                    - name: the registered result
                      debug:
                        var: used
                    - name: a failure that repeats the token
                      secret_echo:
                        token: "{{ api_token }}"
                        how: fail
                      ignore_errors: true
                    - name: a crash that repeats the token
                      secret_echo:
                        token: "{{ api_token }}"
                        how: crash
                      ignore_errors: true
                """.formatted(TOKEN));
    }

    @Test
    void theModuleRanButItsSecretIsMaskedAtEveryVerbosityAndInTheReport() {
        for (String v : new String[] {"", "-v", "-vv", "-vvv", "-vvvv"}) {
            Path json = dir.resolve("report" + v + ".json");
            JplayRun r = v.isEmpty() ? JplayRun.of(playbook, "--json", json) : JplayRun.of(playbook, v, "--json", json);
            r.exits(0).never(TOKEN);
            assertFalse(JplayRun.read(json).contains(TOKEN), "the JSON report must not hold the token\n" + JplayRun.read(json));
            // the module did run and did repeat it: the output shows the mask where the token was
            r.printed("changed: [localhost]").printed("logged in with ********").printed("token ******** expires soon")
                    .printed("rejected token ********").printed("crashed while using ********");
            assertTrue(JplayRun.read(json).contains("logged in with ********"), JplayRun.read(json));
            if (!v.isEmpty()) {
                r.printed("\"echo\": \"********\"").printed("prefix-********-suffix");
            }
        }
    }

    @Test
    void aWrongValueOfASecretOptionIsReportedWithoutTheValue() {
        Path bad = JplayRun.write(dir, "bad.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: wrong choice
                      secret_echo:
                        level: "%s"
                """.formatted(TOKEN));
        JplayRun.of(bad).exits(3).errPrinted("option 'level' must be one of low, high, got (hidden)").never(TOKEN);

        Path wrongType = JplayRun.write(dir, "type.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: wrong type
                      secret_echo:
                        token: {nested: "%s"}
                """.formatted(TOKEN));
        JplayRun.of(wrongType).exits(3).errPrinted("option 'token' expects a string, got (hidden)").never(TOKEN);

        // rendered at run time: the same check, the same silence
        Path late = JplayRun.write(dir, "late.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    lvl: "%s"
                  tasks:
                    - name: wrong choice from a variable
                      secret_echo:
                        level: "{{ lvl }}"
                """.formatted(TOKEN));
        JplayRun.of(late, "-vvvv").exits(2).printed("got (hidden)").never(TOKEN);
    }
}
