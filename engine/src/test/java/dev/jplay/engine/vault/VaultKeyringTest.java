package dev.jplay.engine.vault;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VaultKeyringTest {

    static VaultSecret secret(String label, String pw) {
        return new VaultSecret(label, pw.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void roundTripWithAFreshSaltEachTime() {
        VaultKeyring k = new VaultKeyring(List.of(secret("default", "pw")));
        String a = k.encrypt("x: 1\n".getBytes(StandardCharsets.UTF_8), null);
        String b = k.encrypt("x: 1\n".getBytes(StandardCharsets.UTF_8), null);
        assertNotEquals(a, b);
        assertTrue(a.startsWith("$ANSIBLE_VAULT;1.1;AES256\n"), a);
        assertEquals("x: 1\n", new String(k.decrypt(a), StandardCharsets.UTF_8));
        assertEquals("x: 1\n", new String(k.decrypt(b), StandardCharsets.UTF_8));
    }

    @Test
    void aLabelledPasswordWritesFormat12AndAnyOrderOfPasswordsDecrypts() {
        VaultKeyring writer = new VaultKeyring(List.of(secret("dev", "dev-pw"), secret("prod", "prod-pw")));
        String vaulted = writer.encrypt("p".getBytes(StandardCharsets.UTF_8), "prod");
        assertTrue(vaulted.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), vaulted);
        // the label is only a hint: an unlabelled password that fits still opens it, as in Ansible
        VaultKeyring reader = new VaultKeyring(List.of(secret("default", "wrong"), secret("default", "prod-pw")));
        assertEquals("p", new String(reader.decrypt(vaulted), StandardCharsets.UTF_8));
    }

    @Test
    void encryptingWithAnUnknownLabelSaysWhichLabelsThereAre() {
        VaultKeyring k = new VaultKeyring(List.of(secret("dev", "pw")));
        VaultException e = assertThrows(VaultException.class, () -> k.encrypt(new byte[] {1}, "prod"));
        assertTrue(e.getMessage().contains("'prod'") && e.getMessage().contains("dev"), e.getMessage());
    }

    @Test
    void wrongPasswordsAndNoPasswordsAreTold() {
        String vaulted = new VaultKeyring(List.of(secret("default", "right"))).encrypt(new byte[] {1, 2}, null);
        VaultException wrong = assertThrows(VaultException.class,
                () -> new VaultKeyring(List.of(secret("a", "x"), secret("b", "y"))).decrypt(vaulted));
        assertEquals(VaultException.Reason.NO_MATCHING_PASSWORD, wrong.reason());
        assertTrue(wrong.getMessage().contains("any of the 2 vault passwords"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("HMAC"), wrong.getMessage());
        VaultException none = assertThrows(VaultException.class, () -> VaultKeyring.EMPTY.decrypt(vaulted));
        assertEquals(VaultException.Reason.NO_PASSWORD, none.reason());
    }

    @Test
    void secretsNeverPrintTheirPassword() {
        VaultSecret s = secret("prod", "hunter2-very-secret");
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertFalse(new VaultKeyring(List.of(s)).toString().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> secret("x", ""));
    }
}
