package dev.jplay.engine.vault;

import dev.jplay.engine.connection.ssh.SecretPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where vault passwords come from, read as Ansible reads them. */
class VaultPasswordsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Path script(String name, String body) throws IOException {
        Path p = file(name, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static String password(VaultPasswordSource s) {
        return new String(s.read(SecretPrompt.NONE).password(), StandardCharsets.UTF_8);
    }

    /** A prompt that answers from a list and records what it was asked. */
    private static final class Answers implements SecretPrompt {
        final Deque<String> answers;
        final List<String> asked = new ArrayList<>();

        Answers(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public Optional<char[]> ask(String prompt) {
            asked.add(prompt);
            return answers.isEmpty() ? Optional.empty() : Optional.of(answers.pop().toCharArray());
        }
    }

    @Test
    void aPasswordFileIsItsContentWithoutSurroundingBlanks() throws IOException {
        assertEquals("two words", password(new VaultPasswordSource.PasswordFile("default", file("pw", "  two words \n\n"))));
        // like Ansible, the whole content counts, not only the first line
        assertEquals("line1\nline2", password(new VaultPasswordSource.PasswordFile("default", file("pw2", "line1\nline2\n"))));
    }

    @Test
    void anExecutableFileIsRunAndPrintsThePassword() throws IOException {
        Path s = script("pw.sh", "printf ' spaced pw \\r\\n'");
        assertEquals(" spaced pw ", password(new VaultPasswordSource.PasswordFile("default", s)));
    }

    @Test
    void aClientScriptIsToldWhichVaultIdItIsAskedFor() throws IOException {
        Path s = script("keys-client.sh", "[ \"$1\" = --vault-id ] && echo \"pw-for-$2\"");
        assertEquals("pw-for-prod", password(new VaultPasswordSource.PasswordFile("prod", s)));
    }

    @Test
    void sourcesThatCannotGiveAPasswordSayWhy() throws IOException {
        assertFailure(new VaultPasswordSource.PasswordFile("default", dir.resolve("missing")), "was not found");
        assertFailure(new VaultPasswordSource.PasswordFile("default", file("empty", " \n")), "empty password");
        assertFailure(new VaultPasswordSource.PasswordFile("default", script("fails.sh", "exit 3")), "failed (exit code 3)");
        assertFailure(new VaultPasswordSource.PasswordFile("default", script("silent.sh", "true")), "printed an empty password");
        assertFailure(new VaultPasswordSource.Prompt("default", false), "no terminal");
    }

    private static void assertFailure(VaultPasswordSource s, String expected) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> s.read(SecretPrompt.NONE));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void promptsAskOnceOrTwiceWhenEncrypting() {
        Answers once = new Answers(" typed \n");
        assertEquals("typed", new String(new VaultPasswordSource.Prompt("default", false).read(once).password(), StandardCharsets.UTF_8));
        assertEquals(List.of("Vault password: "), once.asked);

        Answers twice = new Answers("a", "a");
        new VaultPasswordSource.Prompt("prod", true).read(twice);
        assertEquals(List.of("New vault password (prod): ", "Confirm new vault password (prod): "), twice.asked);

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new VaultPasswordSource.Prompt("default", true).read(new Answers("a", "b")));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    }

    @Test
    void commandLineSourcesComeFirstThenTheEnvironment() throws IOException {
        Path f = file("pw", "file-pw");
        Path envFile = file("env-pw", "env-file-pw");
        List<VaultPasswordSource> s = VaultPasswords.sources(true, List.of(f), List.of("prod@" + f, "dev@prompt"),
                Map.of("JPLAY_VAULT_PASSWORD", "env-pw", "ANSIBLE_VAULT_PASSWORD_FILE", envFile.toString(),
                        "JPLAY_VAULT_PASSWORD_FILE", f.toString()), false);
        assertEquals(List.of(
                new VaultPasswordSource.PasswordFile("prod", f),
                new VaultPasswordSource.Prompt("dev", false),
                new VaultPasswordSource.PasswordFile("default", f),
                new VaultPasswordSource.Prompt("default", false),
                new VaultPasswordSource.Given("default", "JPLAY_VAULT_PASSWORD", "env-pw"),
                new VaultPasswordSource.PasswordFile("default", envFile)), s);
        VaultKeyring k = VaultPasswords.read(s, new Answers("dev-typed", "typed"));
        assertEquals(List.of("prod", "dev", "default", "default", "default", "default"), k.labels());
    }

    @Test
    void noOptionsAndNoEnvironmentMeansNoPasswords() {
        assertTrue(VaultPasswords.sources(false, List.of(), List.of(), Map.of(), false).isEmpty());
        assertThrows(UncheckedIOException.class, () -> VaultPasswords.sources(false, List.of(), List.of("prod@"), Map.of(), false));
        assertEquals(List.of(new VaultPasswordSource.Prompt("default", true), new VaultPasswordSource.PasswordFile("default", Path.of("f"))),
                VaultPasswords.sources(false, List.of(), List.of("@prompt", "f"), Map.of(), true));
    }

    @Test
    void readingAPasswordFromStandardInputTakesOneLineOnly() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("pw\nrest of input\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("pw", new String(VaultPasswords.readLine(in).orElseThrow()));
        assertEquals("rest of input\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(VaultPasswords.readLine(new ByteArrayInputStream(new byte[0])).isEmpty());
    }
}
