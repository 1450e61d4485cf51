package dev.jplay.engine.connection.ssh;

import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.keepalive.KeepAliveProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshAlgorithmsTest {

    private static List<String> names(List<? extends Factory.Named<?>> factories) {
        return factories.stream().map(Factory.Named::getName).toList();
    }

    @Test
    void weakAlgorithmsAreOffByDefault() {
        DefaultConfig c = SshAlgorithms.config(false);
        List<String> kex = names(c.getKeyExchangeFactories());
        List<String> keys = names(c.getKeyAlgorithms());
        List<String> ciphers = names(c.getCipherFactories());
        List<String> macs = names(c.getMACFactories());
        assertTrue(kex.stream().noneMatch(n -> n.endsWith("-sha1") || n.contains("group1-")), kex.toString());
        assertFalse(keys.contains("ssh-rsa") || keys.contains("ssh-dss"), keys.toString());
        assertTrue(keys.containsAll(List.of("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256")), keys.toString());
        assertTrue(ciphers.stream().noneMatch(n -> n.contains("cbc") || n.contains("arcfour") || n.contains("3des")), ciphers.toString());
        assertEquals("chacha20-poly1305@openssh.com", ciphers.get(0));
        assertTrue(macs.stream().noneMatch(n -> n.contains("sha1") || n.contains("md5")), macs.toString());
        assertEquals("curve25519-sha256", kex.get(0));
        assertSame(KeepAliveProvider.KEEP_ALIVE, c.getKeepAliveProvider());
    }

    @Test
    void legacyModeAddsTheRestAfterTheModernOnes() {
        DefaultConfig modern = SshAlgorithms.config(false);
        DefaultConfig legacy = SshAlgorithms.config(true);
        List<String> kex = names(legacy.getKeyExchangeFactories());
        List<String> modernKex = names(modern.getKeyExchangeFactories());
        assertEquals(modernKex, kex.subList(0, modernKex.size()), "modern first");
        assertTrue(kex.containsAll(List.of("diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1")));
        assertTrue(names(legacy.getKeyAlgorithms()).contains("ssh-rsa"));
        assertTrue(names(legacy.getCipherFactories()).contains("aes128-cbc"));
        assertTrue(names(legacy.getMACFactories()).contains("hmac-sha1"));
        assertEquals(names(new DefaultConfig().getCipherFactories()).size(), names(legacy.getCipherFactories()).size());
    }
}
