package dev.jplay.app.secrets;

import dev.jplay.engine.vault.VaultKeyring;
import dev.jplay.engine.vault.VaultSecret;
import dev.jplay.engine.vault.VaultSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A playbook whose secrets are vaulted everywhere jplay reads variables: a vars_files file, a
 * {@code !vault} value in the play, group_vars beside the playbook, role defaults and {@code -e @file};
 * with the password from a file, the prompt and the environment, and without one or with a wrong one.
 */
class VaultPlaybookE2ETest {
    static final String PASSWORD = "e2e-vault-pw";
    static final String ALL_SECRETS = "file-secret|api-token-secret|group-secret|extra-secret";
    static final String ROLE_SECRET = "role says role-default-secret";
    static final VaultKeyring KEYS = new VaultKeyring(List.of(new VaultSecret("default", PASSWORD.getBytes(StandardCharsets.UTF_8), "test")));

    @TempDir
    Path dir;
    Path playbook;
    Path inventory;
    Path passwordFile;
    int apiTokenLine;

    static String vaulted(String plain) {
        return KEYS.encrypt(plain.getBytes(StandardCharsets.UTF_8), null);
    }

    static String indented(String text, int by) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append(" ".repeat(by)).append(line).append('\n');
        }
        return sb.toString();
    }

    @BeforeEach
    void setUp() {
        passwordFile = JplayRun.write(dir, "vault-pw.txt", PASSWORD + "\n");
        JplayRun.write(dir, "vault.yml", vaulted("db_password: file-secret\n"));
        JplayRun.write(dir, "group_vars/nodes.yml", vaulted("group_secret: group-secret\n"));
        JplayRun.write(dir, "roles/r/defaults/main.yml", vaulted("role_default: role-default-secret\n"));
        JplayRun.write(dir, "roles/r/tasks/main.yml", """
                - name: role task
                  debug:
                    msg: "role says {{ role_default }}"
                """);
        JplayRun.write(dir, "extra.yml", vaulted("extra_secret: extra-secret\n"));
        inventory = JplayRun.write(dir, "inventory.ini", "[nodes]\nlocalhost ansible_connection=local\n");
        String text = """
                - hosts: nodes
                  gather_facts: false
                  vars_files:
                    - vault.yml
                  vars:
                    plain: not secret
                    api_token: !vault |
                """ + indented(vaulted("api-token-secret"), 6) + """
                  roles:
                    - r
                  tasks:
                    - name: show what was decrypted
                      debug:
                        msg: "{{ db_password }}|{{ api_token }}|{{ group_secret }}|{{ extra_secret }}"
                """;
        playbook = JplayRun.write(dir, "site.yml", text);
        apiTokenLine = (int) text.substring(0, text.indexOf("api_token:")).chars().filter(c -> c == '\n').count() + 1;
    }

    @AfterEach
    void forgetPasswords() {
        VaultSecrets.use(VaultKeyring.EMPTY);
    }

    @Test
    void everyVaultedPlaceDecryptsWithAPasswordFile() {
        JplayRun.of(playbook, "-i", inventory, "-e", "@" + dir.resolve("extra.yml"), "--vault-password-file", passwordFile)
                .exits(0).printed(ALL_SECRETS).printed(ROLE_SECRET);
    }

    @Test
    void withoutAPasswordTheFirstVaultedValueIsNamedAndNothingRuns() {
        JplayRun r = JplayRun.of(playbook, "-i", inventory, "-e", "@" + dir.resolve("extra.yml")).exits(3);
        r.errPrinted(playbook.toAbsolutePath() + ":" + apiTokenLine + ":").errPrinted("vaulted value needs --ask-vault-pass or --vault-password-file")
                .errPrinted("Nothing was run.");
        assertTrue(!r.out().contains("PLAY ["), r.all());
    }

    @Test
    void aVaultedVarsFileWithoutPasswordNamesTheFile() {
        Path only = JplayRun.write(dir, "only-vars-files/vault.yml", vaulted("db_password: file-secret\n"));
        Path pb = JplayRun.write(dir, "only-vars-files/play.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars_files: [vault.yml]
                  tasks:
                    - debug: msg="{{ db_password }}"
                """);
        JplayRun.of(pb).exits(3).errPrinted(only.toAbsolutePath() + ":1:1: this vaulted file needs --ask-vault-pass or --vault-password-file")
                .never("file-secret");
        JplayRun.of(pb, "--vault-password-file", passwordFile).exits(0).printed("file-secret");
    }

    @Test
    void aWrongPasswordIsAClearErrorNeverGarbage() {
        Path wrong = JplayRun.write(dir, "wrong.txt", "not-the-password\n");
        JplayRun.of(playbook, "-i", inventory, "--vault-password-file", wrong).exits(3)
                .errPrinted(":" + apiTokenLine + ":").errPrinted("cannot be decrypted").errPrinted("password is wrong")
                .never("api-token-secret");
    }

    @Test
    void aChangedVaultedFileIsRefused() throws IOException {
        String text = JplayRun.read(dir.resolve("vault.yml"));
        int at = text.length() - 10;
        Files.writeString(dir.resolve("vault.yml"), text.substring(0, at) + (text.charAt(at) == '3' ? '6' : '3') + text.substring(at + 1));
        JplayRun.of(playbook, "-i", inventory, "-e", "@" + dir.resolve("extra.yml"), "--vault-password-file", passwordFile).exits(3)
                .errPrinted("vault.yml:1:1").errPrinted("vaulted file").never("file-secret");
    }

    @Test
    void thePasswordCanBeTypedAtThePrompt() {
        InputStream stdin = System.in;
        try {
            // no terminal under the test runner: the prompt reads one line of standard input
            System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            JplayRun.of(playbook, "-i", inventory, "-e", "@" + dir.resolve("extra.yml"), "--ask-vault-pass").exits(0).printed(ALL_SECRETS);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void theInventoryCommandReadsVaultedGroupVarsToo() {
        JplayRun.of("inventory", "-i", inventory, "--playbook-dir", dir, "--host", "localhost", "--vault-password-file", passwordFile)
                .exits(0).printed("\"group_secret\": \"group-secret\"");
        JplayRun.of("inventory", "-i", inventory, "--playbook-dir", dir, "--host", "localhost").exits(3)
                .errPrinted("nodes.yml:1:1").errPrinted("vaulted file needs --ask-vault-pass");
    }

    @Test
    void thePasswordCanComeFromTheEnvironment() throws Exception {
        Proc viaPassword = jplayProcess(Map.of("JPLAY_VAULT_PASSWORD", PASSWORD), playbook.toString(), "-i", inventory.toString(),
                "-e", "@" + dir.resolve("extra.yml"));
        assertEquals(0, viaPassword.code(), viaPassword.toString());
        assertTrue(viaPassword.out().contains(ALL_SECRETS), viaPassword.toString());
        // ANSIBLE_VAULT_PASSWORD_FILE and JPLAY_VAULT_PASSWORD_FILE: VaultPasswordsTest (a JVM start costs seconds)
    }

    record Proc(int code, String out, String err) {
    }

    /** jplay in its own JVM (the environment of this one cannot be changed), on this test's class path. */
    private Proc jplayProcess(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jplay.engine.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
        b.environment().keySet().removeIf(k -> k.contains("VAULT"));
        b.environment().putAll(env);
        b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path err = dir.resolve("stderr.txt");
        b.redirectError(err.toFile());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("jplay did not finish within 120 s");
        }
        return new Proc(p.exitValue(), out, Files.readString(err));
    }
}
