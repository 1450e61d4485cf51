package dev.jplay.engine.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code jplay vault create|edit|rekey} run as a separate process (so $EDITOR is really that
 * process's environment) with a script as the editor, and checked with the real {@code ansible-vault}.
 */
class VaultEditCommandsTest {
    @TempDir
    Path dir;

    record Proc(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    /** jplay with EDITOR set (null: unset), standard input from {@code stdin}. */
    private Proc jplay(String editor, String stdin, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jplay.engine.cli.Main"));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile());
        b.environment().remove("EDITOR");
        b.environment().remove("ANSIBLE_VAULT_PASSWORD_FILE");
        b.environment().remove("JPLAY_VAULT_PASSWORD");
        b.environment().remove("JPLAY_VAULT_PASSWORD_FILE");
        if (editor != null) {
            b.environment().put("EDITOR", editor);
        }
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".txt"), stdin == null ? "" : stdin);
        Path err = Files.createTempFile(dir, "err", ".txt");
        b.redirectInput(in.toFile()).redirectError(err.toFile());
        Process p = b.start();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("jplay did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Proc r = new Proc(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
        Files.delete(in);
        Files.delete(err);
        return r;
    }

    private AnsibleVaultInteropTest.Proc ansible(String... command) {
        return AnsibleVaultInteropTest.run(dir, null, command);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * An editor script that logs the file it was given, that file's mode and its directory's mode into
     * {@code log}, then writes {@code text} (a printf format) into it (null: leaves it alone) and exits with {@code code}.
     */
    private String editorScript(Path log, String text, int code) throws IOException {
        Path script = dir.resolve("editor-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "printf '%s %s %s\\n' \"$1\" \"$(stat -c %a \"$1\")\" \"$(stat -c %a \"$(dirname \"$1\")\")\" >> '" + log + "'\n"
                + "cat \"$1\" >> '" + log + ".seen'\n"
                + (text != null ? "printf '" + text + "' > \"$1\"\n" : "")
                + "exit " + code + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static String[] logged(Path log) throws IOException {
        return Files.readString(log).strip().split(" ");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createEncryptsWhatTheEditorSavedAndAnsibleVaultReadsIt() throws IOException {
        write("pw", "create-pw\n");
        Path log = dir.resolve("log");
        Proc r = jplay(editorScript(log, "token: s3cret\n", 0), null, "vault", "create", "sub/new.yml", "--vault-password-file", "pw");
        assertEquals(0, r.code(), r.all());
        Path f = dir.resolve("sub/new.yml");
        String vaulted = Files.readString(f);
        assertTrue(vaulted.startsWith("$ANSIBLE_VAULT;1.1;AES256\n") && !vaulted.contains("s3cret"), vaulted);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String[] seen = logged(log);
        assertTrue(seen[0].endsWith(".yml"), "the temp file keeps the extension: " + seen[0]);
        assertEquals("600", seen[1]);
        assertEquals("700", seen[2]);
        assertFalse(Files.exists(Path.of(seen[0]).getParent()), "the plaintext and its directory are removed");
        AnsibleVaultInteropTest.Proc view = ansible("ansible-vault", "view", "--vault-password-file", "pw", "sub/new.yml");
        assertEquals(0, view.code(), view.err());
        assertEquals("token: s3cret\n", view.out());
    }

    @Test
    void createWithAShellCommandAsEditorAndAVaultId() throws IOException {
        write("ops-pw", "ops-secret");
        Proc r = jplay("sh -c 'printf \"a: 1\\n\" > \"$1\"' --", null, "vault", "create", "ops.yml", "--vault-id", "ops@ops-pw");
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.readString(dir.resolve("ops.yml")).startsWith("$ANSIBLE_VAULT;1.2;AES256;ops\n"));
        assertEquals("a: 1\n", ansible("ansible-vault", "view", "--vault-id", "ops@ops-pw", "ops.yml").out());
    }

    @Test
    void createRefusesAnExistingFileAndWritesNothingWhenNothingWasSaved() throws IOException {
        write("pw", "pw");
        Path f = write("there.yml", "plain: yes\n");
        Proc r = jplay("sh -c 'printf x > \"$1\"' --", null, "vault", "create", "there.yml", "--vault-password-file", "pw");
        assertEquals(3, r.code(), r.all());
        assertTrue(r.err().contains("exists, please use 'edit' instead"), r.all());
        assertEquals("plain: yes\n", Files.readString(f));

        Proc empty = jplay("true", null, "vault", "create", "empty.yml", "--vault-password-file", "pw");
        assertEquals(0, empty.code(), empty.all());
        assertFalse(Files.exists(dir.resolve("empty.yml")));
    }

    @Test
    void editShowsThePlaintextPrivatelyAndKeepsTheVaultId() throws IOException {
        write("prod-pw", "prod-secret");
        Path f = write("prod.yml", "tier: prod\n");
        assertEquals(0, ansible("ansible-vault", "encrypt", "--vault-id", "prod@prod-pw", "prod.yml").code());
        Path log = dir.resolve("log");
        // the password comes without a label: the file's vault id must be kept all the same
        Proc r = jplay(editorScript(log, "tier: prod\\nreplicas: 3\\n", 0), null, "vault", "edit", "prod.yml", "--vault-password-file", "prod-pw");
        assertEquals(0, r.code(), r.all());
        assertEquals("tier: prod\n", Files.readString(dir.resolve("log.seen")), "the editor got the decrypted text");
        String[] seen = logged(log);
        assertEquals("600", seen[1]);
        assertEquals("700", seen[2]);
        assertFalse(Files.exists(Path.of(seen[0])), "plaintext removed");
        assertTrue(Files.readString(f).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), Files.readString(f));
        AnsibleVaultInteropTest.Proc view = ansible("ansible-vault", "view", "--vault-id", "prod@prod-pw", "prod.yml");
        assertEquals("tier: prod\nreplicas: 3\n", view.out(), view.err());
    }

    @Test
    void editLeavesTheFileAsItWasWhenNothingChangedOrTheEditorFails() throws IOException {
        write("pw", "pw");
        write("s.yml", "a: 1\n");
        assertEquals(0, ansible("ansible-vault", "encrypt", "--vault-password-file", "pw", "s.yml").code());
        byte[] before = Files.readAllBytes(dir.resolve("s.yml"));
        Proc same = jplay(editorScript(dir.resolve("log1"), null, 0), null, "vault", "edit", "s.yml", "--vault-password-file", "pw");
        assertEquals(0, same.code(), same.all());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("s.yml")), "unchanged text: not re-encrypted");

        Path log = dir.resolve("log2");
        Proc failed = jplay(editorScript(log, "a: 2\\n", 1), null, "vault", "edit", "s.yml", "--vault-password-file", "pw");
        assertNotEquals(0, failed.code(), failed.all());
        assertTrue(failed.err().contains("exited with code 1"), failed.all());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("s.yml")));
        assertFalse(Files.exists(Path.of(logged(log)[0]).getParent()), "plaintext removed when the editor fails too");

        Proc wrong = jplay("true", null, "vault", "edit", "s.yml", "--vault-password-file", write("bad", "bad"));
        assertEquals(3, wrong.code(), wrong.all());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("s.yml")));
        assertFalse(Files.exists(dir.resolve("log3")));
    }

    @Test
    void rekeyWithANewPasswordFileOrVaultIdOrAsked() throws IOException {
        write("old", "old-pw");
        write("new", "new-pw");
        Path a = write("a.yml", "a: 1\n");
        Path b = write("b.yml", "b: 2\n");
        assertEquals(0, ansible("ansible-vault", "encrypt", "--vault-password-file", "old", "a.yml", "b.yml").code());
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rw-r-----"));

        Proc r = jplay(null, null, "vault", "rekey", "a.yml", "b.yml", "--vault-password-file", "old", "--new-vault-password-file", "new");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("Rekey successful"), r.all());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        assertEquals("a: 1\n", ansible("ansible-vault", "view", "--vault-password-file", "new", "a.yml").out());
        assertEquals("b: 2\n", ansible("ansible-vault", "view", "--vault-password-file", "new", "b.yml").out());
        assertNotEquals(0, ansible("ansible-vault", "view", "--vault-password-file", "old", "a.yml").code());

        Proc id = jplay(null, null, "vault", "rekey", "a.yml", "--vault-password-file", "new", "--new-vault-id", "ops@old");
        assertEquals(0, id.code(), id.all());
        assertTrue(Files.readString(a).startsWith("$ANSIBLE_VAULT;1.2;AES256;ops\n"));
        assertEquals("a: 1\n", ansible("ansible-vault", "view", "--vault-id", "ops@old", "a.yml").out());

        // no new password given: asked (twice) after the old one, as ansible-vault does
        Proc asked = jplay(null, "typed-pw\ntyped-pw\n", "vault", "rekey", "b.yml", "--vault-password-file", "new");
        assertEquals(0, asked.code(), asked.all());
        assertEquals("b: 2\n", ansible("ansible-vault", "view", "--vault-password-file", write("typed", "typed-pw").toString(), "b.yml").out());

        byte[] before = Files.readAllBytes(a);
        Proc wrong = jplay(null, null, "vault", "rekey", "a.yml", "b.yml", "--vault-password-file", "typed", "--new-vault-password-file", "new");
        assertEquals(3, wrong.code(), wrong.all());
        assertArrayEquals(before, Files.readAllBytes(a), "one file that does not open leaves all as they were");
        assertTrue(names().stream().noneMatch(n -> n.contains("jplay-tmp")), names().toString());
    }
}
