package dev.jplay.engine.vault;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of vaulted data: a header line {@code $ANSIBLE_VAULT;1.1;AES256} (or
 * {@code $ANSIBLE_VAULT;1.2;AES256;LABEL} with a vault id), then the hex payload in lines of 80.
 *
 * @param vaultId the label of the password that encrypted it (format 1.2), else null
 * @param payload the hex payload without line breaks
 */
public record VaultEnvelope(String version, String cipher, String vaultId, String payload) {
    public static final String HEADER = "$ANSIBLE_VAULT";
    public static final String DEFAULT_ID = "default";
    private static final int LINE = 80;

    /** True when the text is vaulted data (as Ansible decides: it starts with the header). */
    public static boolean isVaulted(String text) {
        return text != null && text.startsWith(HEADER);
    }

    /** A new envelope: format 1.2 when the password has a label other than "default", else 1.1. */
    static VaultEnvelope of(String payload, String vaultId) {
        boolean labelled = vaultId != null && !vaultId.equals(DEFAULT_ID);
        return new VaultEnvelope(labelled ? "1.2" : "1.1", "AES256", labelled ? vaultId : null, payload);
    }

    /** Reads an envelope; surrounding blank space and indented lines (a YAML block) are allowed. */
    public static VaultEnvelope parse(String text) {
        String s = text == null ? "" : text.strip();
        if (!isVaulted(s)) {
            throw malformed("expected vaulted data starting with " + HEADER);
        }
        String[] lines = s.split("\\R");
        String[] header = lines[0].strip().split(";");
        if (header.length < 3 || !header[0].strip().equals(HEADER)) {
            throw malformed("the vault header '" + lines[0].strip() + "' is not of the form $ANSIBLE_VAULT;1.1;AES256");
        }
        String version = header[1].strip();
        String cipher = header[2].strip();
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw malformed("vault format version " + version + " is not supported (1.1 and 1.2 are)");
        }
        if (!cipher.equals("AES256")) {
            throw malformed("the vault cipher " + cipher + " is not supported (AES256 is)");
        }
        String vaultId = header.length >= 4 && !header[3].isBlank() ? header[3].strip() : null;
        StringBuilder payload = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            payload.append(lines[i].strip());
        }
        if (payload.length() == 0) {
            throw malformed("the vaulted data is empty after its header");
        }
        return new VaultEnvelope(version, cipher, vaultId, payload.toString());
    }

    /** The text Ansible writes: header, payload in lines of 80, a final newline. */
    public String format() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + ";" + version + ";" + cipher + (vaultId != null && version.equals("1.2") ? ";" + vaultId : ""));
        for (int i = 0; i < payload.length(); i += LINE) {
            lines.add(payload.substring(i, Math.min(payload.length(), i + LINE)));
        }
        return String.join("\n", lines) + "\n";
    }

    private static VaultException malformed(String msg) {
        return new VaultException(VaultException.Reason.MALFORMED, msg);
    }
}
