package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in with keys (plain and encrypted), passwords, and the messages when that fails. */
@Tag("sshhosts")
class SshAuthTest {

    private static SshTestHosts hosts;
    private static String h;

    @TempDir
    Path tmp;

    @BeforeAll
    static void hosts() {
        hosts = SshTestHosts.require();
        h = hosts.first().name();
    }

    @BeforeEach
    void forgetDecryptedKeys() {
        IdentityKeys.clearCache();
    }

    private Map<String, Object> vars(String user, Object key) {
        Map<String, Object> v = hosts.hostVars(h, user);
        if (key == null) {
            v.remove("ansible_ssh_private_key_file");
        } else {
            v.put("ansible_ssh_private_key_file", key);
        }
        return v;
    }

    private SshConnection open(Map<String, Object> vars, SshEnvironment env) throws ConnectionException {
        return SshConnection.open(SshSettingsResolver.resolve(h, vars, SshOptions.NONE, env), env, w -> { });
    }

    private SshEnvironment env() {
        return SshEnvironment.isolated(tmp.resolve("home"));
    }

    /** Key formats people have: PEM (PKCS#1, also encrypted), OpenSSH's own, PKCS#8; RSA and ECDSA besides ed25519. */
    @Test
    void keysOfEveryCommonTypeAndFormatLogIn() throws Exception {
        record Kind(String name, String... keygen) {
        }
        List<Kind> kinds = List.of(new Kind("rsa-pem", "-t", "rsa", "-b", "2048", "-m", "PEM"),
                new Kind("rsa-pem-encrypted", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "pw-of-the-pem-key"),
                new Kind("rsa-openssh", "-t", "rsa", "-b", "2048"),
                new Kind("ecdsa-openssh", "-t", "ecdsa"),
                new Kind("ecdsa-pkcs8", "-t", "ecdsa", "-m", "PKCS8"),
                new Kind("ecdsa-384", "-t", "ecdsa", "-b", "384"));
        StringBuilder authorized = new StringBuilder();
        for (Kind k : kinds) {
            List<String> cmd = new java.util.ArrayList<>(List.of("ssh-keygen", "-q", "-C", "jplay-" + k.name(), "-f",
                    tmp.resolve(k.name()).toString()));
            cmd.addAll(List.of(k.keygen()));
            if (!cmd.contains("-N")) {
                cmd.addAll(List.of("-N", ""));
            }
            assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), k.name());
            authorized.append(Files.readString(tmp.resolve(k.name() + ".pub")));
        }
        String file = "/root/.ssh/authorized_keys";
        try (SshConnection admin = open(vars("root", hosts.key().toString()), env())) {
            assertEquals(0, admin.exec(ExecRequest.of("mkdir -p /root/.ssh && cat >> " + file)
                    .withStdin(authorized.toString().getBytes())).exitCode());
            try {
                for (Kind k : kinds) {
                    SshEnvironment env = env().withEnv(Map.of(SshEnvironment.PASSPHRASE_VARIABLE, "pw-of-the-pem-key"));
                    try (SshConnection c = open(vars("root", tmp.resolve(k.name()).toString()), env)) {
                        assertEquals(h, c.exec(ExecRequest.of("hostname")).outTrimmed(), k.name());
                    }
                }
            } finally {
                admin.exec(ExecRequest.of("sed -i '/ jplay-\\(rsa\\|ecdsa\\)-/d' " + file));
            }
            assertEquals("0", admin.exec(ExecRequest.of("grep -c ' jplay-' " + file + " || true")).outTrimmed());
        }
    }

    @Test
    void anEncryptedKeyWithThePassphraseFromTheEnvironment() throws Exception {
        SshEnvironment env = env().withEnv(Map.of(SshEnvironment.PASSPHRASE_VARIABLE, hosts.encryptedKeyPassphrase()));
        try (SshConnection c = open(vars("root", hosts.encryptedKey().toString()), env)) {
            assertEquals("root", c.exec(ExecRequest.of("id -un")).outTrimmed());
        }
    }

    @Test
    void anEncryptedKeyAsksThePromptOncePerKeyFile() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        SshEnvironment env = env().withPrompt(prompt -> {
            asked.incrementAndGet();
            assertTrue(prompt.contains(hosts.encryptedKey().toString()), prompt);
            return Optional.of(hosts.encryptedKeyPassphrase().toCharArray());
        });
        try (SshConnection a = open(vars("root", hosts.encryptedKey().toString()), env);
             SshConnection b = open(vars(SshTestHosts.SUDO_USER, hosts.encryptedKey().toString()), env)) {
            assertEquals(0, a.exec(ExecRequest.of("true")).exitCode());
            assertEquals(0, b.exec(ExecRequest.of("true")).exitCode());
        }
        assertEquals(1, asked.get());
    }

    @Test
    void anEncryptedKeyWithoutAnyWayToGetThePassphraseSaysWhatToDo() {
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> open(vars("root", hosts.encryptedKey().toString()), env()));
        assertTrue(e.getMessage().contains("is encrypted: set JPLAY_SSH_KEY_PASSPHRASE or run jplay in a terminal"), e.getMessage());
    }

    @Test
    void aWrongPassphraseIsNamedAndNotShown() {
        String wrong = "wrong-passphrase-77";
        SshEnvironment env = env().withEnv(Map.of(SshEnvironment.PASSPHRASE_VARIABLE, wrong));
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> open(vars("root", hosts.encryptedKey().toString()), env));
        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void anUnauthorizedKeyNamesUserHostAndKeys() throws Exception {
        Path other = tmp.resolve("id_other");
        SshHostKeyTest.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> open(vars("root", List.of(other.toString(), tmp.resolve("missing_key").toString())), env()));
        String m = e.getMessage();
        System.out.println("auth failure message: " + m);
        assertTrue(m.startsWith("authentication failed for user root on " + hosts.first().address() + ":22 with keys [" + other + "]"), m);
        assertTrue(m.contains("the server accepts: publickey"), m);
        assertTrue(m.contains("identity file " + tmp.resolve("missing_key") + " does not exist"), m);
    }

    @Test
    void passwordAuthenticationWhenTheServerAllowsIt() throws Exception {
        Map<String, Object> v = vars(SshTestHosts.PASSWORD_USER, null);
        v.put("ansible_ssh_pass", hosts.passwordUserPassword());
        try (SshConnection c = open(v, env())) {
            assertEquals(SshTestHosts.PASSWORD_USER, c.exec(ExecRequest.of("id -un")).outTrimmed());
            assertFalse(c.settings().toString().contains(hosts.passwordUserPassword()));
        }
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String wrong = "wrong-password-99";
        Map<String, Object> v = vars(SshTestHosts.PASSWORD_USER, null);
        v.put("ansible_ssh_pass", wrong);
        ConnectionException e = assertThrows(ConnectionException.class, () -> open(v, env()));
        assertTrue(e.getMessage().contains("authentication failed for user jppass") && e.getMessage().contains("and a password"),
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void noCredentialsAtAllFailsBeforeConnecting() {
        ConnectionException e = assertThrows(ConnectionException.class, () -> open(vars("root", null), env()));
        assertTrue(e.getMessage().contains("no credentials") && e.getMessage().contains("no identity file found"), e.getMessage());
    }

    @Test
    void defaultKeysFromHomeAreUsed() throws Exception {
        Path ssh = tmp.resolve("home/.ssh");
        Files.createDirectories(ssh);
        Files.copy(hosts.key(), ssh.resolve("id_ed25519"));
        try (SshConnection c = open(vars("root", null), env())) {
            assertEquals(List.of(ssh.resolve("id_ed25519")), c.settings().identityFiles());
            assertEquals(0, c.exec(ExecRequest.of("true")).exitCode());
        }
    }
}
