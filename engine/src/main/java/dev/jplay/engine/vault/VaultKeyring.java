package dev.jplay.engine.vault;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault passwords of one run, in the order they were given. Decrypting tries the password whose
 * label matches the data's vault id first, then every other one, as Ansible does (a vault id is only
 * a hint: it is not authenticated). Encrypting uses the first password, or the one with a given label.
 */
public final class VaultKeyring {
    public static final VaultKeyring EMPTY = new VaultKeyring(List.of());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<VaultSecret> secrets;

    public VaultKeyring(List<VaultSecret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public List<String> labels() {
        return secrets.stream().map(VaultSecret::label).toList();
    }

    /** The plaintext of vaulted text. */
    public byte[] decrypt(String vaultText) {
        VaultEnvelope env = VaultEnvelope.parse(vaultText);
        VaultAes256.Payload payload = VaultAes256.parse(env.payload());
        return open(env, payload).plaintext();
    }

    /**
     * New vaulted text for changed plaintext ({@code vault edit}): encrypted with the password that
     * opens the old text and under the old text's vault id, as ansible-vault keeps them.
     */
    public String reencrypt(String oldVaultText, byte[] plaintext) {
        VaultEnvelope env = VaultEnvelope.parse(oldVaultText);
        VaultSecret s = open(env, VaultAes256.parse(env.payload())).secret();
        byte[] salt = new byte[VaultAes256.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return VaultEnvelope.of(VaultAes256.encrypt(plaintext, s.password(), salt), env.vaultId() != null ? env.vaultId() : s.label()).format();
    }

    private record Opened(VaultSecret secret, byte[] plaintext) {
    }

    private Opened open(VaultEnvelope env, VaultAes256.Payload payload) {
        if (secrets.isEmpty()) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "no vault password was given");
        }
        List<VaultSecret> order = new ArrayList<>();
        secrets.stream().filter(s -> s.label().equals(env.vaultId())).forEach(order::add);
        secrets.stream().filter(s -> !s.label().equals(env.vaultId())).forEach(order::add);
        for (VaultSecret s : order) {
            byte[] plain = VaultAes256.decrypt(payload, s.password());
            if (plain != null) {
                return new Opened(s, plain);
            }
        }
        throw new VaultException(VaultException.Reason.NO_MATCHING_PASSWORD, "the vault password is wrong, or the data was changed "
                + "after it was encrypted (its HMAC does not match" + (secrets.size() > 1 ? " for any of the " + secrets.size()
                + " vault passwords given" : "") + ")" + (env.vaultId() != null ? "; it was encrypted with vault id '" + env.vaultId() + "'" : ""));
    }

    /** Vaulted text (with a final newline) for this plaintext, with a fresh random salt. */
    public String encrypt(byte[] plaintext, String label) {
        VaultSecret s = secretFor(label);
        byte[] salt = new byte[VaultAes256.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return VaultEnvelope.of(VaultAes256.encrypt(plaintext, s.password(), salt), s.label()).format();
    }

    private VaultSecret secretFor(String label) {
        if (secrets.isEmpty()) {
            throw new VaultException(VaultException.Reason.NO_PASSWORD, "no vault password was given");
        }
        if (label == null) {
            return secrets.get(0);
        }
        return secrets.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow(() -> new VaultException(
                VaultException.Reason.NO_PASSWORD, "no vault password has the vault id '" + label + "' (given: " + labels() + ")"));
    }

    @Override
    public String toString() {
        return "VaultKeyring" + labels();
    }
}
