package dev.jplay.engine.vault;

import dev.jplay.engine.connection.ssh.SecretPrompt;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the vault options of a command line and the environment into password sources, and reads
 * them into a run's {@link VaultKeyring}. Order (the first one encrypts; decrypting tries all):
 * {@code --vault-id} in the order given, {@code --vault-password-file}, {@code --ask-vault-pass},
 * then the environment: {@code JPLAY_VAULT_PASSWORD} (the password itself),
 * {@code JPLAY_VAULT_PASSWORD_FILE} and Ansible's {@code ANSIBLE_VAULT_PASSWORD_FILE} (a file as
 * for --vault-password-file).
 */
public final class VaultPasswords {
    public static final String ENV_PASSWORD = "JPLAY_VAULT_PASSWORD";
    public static final String ENV_PASSWORD_FILE = "JPLAY_VAULT_PASSWORD_FILE";
    public static final String ENV_ANSIBLE_PASSWORD_FILE = "ANSIBLE_VAULT_PASSWORD_FILE";

    private VaultPasswords() {
    }

    /**
     * @param vaultIds Ansible's {@code --vault-id [LABEL@]SOURCE}: SOURCE is {@code prompt} or a password file
     * @param confirm  ask prompted passwords twice (encrypting)
     */
    public static List<VaultPasswordSource> sources(boolean ask, List<Path> files, List<String> vaultIds, Map<String, String> env,
                                                    boolean confirm) {
        List<VaultPasswordSource> out = new ArrayList<>();
        for (String id : vaultIds) {
            // as Ansible splits it: at the first '@'; no label (or "@prompt") is the default one
            int at = id.indexOf('@');
            String label = at > 0 ? id.substring(0, at) : VaultEnvelope.DEFAULT_ID;
            String source = at >= 0 ? id.substring(at + 1) : id;
            if (source.isEmpty()) {
                throw VaultPasswordSource.failure("--vault-id " + id + ": expected LABEL@prompt or LABEL@FILE");
            }
            out.add(source.equals("prompt") ? new VaultPasswordSource.Prompt(label, confirm)
                    : new VaultPasswordSource.PasswordFile(label, Path.of(source)));
        }
        for (Path f : files) {
            out.add(new VaultPasswordSource.PasswordFile(VaultEnvelope.DEFAULT_ID, f));
        }
        if (ask) {
            out.add(new VaultPasswordSource.Prompt(VaultEnvelope.DEFAULT_ID, confirm));
        }
        String pw = env.get(ENV_PASSWORD);
        if (pw != null && !pw.isEmpty()) {
            out.add(new VaultPasswordSource.Given(VaultEnvelope.DEFAULT_ID, ENV_PASSWORD, pw));
        }
        for (String var : List.of(ENV_PASSWORD_FILE, ENV_ANSIBLE_PASSWORD_FILE)) {
            String f = env.get(var);
            if (f != null && !f.isBlank()) {
                out.add(new VaultPasswordSource.PasswordFile(VaultEnvelope.DEFAULT_ID, Path.of(f)));
            }
        }
        // the same file named twice (option and environment) is read once
        Set<VaultPasswordSource> unique = new LinkedHashSet<>(out);
        return List.copyOf(unique);
    }

    /** Reads every source once (prompting if asked). */
    public static VaultKeyring read(List<VaultPasswordSource> sources, SecretPrompt prompt) {
        List<VaultSecret> secrets = new ArrayList<>();
        for (VaultPasswordSource s : sources) {
            secrets.add(s.read(prompt));
        }
        return new VaultKeyring(secrets);
    }

    /**
     * Asks on the terminal; without one (input piped in, tests) reads one line from standard input,
     * byte by byte so that nothing after the line is consumed.
     */
    public static SecretPrompt terminalOrStdin() {
        return text -> {
            Console c = System.console();
            if (c != null) {
                return Optional.ofNullable(c.readPassword("%s", text));
            }
            return readLine(System.in);
        };
    }

    static Optional<char[]> readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vault password from standard input", e);
        }
        return Optional.of(line.toString(StandardCharsets.UTF_8).toCharArray());
    }
}
