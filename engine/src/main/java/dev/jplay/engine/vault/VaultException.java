package dev.jplay.engine.vault;

/**
 * Vaulted data that cannot be opened. The message says why in words a user can act on; it never
 * contains a password or any decrypted byte.
 */
public final class VaultException extends RuntimeException {

    /** Why the data could not be opened. */
    public enum Reason {
        /** No vault password was given for this run. */
        NO_PASSWORD,
        /** No password given decrypts it: a wrong password, or data changed after encryption (HMAC mismatch). */
        NO_MATCHING_PASSWORD,
        /** Not Ansible Vault's format: bad header, not hex, missing parts. */
        MALFORMED
    }

    private final Reason reason;

    public VaultException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
