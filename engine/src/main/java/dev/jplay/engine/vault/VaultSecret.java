package dev.jplay.engine.vault;

import java.util.Arrays;

/**
 * One vault password and its label (Ansible's vault id; "default" when none was given). It prints
 * as its label and source only, never the password.
 *
 * @param origin where it came from, for messages ("--vault-password-file pw.txt", "prompt")
 */
public record VaultSecret(String label, byte[] password, String origin) {

    public VaultSecret {
        label = label == null || label.isBlank() ? VaultEnvelope.DEFAULT_ID : label;
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a vault password cannot be empty");
        }
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultSecret s && s.label.equals(label) && Arrays.equals(s.password, password);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return "VaultSecret[" + label + " from " + origin + "]";
    }
}
