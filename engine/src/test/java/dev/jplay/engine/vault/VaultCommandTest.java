package dev.jplay.engine.vault;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jplay vault ...} run in-process exactly as from the command line. */
class VaultCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    static Result jplay(Object... args) {
        List<String> words = new ArrayList<>();
        for (Object a : args) {
            words.add(a.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.commandLine(new PlaybookCommand(), o, e).execute(words.toArray(String[]::new));
        }
        return new Result(code, out.toString(), err.toString());
    }

    @AfterEach
    void forgetPasswords() {
        VaultSecrets.use(VaultKeyring.EMPTY);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void encryptThenDecryptInPlaceKeepsModeAndLeavesNoTempFiles() throws IOException {
        Path pw = write("pw", "cmd-pw\n");
        Path f = write("secrets.yml", "token: abc123\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));

        Result enc = jplay("vault", "encrypt", f, "--vault-password-file", pw);
        assertEquals(0, enc.code(), enc.all());
        assertTrue(enc.err().contains("Encryption successful"), enc.all());
        String vaulted = Files.readString(f);
        assertTrue(vaulted.startsWith("$ANSIBLE_VAULT;1.1;AES256\n") && !vaulted.contains("abc123"), vaulted);
        assertEquals("rw-r-----", mode(f));
        assertEquals(List.of("pw", "secrets.yml"), names());

        Result view = jplay("vault", "view", f, "--vault-password-file", pw);
        assertEquals(0, view.code(), view.all());
        assertEquals("token: abc123\n", view.out());

        Result dec = jplay("vault", "decrypt", f, "--vault-password-file", pw);
        assertEquals(0, dec.code(), dec.all());
        assertEquals("token: abc123\n", Files.readString(f));
        assertEquals("rw-r-----", mode(f));
        assertEquals(List.of("pw", "secrets.yml"), names());
    }

    @Test
    void aNewOutputFileIsOwnerOnlyAndTheInputStaysAsItWas() throws IOException {
        Path pw = write("pw", "cmd-pw");
        Path f = write("plain.txt", "binary?\u0000\n");
        Path out = dir.resolve("vaulted.txt");
        assertEquals(0, jplay("vault", "encrypt", f, "--output", out, "--vault-password-file", pw).code());
        assertEquals("binary?\u0000\n", Files.readString(f));
        assertEquals("rw-------", mode(out));
        Result back = jplay("vault", "decrypt", out, "--output", "-", "--vault-password-file", pw);
        assertEquals("binary?\u0000\n", back.out(), back.all());
        assertTrue(VaultEnvelope.isVaulted(Files.readString(out)));
    }

    @Test
    void aWrongPasswordOrAChangedFileIsExit3AndTheFileIsUntouched() throws IOException {
        Path pw = write("pw", "right");
        Path wrong = write("wrong", "wrong");
        Path f = write("s.yml", "a: 1\n");
        jplay("vault", "encrypt", f, "--vault-password-file", pw);
        byte[] before = Files.readAllBytes(f);

        Result r = jplay("vault", "decrypt", f, "--vault-password-file", wrong);
        assertEquals(3, r.code(), r.all());
        assertTrue(r.err().contains("password is wrong, or the data was changed"), r.all());
        assertArrayEquals(before, Files.readAllBytes(f));

        String text = new String(before, StandardCharsets.US_ASCII);
        int at = text.indexOf('\n') + 40;
        String tampered = text.substring(0, at) + (text.charAt(at) == '3' ? '6' : '3') + text.substring(at + 1);
        Files.writeString(f, tampered);
        Result t = jplay("vault", "view", f, "--vault-password-file", pw);
        assertEquals(3, t.code(), t.all());
        assertFalse(t.out().contains("a: 1"), t.all());
        assertEquals(tampered, Files.readString(f));
    }

    @Test
    void refusesToEncryptTwiceOrDecryptPlainFiles() throws IOException {
        Path pw = write("pw", "pw");
        Path f = write("s.yml", "a: 1\n");
        Path other = write("t.yml", "b: 2\n");
        assertEquals(0, jplay("vault", "encrypt", f, "--vault-password-file", pw).code());
        Result twice = jplay("vault", "encrypt", other, f, "--vault-password-file", pw);
        assertEquals(3, twice.code(), twice.all());
        assertTrue(twice.err().contains("already vault-encrypted"), twice.all());
        assertEquals("b: 2\n", Files.readString(other), "nothing is written when one file is refused");
        Result plain = jplay("vault", "decrypt", other, "--vault-password-file", pw);
        assertEquals(3, plain.code(), plain.all());
        assertTrue(plain.err().contains("is not vault-encrypted"), plain.all());
    }

    @Test
    void aMissingPasswordFileIsExit1() throws IOException {
        Path f = write("s.yml", "a: 1\n");
        Result r = jplay("vault", "encrypt", f, "--vault-password-file", dir.resolve("nope"));
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("vault password file") && r.err().contains("was not found"), r.all());
        assertEquals("a: 1\n", Files.readString(f));
    }

    @Test
    void encryptStringPrintsVaultValuesThatReadBack() throws IOException {
        Path pw = write("pw", "str-pw");
        Result r = jplay("vault", "encrypt_string", "--vault-password-file", pw, "-n", "db_password", "p@ss: word", "-n", "api", "k3y");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n"), r.out());
        assertFalse(r.out().contains("p@ss") || r.out().contains("k3y"), r.out());
        VaultSecrets.use(new VaultKeyring(List.of(VaultKeyringTest.secret("default", "str-pw"))));
        assertEquals(Map.of("db_password", "p@ss: word", "api", "k3y"), YamlReader.parse(r.out(), Path.of("out.yml")).toJava());
    }

    @Test
    void aLabelledVaultIdWritesFormat12() throws IOException {
        Path pw = write("prod-pw", "prod-secret");
        Path f = write("s.yml", "a: 1\n");
        Result r = jplay("vault", "encrypt", f, "--vault-id", "prod@" + pw);
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.readString(f).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
        assertEquals("a: 1\n", jplay("vault", "view", f, "--vault-password-file", pw).out());
    }

    @Test
    void withoutAPasswordSourceItAsksAndConfirmsWhenEncrypting() throws IOException {
        Path f = write("s.yml", "asked: yes\n");
        InputStream stdin = System.in;
        try {
            // no terminal under the test runner: the answers come from standard input, one per line
            System.setIn(new ByteArrayInputStream("typed-pw\ntyped-pw\n".getBytes(StandardCharsets.UTF_8)));
            Result enc = jplay("vault", "encrypt", f);
            assertEquals(0, enc.code(), enc.all());
            System.setIn(new ByteArrayInputStream("typed-pw\ntyped-pw-typo\n".getBytes(StandardCharsets.UTF_8)));
            Result typo = jplay("vault", "encrypt", write("t.yml", "x: 1\n"));
            assertEquals(1, typo.code(), typo.all());
            assertTrue(typo.err().contains("do not match"), typo.all());
            System.setIn(new ByteArrayInputStream("typed-pw\n".getBytes(StandardCharsets.UTF_8)));
            Result view = jplay("vault", "view", f, "--ask-vault-pass");
            assertEquals("asked: yes\n", view.out(), view.all());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void noActionIsAUsageError() {
        Result r = jplay("vault");
        assertEquals(5, r.code(), r.all());
        assertTrue(r.err().contains("encrypt|decrypt|view|encrypt_string"), r.all());
    }
}
