package dev.jplay.engine.vault;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultEnvelopeTest {

    @Test
    void writesAnsiblesLayoutHeaderThenLinesOf80() {
        String text = VaultEnvelope.of("a".repeat(170), null).format();
        assertEquals("$ANSIBLE_VAULT;1.1;AES256\n" + "a".repeat(80) + "\n" + "a".repeat(80) + "\n" + "a".repeat(10) + "\n", text);
    }

    @Test
    void aVaultIdOtherThanDefaultMakesFormat12() {
        assertEquals("$ANSIBLE_VAULT;1.2;AES256;prod\nab\n", VaultEnvelope.of("ab", "prod").format());
        assertEquals("$ANSIBLE_VAULT;1.1;AES256\nab\n", VaultEnvelope.of("ab", "default").format());
    }

    @Test
    void readsBothVersionsIndentedCrlfAndWithBlankSpace() {
        VaultEnvelope e = VaultEnvelope.parse("\n  $ANSIBLE_VAULT;1.2;AES256;prod\r\n    6162\r\n    6364  \r\n");
        assertEquals("1.2", e.version());
        assertEquals("prod", e.vaultId());
        assertEquals("61626364", e.payload());
        VaultEnvelope old = VaultEnvelope.parse("$ANSIBLE_VAULT;1.1;AES256\n6162\n");
        assertNull(old.vaultId());
        assertEquals("6162", old.payload());
    }

    @Test
    void recognisesVaultedTextAsAnsibleDoes() {
        assertTrue(VaultEnvelope.isVaulted("$ANSIBLE_VAULT;1.1;AES256\n00\n"));
        assertFalse(VaultEnvelope.isVaulted("key: $ANSIBLE_VAULT\n"));
        assertFalse(VaultEnvelope.isVaulted(null));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertMalformed("$ANSIBLE_VAULT;1.1\n00\n", "not of the form");
        assertMalformed("$ANSIBLE_VAULT;1.0;AES\n00\n", "version 1.0");
        assertMalformed("$ANSIBLE_VAULT;1.1;AES\n00\n", "cipher AES is not supported");
        assertMalformed("$ANSIBLE_VAULT;1.1;AES256\n", "empty");
        assertMalformed("plain: yaml\n", "expected vaulted data");
    }

    private static void assertMalformed(String text, String expected) {
        VaultException e = assertThrows(VaultException.class, () -> VaultEnvelope.parse(text));
        assertEquals(VaultException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
