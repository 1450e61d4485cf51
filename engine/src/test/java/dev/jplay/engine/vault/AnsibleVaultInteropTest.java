package dev.jplay.engine.vault;

import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both ways against the real {@code ansible-vault} (ansible-core from Debian, which CI installs):
 * what one encrypts, the other decrypts, for files, 1.2 files with a vault id, and {@code !vault}
 * strings in YAML.
 */
class AnsibleVaultInteropTest {
    @TempDir
    Path dir;
    Path pw;

    record Proc(int code, String out, String err) {
    }

    @BeforeAll
    static void ansibleIsInstalled() {
        try {
            Proc p = run(Path.of("."), null, "ansible-vault", "--version");
            if (p.code() != 0) {
                fail("ansible-vault --version failed; reinstall it: apt-get install ansible-core\n" + p.err());
            }
        } catch (IllegalStateException e) {
            fail("ansible-vault is not on PATH; this test checks jplay against it: apt-get install ansible-core");
        }
    }

    @AfterEach
    void forgetPasswords() {
        VaultSecrets.use(VaultKeyring.EMPTY);
    }

    static Proc run(Path cwd, Path stdinFile, String... command) {
        try {
            ProcessBuilder b = new ProcessBuilder(command).directory(cwd.toFile());
            b.environment().put("ANSIBLE_NOCOLOR", "1");
            b.environment().put("ANSIBLE_LOCAL_TEMP", cwd.resolve(".ansible-tmp").toAbsolutePath().toString());
            b.environment().remove("ANSIBLE_VAULT_PASSWORD_FILE");
            b.redirectInput(stdinFile != null ? ProcessBuilder.Redirect.from(stdinFile.toFile()) : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Path err = Files.createTempFile(cwd, "err", ".txt");
            b.redirectError(err.toFile());
            Process p = b.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
            String errText = Files.readString(err);
            Files.delete(err);
            return new Proc(p.exitValue(), new String(out, StandardCharsets.UTF_8), errText);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Proc ansible(String... command) {
        return run(dir, null, command);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static VaultKeyring keys(String label, String password) {
        return new VaultKeyring(List.of(VaultKeyringTest.secret(label, password)));
    }

    @Test
    void jplayDecryptsWhatAnsibleVaultEncrypted() throws IOException {
        pw = write("pw", "interop-pw\n");
        Path f = write("vars.yml", "db_password: \"ünïcode & spaces\"\nport: 5432\n");
        Proc p = ansible("ansible-vault", "encrypt", "--vault-password-file", "pw", "vars.yml");
        assertEquals(0, p.code(), p.err());
        String vaulted = Files.readString(f);
        assertTrue(vaulted.startsWith("$ANSIBLE_VAULT;1.1;AES256\n"), vaulted);
        assertEquals("db_password: \"ünïcode & spaces\"\nport: 5432\n",
                new String(keys("default", "interop-pw").decrypt(vaulted), StandardCharsets.UTF_8));
        VaultSecrets.use(keys("default", "interop-pw"));
        assertEquals(Map.of("db_password", "ünïcode & spaces", "port", 5432), YamlReader.read(f).toJava());

        VaultCommandTest.Result view = VaultCommandTest.jplay("vault", "view", f, "--vault-password-file", pw);
        assertEquals(0, view.code(), view.all());
        VaultCommandTest.Result wrong = VaultCommandTest.jplay("vault", "view", f, "--vault-password-file", write("bad", "nope"));
        assertEquals(3, wrong.code(), wrong.all());
    }

    @Test
    void jplayDecryptsAnsibles12FormatWithAVaultId() throws IOException {
        write("prod-pw", "prod-secret");
        Path f = write("prod.yml", "tier: prod\n");
        Proc p = ansible("ansible-vault", "encrypt", "--vault-id", "prod@prod-pw", "prod.yml");
        assertEquals(0, p.code(), p.err());
        String vaulted = Files.readString(f);
        assertTrue(vaulted.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), vaulted);
        VaultKeyring two = new VaultKeyring(List.of(VaultKeyringTest.secret("dev", "dev-secret"), VaultKeyringTest.secret("prod", "prod-secret")));
        assertEquals("tier: prod\n", new String(two.decrypt(vaulted), StandardCharsets.UTF_8));
    }

    @Test
    void ansibleVaultDecryptsWhatJplayEncrypted() throws IOException {
        pw = write("pw", "from-jplay");
        Path f = write("secret.txt", "line one\nline two: ✓\n");
        VaultCommandTest.Result enc = VaultCommandTest.jplay("vault", "encrypt", f, "--vault-password-file", pw);
        assertEquals(0, enc.code(), enc.all());
        Proc view = ansible("ansible-vault", "view", "--vault-password-file", "pw", "secret.txt");
        assertEquals(0, view.code(), view.err());
        assertEquals("line one\nline two: ✓\n", view.out());

        Proc wrong = ansible("ansible-vault", "view", "--vault-password-file", write("bad", "not-from-jplay").toString(), "secret.txt");
        assertNotEquals(0, wrong.code(), "ansible-vault must refuse a wrong password for jplay's file too");

        Proc dec = ansible("ansible-vault", "decrypt", "--vault-password-file", "pw", "secret.txt");
        assertEquals(0, dec.code(), dec.err());
        assertEquals("line one\nline two: ✓\n", Files.readString(f));

        write("id.txt", "with id\n");
        VaultCommandTest.Result id = VaultCommandTest.jplay("vault", "encrypt", dir.resolve("id.txt"), "--vault-id", "ops@" + pw);
        assertEquals(0, id.code(), id.all());
        Proc idView = ansible("ansible-vault", "view", "--vault-id", "ops@pw", "id.txt");
        assertEquals("with id\n", idView.out(), idView.err());
    }

    @Test
    void vaultStringsWorkBothWaysInYaml() throws IOException {
        pw = write("pw", "strings-pw");
        Proc p = ansible("ansible-vault", "encrypt_string", "--vault-password-file", "pw", "--name", "from_ansible", "ansible's: value");
        assertEquals(0, p.code(), p.err());
        VaultSecrets.use(keys("default", "strings-pw"));
        assertEquals(Map.of("from_ansible", "ansible's: value"), YamlReader.parse(p.out() + "\n", Path.of("vars.yml")).toJava());

        VaultCommandTest.Result mine = VaultCommandTest.jplay("vault", "encrypt_string", "--vault-password-file", pw,
                "--name", "from_jplay", "jplay's: value");
        assertEquals(0, mine.code(), mine.all());
        write("vars.yml", mine.out());
        Proc debug = ansible("ansible", "-i", "localhost,", "localhost", "-c", "local", "-m", "debug", "-a", "var=from_jplay",
                "-e", "@vars.yml", "--vault-password-file", "pw");
        assertEquals(0, debug.code(), debug.out() + debug.err());
        assertTrue(debug.out().contains("\"from_jplay\": \"jplay's: value\""), debug.out());
    }
}
