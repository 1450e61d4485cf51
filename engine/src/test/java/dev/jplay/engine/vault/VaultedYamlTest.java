package dev.jplay.engine.vault;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryLoader;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vaulted files and {@code !vault} values read transparently wherever jplay reads YAML, with the run's passwords. */
class VaultedYamlTest {
    static final VaultKeyring KEYS = new VaultKeyring(List.of(VaultKeyringTest.secret("default", "yaml-pw")));

    @TempDir
    Path dir;

    @AfterEach
    void forgetPasswords() {
        VaultSecrets.use(VaultKeyring.EMPTY);
    }

    /** A {@code !vault |} block as ansible-vault encrypt_string prints it, indented under {@code indent}. */
    static String vaultValue(String plain, int indent) {
        String vaulted = KEYS.encrypt(plain.getBytes(StandardCharsets.UTF_8), null);
        StringBuilder sb = new StringBuilder("!vault |");
        for (String line : vaulted.split("\n")) {
            sb.append('\n').append(" ".repeat(indent)).append(line);
        }
        return sb.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aVaultValueReadsAsItsPlaintextString() {
        VaultSecrets.use(KEYS);
        String yaml = "user: admin\npassword: " + vaultValue("s3cret: with colon", 2) + "\nport: 8080\n";
        YamlNode.MapNode m = (YamlNode.MapNode) YamlReader.parse(yaml, Path.of("vars.yml"));
        assertEquals(Map.of("user", "admin", "password", "s3cret: with colon", "port", 8080), m.toJava());
        YamlNode.Scalar pw = (YamlNode.Scalar) m.get("password");
        assertEquals(null, pw.tag());
        assertEquals(2, pw.location().line());
    }

    @Test
    void withoutAPasswordAVaultValueIsAnErrorAtItsPlace() {
        String yaml = "user: admin\npassword: " + vaultValue("x", 2) + "\n";
        InputError e = assertThrows(InputError.class, () -> YamlReader.parse(yaml, Path.of("vars.yml")));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("vaulted value needs --ask-vault-pass or --vault-password-file"), e.getMessage());
    }

    @Test
    void aWrongPasswordOrChangedValueIsAnErrorNotGarbage() {
        String yaml = "a: 1\nb:\n  c: " + vaultValue("x", 4) + "\n";
        VaultSecrets.use(new VaultKeyring(List.of(VaultKeyringTest.secret("default", "not-it"))));
        InputError wrong = assertThrows(InputError.class, () -> YamlReader.parse(yaml, Path.of("v.yml")));
        assertEquals(3, wrong.location().line());
        assertTrue(wrong.getMessage().contains("cannot be decrypted") && wrong.getMessage().contains("password is wrong"),
                wrong.getMessage());

        VaultSecrets.use(KEYS);
        String[] lines = yaml.split("\n");
        // change one hex digit of the last payload line
        String last = lines[lines.length - 1];
        char c = last.charAt(last.length() - 1);
        lines[lines.length - 1] = last.substring(0, last.length() - 1) + (c == '0' ? '1' : '0');
        InputError changed = assertThrows(InputError.class, () -> YamlReader.parse(String.join("\n", lines) + "\n", Path.of("v.yml")));
        assertTrue(changed.getMessage().contains("vaulted value"), changed.getMessage());
    }

    @Test
    void aWholeVaultedFileReadsAsItsPlaintext() throws IOException {
        VaultSecrets.use(KEYS);
        Path f = write("secrets.yml", KEYS.encrypt("db_password: hunter22\nlist: [1, 2]\n".getBytes(StandardCharsets.UTF_8), null));
        assertEquals(Map.of("db_password", "hunter22", "list", List.of(1, 2)), PlaybookLoader.readVarsFile(f));
        assertEquals(Map.of("db_password", "hunter22", "list", List.of(1, 2)), YamlReader.read(f).toJava());
    }

    @Test
    void aVaultedFileWithoutPasswordNamesTheFile() throws IOException {
        Path f = write("secrets.yml", KEYS.encrypt("a: 1\n".getBytes(StandardCharsets.UTF_8), null));
        InputError e = assertThrows(InputError.class, () -> PlaybookLoader.readVarsFile(f));
        assertEquals(f, e.location().file());
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("vaulted file needs --ask-vault-pass or --vault-password-file"), e.getMessage());
    }

    @Test
    void inventoriesAndTheirGroupAndHostVarsMayBeVaultedToo() throws IOException {
        VaultSecrets.use(KEYS);
        write("inv/hosts", KEYS.encrypt("[web]\nw1 ansible_connection=local\n".getBytes(StandardCharsets.UTF_8), null));
        write("inv/group_vars/web.yml", KEYS.encrypt("api_key: from-group-vars\n".getBytes(StandardCharsets.UTF_8), null));
        write("inv/host_vars/w1.yml", "plain: not-vaulted\ntoken: " + vaultValue("from-host-vars", 2) + "\n");
        Inventory inv = InventoryLoader.load(List.of("inv/hosts"), dir);
        Map<String, Object> vars = inv.varsFor("w1");
        assertEquals("from-group-vars", vars.get("api_key"));
        assertEquals("from-host-vars", vars.get("token"));
        assertEquals("not-vaulted", vars.get("plain"));
    }
}
