package dev.jplay.engine.connection.ssh;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The algorithms jplay offers. By default only modern ones: no SHA-1 key exchange
 * (diffie-hellman-group1/14-sha1, group-exchange-sha1), no ssh-rsa/ssh-dss signatures (SHA-1), no CBC
 * or other legacy ciphers, no SHA-1/MD5 MACs. {@code jplay_ssh_legacy_algorithms: true} re-enables
 * everything sshj supports, modern ones still preferred, for servers too old for the modern set.
 */
final class SshAlgorithms {

    static final Set<String> MODERN_KEX = Set.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp521", "ecdh-sha2-nistp384", "ecdh-sha2-nistp256", "diffie-hellman-group-exchange-sha256",
            "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
            "ext-info-c");
    static final Set<String> MODERN_KEYS = Set.of("ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-256");
    static final Set<String> MODERN_CIPHERS = Set.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");
    static final Set<String> MODERN_MACS = Set.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-sha2-256", "hmac-sha2-512");

    private SshAlgorithms() {
    }

    /**
     * sshj's configuration with jplay's algorithm policy and keep-alive that detects dead peers, one per
     * policy for the whole run: building one instantiates and initialises every cipher sshj knows (3-10 ms
     * of CPU each time), and the connections
     * only read it (its factories make each connection's own instances).
     */
    static DefaultConfig config(boolean legacy) {
        return legacy ? Legacy.CONFIG : Modern.CONFIG;
    }

    /** Holders: each configuration is built on first use only (class initialisation is thread-safe). */
    private static final class Modern {
        static final DefaultConfig CONFIG = build(false);
    }

    private static final class Legacy {
        static final DefaultConfig CONFIG = build(true);
    }

    static {
        // sshj would make BouncyCastle the provider of every algorithm. The JDK's own come first instead (they
        // have X25519, Ed25519, ChaCha20, AES-GCM, RSA, ECDH), and BouncyCastle is the last resort, for what only
        // it names (the "ECDSA" key factory sshj asks for): ciphers stay with the JDK's signed providers, so an
        // unsigned copy of BouncyCastle (app/pom.xml strips its signature: class data sharing can then archive
        // its classes, 0.25-0.35 s of every start) works on any JDK.
        SecurityUtils.setRegisterBouncyCastle(false);
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private static DefaultConfig build(boolean legacy) {
        DefaultConfig c = new DefaultConfig();
        c.setKeyExchangeFactories(select(c.getKeyExchangeFactories(), MODERN_KEX, legacy));
        c.setKeyAlgorithms(select(c.getKeyAlgorithms(), MODERN_KEYS, legacy));
        c.setCipherFactories(select(c.getCipherFactories(), MODERN_CIPHERS, legacy));
        c.setMACFactories(select(c.getMACFactories(), MODERN_MACS, legacy));
        // keepalive@openssh.com requests that expect an answer: a vanished peer fails the connection
        c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        return c;
    }

    /** The modern entries in sshj's order; in legacy mode followed by all the others. */
    private static <T> List<Factory.Named<T>> select(List<Factory.Named<T>> all, Set<String> modern, boolean legacy) {
        List<Factory.Named<T>> out = new ArrayList<>();
        for (Factory.Named<T> f : all) {
            if (modern.contains(f.getName())) {
                out.add(f);
            }
        }
        if (legacy) {
            for (Factory.Named<T> f : all) {
                if (!modern.contains(f.getName())) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
