package dev.jplay.engine.vault;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The vault passwords of the running command, and the two places jplay's readers open vaulted data:
 * a whole vaulted file ({@link #openFile}) and a {@code !vault} value ({@link #openValue}).
 *
 * <p>The command line reads the passwords once, at the start of a run, and hands them over with
 * {@link #use}; readers deep in the loaders (YAML files, vars files, inventories) find them here
 * instead of having the keyring passed down every call. One command runs per JVM at a time (the CLI);
 * each command replaces the keyring, so a run never sees an earlier run's passwords.
 */
public final class VaultSecrets {
    static final String NEEDS_PASSWORD = "needs --ask-vault-pass or --vault-password-file (or " + VaultPasswords.ENV_PASSWORD
            + " in the environment)";

    private static volatile VaultKeyring keyring = VaultKeyring.EMPTY;

    private VaultSecrets() {
    }

    /** Makes these the passwords of the command now running. */
    public static void use(VaultKeyring k) {
        keyring = k == null ? VaultKeyring.EMPTY : k;
    }

    public static VaultKeyring current() {
        return keyring;
    }

    /** A file's text, decrypted when it is a vaulted file; any other text comes back as it is. */
    public static String openFile(String text, Path file) {
        if (!VaultEnvelope.isVaulted(text)) {
            return text;
        }
        return open(text, new SourceLocation(file, 1, 1), "vaulted file");
    }

    /** The plaintext of a {@code !vault} tagged value written at {@code where}. */
    public static String openValue(String vaultText, SourceLocation where) {
        return open(vaultText, where, "vaulted value");
    }

    private static String open(String vaultText, SourceLocation where, String what) {
        VaultKeyring k = keyring;
        if (k.isEmpty()) {
            throw new InputError(where, "this " + what + " " + NEEDS_PASSWORD);
        }
        byte[] plain;
        try {
            plain = k.decrypt(vaultText);
        } catch (VaultException e) {
            String why = e.reason() == VaultException.Reason.MALFORMED ? "is not valid Ansible Vault data: " : "cannot be decrypted: ";
            throw new InputError(where, "this " + what + " " + why + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            throw new InputError(where, "this " + what + " decrypts to bytes that are not UTF-8 text");
        }
    }
}
