package dev.jplay.engine.vault;

import dev.jplay.engine.connection.ssh.SecretPrompt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where one vault password comes from. Each is read once per run. A source that cannot give a
 * password (file missing, script failing, empty password, passwords that do not match) throws an
 * {@link UncheckedIOException}: an error outside the playbook, exit code 1.
 */
public sealed interface VaultPasswordSource {

    /** The vault id this password stands for ("default" for an unlabelled one). */
    String label();

    /** Reads the password; {@code prompt} asks a person. */
    VaultSecret read(SecretPrompt prompt);

    /** Asked at the terminal; {@code confirm} asks twice (when encrypting). */
    record Prompt(String label, boolean confirm) implements VaultPasswordSource {
        @Override
        public VaultSecret read(SecretPrompt prompt) {
            String suffix = label.equals(VaultEnvelope.DEFAULT_ID) ? "" : " (" + label + ")";
            String first = ask(prompt, (confirm ? "New vault password" : "Vault password") + suffix + ": ");
            if (confirm && !first.equals(ask(prompt, "Confirm new vault password" + suffix + ": "))) {
                throw failure("the vault passwords typed do not match");
            }
            return new VaultSecret(label, first.getBytes(StandardCharsets.UTF_8), "prompt");
        }

        private static String ask(SecretPrompt prompt, String text) {
            char[] typed = prompt.ask(text).orElseThrow(() -> failure(
                    "cannot ask for the vault password: there is no terminal (use --vault-password-file or JPLAY_VAULT_PASSWORD)"));
            String pw = new String(typed).strip();
            Arrays.fill(typed, '\0');
            if (pw.isEmpty()) {
                throw failure("the vault password typed is empty");
            }
            return pw;
        }
    }

    /**
     * A password file, as Ansible reads one: its content without surrounding white space; or, when the
     * file is executable, what the script prints (without surrounding line breaks). A script named
     * {@code *-client} (Ansible's vault-id client scripts) is given {@code --vault-id LABEL}.
     */
    record PasswordFile(String label, Path file) implements VaultPasswordSource {
        @Override
        public VaultSecret read(SecretPrompt prompt) {
            if (!Files.exists(file)) {
                throw failure("the vault password file " + file + " was not found");
            }
            if (!Files.isRegularFile(file)) {
                throw failure("the vault password file " + file + " is not a regular file");
            }
            byte[] pw = Files.isExecutable(file) ? strip(runScript(), "\r\n") : strip(readFile(), " \t\n\r\u000b\f");
            if (pw.length == 0) {
                throw failure("the vault password file " + file + (Files.isExecutable(file) ? " (a script) printed" : " holds")
                        + " an empty password");
            }
            return new VaultSecret(label, pw, "--vault-password-file " + file);
        }

        private byte[] readFile() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw failure("cannot read the vault password file " + file + ": " + e.getMessage());
            }
        }

        private byte[] runScript() {
            List<String> cmd = new ArrayList<>(List.of(file.toAbsolutePath().toString()));
            String base = file.getFileName().toString();
            int dot = base.lastIndexOf('.');
            if ((dot > 0 ? base.substring(0, dot) : base).endsWith("-client")) {
                cmd.addAll(List.of("--vault-id", label));
            }
            try {
                // stdin and stderr stay the user's, so a script can prompt on the terminal
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                byte[] out;
                try (InputStream in = p.getInputStream()) {
                    out = in.readAllBytes();
                }
                p.waitFor(10, TimeUnit.SECONDS);
                if (p.isAlive() || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw failure("the vault password script " + file + " failed (exit code "
                            + (p.isAlive() ? "none: still running" : p.exitValue()) + ")");
                }
                return out;
            } catch (IOException e) {
                throw failure("cannot run the vault password script " + file + ": " + e.getMessage()
                        + " (if it is not a script, remove its executable bit)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while running the vault password script " + file);
            }
        }
    }

    /** A password handed over as it is, e.g. from the environment variable {@code JPLAY_VAULT_PASSWORD}. */
    record Given(String label, String origin, String password) implements VaultPasswordSource {
        @Override
        public VaultSecret read(SecretPrompt prompt) {
            if (password == null || password.isEmpty()) {
                throw failure("the vault password from " + origin + " is empty");
            }
            return new VaultSecret(label, password.getBytes(StandardCharsets.UTF_8), origin);
        }

        @Override
        public String toString() {
            return "Given[" + label + " from " + origin + "]";
        }
    }

    private static byte[] strip(byte[] b, String chars) {
        int from = 0;
        int to = b.length;
        while (from < to && chars.indexOf(b[from]) >= 0) {
            from++;
        }
        while (to > from && chars.indexOf(b[to - 1]) >= 0) {
            to--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, from, to - from);
        return out.toByteArray();
    }

    static UncheckedIOException failure(String msg) {
        return new UncheckedIOException(msg, new IOException(msg));
    }
}
