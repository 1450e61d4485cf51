package dev.jplay.engine.vault;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ansible Vault's AES256 cipher: key derivation, the exact bytes Ansible writes, and refusal of wrong or changed data. */
class VaultCipherTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Written by ansible-core 2.14's own code with a fixed salt:
     * {@code VaultAES256.encrypt(b'hello vault\n', VaultSecret(b'fixed-salt-test'), salt=b'0123456789abcdef0123456789abcdef')}.
     */
    static final String ANSIBLE_FIXED_SALT = """
            $ANSIBLE_VAULT;1.1;AES256
            33303331333233333334333533363337333833393631363236333634363536363330333133323333
            3334333533363337333833393631363236333634363536360a383965656665333634386335656264
            37303637383538333039346264376466626566613563636535333734613839386164353831653339
            3632323663353266340a663962666165633634303031663232656331316236663631373264633432
            3432
            """;

    @Test
    void pbkdf2MatchesRfc7914Vectors() {
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
                HEX.formatHex(Pbkdf2.hmacSha256(bytes("passwd"), bytes("salt"), 1, 64)));
        assertEquals("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
                HEX.formatHex(Pbkdf2.hmacSha256(bytes("Password"), bytes("NaCl"), 80000, 64)));
    }

    @Test
    void pbkdf2AgreesWithTheJdkForTextPasswords() throws Exception {
        byte[] salt = new byte[32];
        new Random(7).nextBytes(salt);
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pässwörd".toCharArray(), salt, 10_000, 80 * 8)).getEncoded();
        assertArrayEquals(jdk, Pbkdf2.hmacSha256("pässwörd".getBytes(StandardCharsets.UTF_8), salt, 10_000, 80));
    }

    @Test
    void encryptsToExactlyWhatAnsibleWritesForTheSameSalt() {
        String payload = VaultAes256.encrypt(bytes("hello vault\n"), bytes("fixed-salt-test"), bytes("0123456789abcdef0123456789abcdef"));
        assertEquals(ANSIBLE_FIXED_SALT, VaultEnvelope.of(payload, null).format());
    }

    @Test
    void decryptsWhatAnsibleWrote() {
        VaultAes256.Payload p = VaultAes256.parse(VaultEnvelope.parse(ANSIBLE_FIXED_SALT).payload());
        assertEquals("hello vault\n", new String(VaultAes256.decrypt(p, bytes("fixed-salt-test")), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsEveryLengthAroundTheBlockSizeAndBinaryData() {
        Random r = new Random(11);
        for (int len : List.of(0, 1, 15, 16, 17, 31, 32, 33, 1000, 65_537)) {
            byte[] plain = new byte[len];
            r.nextBytes(plain);
            byte[] salt = new byte[32];
            r.nextBytes(salt);
            String payload = VaultAes256.encrypt(plain, bytes("pw"), salt);
            assertArrayEquals(plain, VaultAes256.decrypt(VaultAes256.parse(payload), bytes("pw")), "length " + len);
        }
    }

    @Test
    void aWrongPasswordGivesNothingNotGarbage() {
        String payload = VaultAes256.encrypt(bytes("secret"), bytes("right"), new byte[32]);
        assertNull(VaultAes256.decrypt(VaultAes256.parse(payload), bytes("wrong")));
        assertNull(VaultAes256.decrypt(VaultAes256.parse(payload), bytes("right ")));
    }

    @Test
    void anyChangedByteOfSaltHmacOrCiphertextIsDetected() {
        String payload = VaultAes256.encrypt(bytes("the launch code is 0000"), bytes("pw"), bytes("0123456789abcdef0123456789abcdef"));
        String[] parts = new String(HEX.parseHex(payload), StandardCharsets.US_ASCII).split("\n");
        for (int part = 0; part < 3; part++) {
            for (int at : List.of(0, parts[part].length() / 2, parts[part].length() - 1)) {
                String[] changed = parts.clone();
                char c = changed[part].charAt(at);
                changed[part] = changed[part].substring(0, at) + (c == '0' ? '1' : '0') + changed[part].substring(at + 1);
                String tampered = HEX.formatHex(String.join("\n", changed).getBytes(StandardCharsets.US_ASCII));
                assertNull(VaultAes256.decrypt(VaultAes256.parse(tampered), bytes("pw")), "part " + part + " char " + at);
            }
        }
    }

    @Test
    void malformedPayloadsAreRefusedWithWhatIsWrong() {
        String good = VaultAes256.encrypt(bytes("x"), bytes("pw"), new byte[32]);
        String inner = new String(HEX.parseHex(good), StandardCharsets.US_ASCII);
        String[] parts = inner.split("\n");
        assertMalformed(good + "zz", "not hexadecimal");
        assertMalformed(good.substring(0, good.length() - 1), "not hexadecimal");
        assertMalformed(HEX.formatHex((parts[0] + "\n" + parts[1]).getBytes(StandardCharsets.US_ASCII)), "salt, HMAC and ciphertext");
        // ciphertext cut by a byte: not whole AES blocks
        assertMalformed(HEX.formatHex((parts[0] + "\n" + parts[1] + "\n" + parts[2].substring(2)).getBytes(StandardCharsets.US_ASCII)),
                "cut short");
    }

    private static void assertMalformed(String payload, String expected) {
        VaultException e = assertThrows(VaultException.class, () -> VaultAes256.parse(payload));
        assertEquals(VaultException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
