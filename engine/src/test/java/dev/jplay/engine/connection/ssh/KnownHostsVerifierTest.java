package dev.jplay.engine.connection.ssh;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownHostsVerifierTest {

    static PublicKey key;
    static PublicKey other;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair().getPublic();
        other = g.generateKeyPair().getPublic();
    }

    private static String line(String hosts, PublicKey k) {
        return hosts + " " + HostKeyFingerprint.type(k) + " " + HostKeyFingerprint.base64(k);
    }

    private KnownHostsVerifier verifier(String name, int port, boolean acceptNew, List<String> warnings, Path... files) {
        return new KnownHostsVerifier(name, name, port, List.of(files), List.of(), acceptNew, warnings::add);
    }

    @Test
    void aMatchingKeyIsTrustedOnPort22AndInBracketFormOnOtherPorts() throws Exception {
        Path kh = tmp.resolve("kh");
        Files.writeString(kh, "# c\n\n" + line("web1,10.0.0.1", key) + "\n" + line("[10.0.0.1]:2222", other) + "\n");
        KnownHostsVerifier v = verifier("10.0.0.1", 22, false, new ArrayList<>(), kh);
        assertTrue(v.verify("ignored", 0, key));
        assertInstanceOf(KnownHostsVerifier.Outcome.Trusted.class, v.outcome());
        assertEquals(3, ((KnownHostsVerifier.Outcome.Trusted) v.outcome()).entry().line());
        assertTrue(verifier("10.0.0.1", 2222, false, new ArrayList<>(), kh).verify("x", 0, other));
        assertFalse(verifier("10.0.0.1", 2222, false, new ArrayList<>(), kh).verify("x", 0, key), "port 2222 has another key");
    }

    @Test
    void wildcardEntriesApply() throws Exception {
        Path kh = tmp.resolve("kh");
        Files.writeString(kh, line("*.example.com,!bad.example.com", key) + "\n");
        assertTrue(verifier("a.example.com", 22, false, new ArrayList<>(), kh).verify("x", 0, key));
        assertFalse(verifier("bad.example.com", 22, false, new ArrayList<>(), kh).verify("x", 0, key));
        // a lone negation matches nothing (sshj 0.40 would match every other host with it)
        Files.writeString(kh, line("!web9", other) + "\n");
        KnownHostsVerifier v = verifier("web1", 22, false, new ArrayList<>(), kh);
        assertFalse(v.verify("x", 0, key));
        assertInstanceOf(KnownHostsVerifier.Outcome.Unknown.class, v.outcome());
    }

    @Test
    void anUnknownHostIsRefusedAndExplained() throws Exception {
        Path kh = tmp.resolve("kh");
        Files.writeString(kh, line("elsewhere", key) + "\n");
        KnownHostsVerifier v = verifier("web1", 2200, false, new ArrayList<>(), kh);
        assertFalse(v.verify("x", 0, key));
        String m = v.refusal();
        assertTrue(m.startsWith("host key of [web1]:2200 is not known: it offered ecdsa-sha2-nistp256 SHA256:"), m);
        assertTrue(m.contains("ssh-keyscan -p 2200 web1 >> " + kh), m);
    }

    @Test
    void aChangedKeyIsRefusedEvenWithAcceptNewAndTheFileIsUntouched() throws Exception {
        Path kh = tmp.resolve("kh");
        String content = line("web1", other) + "\n";
        Files.writeString(kh, content);
        List<String> warnings = new ArrayList<>();
        KnownHostsVerifier v = verifier("web1", 22, true, warnings, kh);
        assertFalse(v.verify("x", 0, key));
        assertInstanceOf(KnownHostsVerifier.Outcome.Changed.class, v.outcome());
        assertTrue(v.refusal().startsWith("HOST KEY FOR web1 HAS CHANGED"), v.refusal());
        assertTrue(v.refusal().contains(kh + ":1"), v.refusal());
        assertEquals(content, Files.readString(kh));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void aKnownKeyInAnyFileWinsOverAStaleOneElsewhereButNotAnAbsentOne() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.writeString(a, line("web1", other) + "\n");
        Files.writeString(b, line("web1", key) + "\n");
        // like OpenSSH: a host may have several keys; one matching line is enough
        assertTrue(verifier("web1", 22, false, new ArrayList<>(), a, b).verify("x", 0, key));
    }

    @Test
    void acceptNewAppendsToTheFirstWritableFileOnce() throws Exception {
        Path missing = tmp.resolve("new/known_hosts");
        List<String> warnings = new ArrayList<>();
        KnownHostsVerifier v = verifier("web1", 2222, true, warnings, missing);
        assertTrue(v.verify("x", 0, key));
        assertEquals(line("[web1]:2222", key) + "\n", Files.readString(missing));
        assertTrue(warnings.get(0).contains("permanently added"), warnings.toString());
        assertNull(v.refusal());
        assertTrue(verifier("web1", 2222, false, new ArrayList<>(), missing).verify("x", 0, key));
    }

    @Test
    void acceptNewAddsANewlineIfTheFileLacksOne() throws Exception {
        Path kh = tmp.resolve("kh");
        Files.writeString(kh, line("other", other));
        assertTrue(verifier("web1", 22, true, new ArrayList<>(), kh).verify("x", 0, key));
        assertEquals(List.of(line("other", other), line("web1", key)), Files.readAllLines(kh));
    }

    @Test
    void concurrentAcceptNewForTheSameHostWritesOneLine() throws Exception {
        Path kh = tmp.resolve("kh");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return verifier("web1", 22, true, new ArrayList<>(), kh).verify("x", 0, key);
            }));
        }
        go.countDown();
        for (Future<Boolean> r : results) {
            assertTrue(r.get());
        }
        pool.shutdown();
        assertEquals(List.of(line("web1", key)), Files.readAllLines(kh));
    }

    @Test
    void concurrentAcceptNewForManyHostsLosesNoLine() throws Exception {
        Path kh = tmp.resolve("kh");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String host = "h" + i;
            results.add(pool.submit(() -> verifier(host, 22, true, new ArrayList<>(), kh).verify("x", 0, key)));
        }
        for (Future<Boolean> r : results) {
            assertTrue(r.get());
        }
        pool.shutdown();
        assertEquals(40, Files.readAllLines(kh).size());
    }

    @Test
    void withoutAnyWritableFileANewKeyIsTrustedForThisRunOnly() throws Exception {
        List<String> warnings = new ArrayList<>();
        KnownHostsVerifier v = new KnownHostsVerifier("web1", "web1", 22, List.of(), List.of(), true, warnings::add);
        assertTrue(v.verify("x", 0, key));
        assertTrue(warnings.get(0).contains("for this run only"), warnings.toString());
    }

    @Test
    void revokedKeysAreRefusedAndGlobalFilesAreReadButNeverWritten() throws Exception {
        Path global = tmp.resolve("global");
        Files.writeString(global, "@revoked " + line("*", key) + "\n");
        Path user = tmp.resolve("user");
        KnownHostsVerifier v = new KnownHostsVerifier("web1", "web1", 22, List.of(user), List.of(global), true, w -> { });
        assertFalse(v.verify("x", 0, key));
        assertTrue(v.refusal().contains("@revoked at " + global + ":1"), v.refusal());
        assertFalse(Files.exists(user));
    }

    @Test
    void knownKeyTypesAreOfferedFirstRsaAsSha2() throws Exception {
        Path kh = tmp.resolve("kh");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(kh, line("web1", rsa.generateKeyPair().getPublic()) + "\n" + line("web1", key) + "\n");
        assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ecdsa-sha2-nistp256"),
                verifier("web1", 22, false, new ArrayList<>(), kh).findExistingAlgorithms("x", 0));
    }

    @Test
    void hashedEntriesMatch() throws Exception {
        Path kh = tmp.resolve("kh");
        // |1|salt|HMAC-SHA1(salt, "web1") as ssh-keygen -H writes it
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + java.util.Base64.getEncoder().encodeToString(salt) + "|"
                + java.util.Base64.getEncoder().encodeToString(mac.doFinal("web1".getBytes()));
        Files.writeString(kh, line(hashed, key) + "\n");
        assertTrue(verifier("web1", 22, false, new ArrayList<>(), kh).verify("x", 0, key));
        assertTrue(verifier("WEB1", 22, false, new ArrayList<>(), kh).verify("x", 0, key), "names are looked up in lower case");
        assertFalse(verifier("web2", 22, false, new ArrayList<>(), kh).verify("x", 0, key));
    }
}
