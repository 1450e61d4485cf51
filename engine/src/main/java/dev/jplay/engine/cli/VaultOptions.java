package dev.jplay.engine.cli;

import dev.jplay.engine.connection.ssh.SecretPrompt;
import dev.jplay.engine.vault.VaultKeyring;
import dev.jplay.engine.vault.VaultPasswordSource;
import dev.jplay.engine.vault.VaultPasswords;
import dev.jplay.engine.vault.VaultSecrets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where vault passwords come from, shared by the commands that read vaulted files. The environment
 * adds {@code JPLAY_VAULT_PASSWORD} (the password), {@code JPLAY_VAULT_PASSWORD_FILE} and
 * {@code ANSIBLE_VAULT_PASSWORD_FILE} (a password file).
 */
public final class VaultOptions {
    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "ask for the vault password. Also read: "
            + "env JPLAY_VAULT_PASSWORD (the password), JPLAY_VAULT_PASSWORD_FILE or ANSIBLE_VAULT_PASSWORD_FILE (a password file)")
    boolean askVaultPass;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "read the vault password from FILE (its content "
            + "without surrounding blanks; an executable FILE is run and prints it); repeatable")
    List<Path> passwordFiles = new ArrayList<>();

    @Option(names = "--vault-id", paramLabel = "[LABEL@]SOURCE", description = "a labelled vault password: SOURCE is 'prompt' "
            + "or a password file; repeatable")
    List<String> vaultIds = new ArrayList<>();

    /** The password sources of the command line and the environment, in the order they are tried. */
    List<VaultPasswordSource> sources(boolean confirm) {
        return VaultPasswords.sources(askVaultPass, passwordFiles, vaultIds, environment(), confirm);
    }

    /** Reads the passwords (asking, if so told) and makes them this run's; no password is fine until a vaulted value is met. */
    void activate() {
        VaultSecrets.use(VaultPasswords.read(sources(false), prompt()));
    }

    /** The passwords for {@code jplay vault}: asked for at the terminal when none was given. */
    VaultKeyring keyringOrAsk(boolean confirm) {
        List<VaultPasswordSource> sources = sources(confirm);
        if (sources.isEmpty()) {
            sources = List.of(new VaultPasswordSource.Prompt("default", confirm));
        }
        return VaultPasswords.read(sources, prompt());
    }

    static SecretPrompt prompt() {
        return VaultPasswords.terminalOrStdin();
    }

    static Map<String, String> environment() {
        return System.getenv();
    }
}
