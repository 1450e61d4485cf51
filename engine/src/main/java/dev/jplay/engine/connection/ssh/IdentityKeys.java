package dev.jplay.engine.connection.ssh;

import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads and decrypts the identity files before connecting, so a passphrase prompt never runs
 * against the connect timeout and a bad key is reported by name. Decrypted keys are cached per file
 * (and modification time) for the run: a key used by 50 hosts is decrypted, and asked for, once.
 */
final class IdentityKeys {

    /** A usable key pair from {@code file}. */
    record Loaded(Path file, KeyPair pair) {
    }

    /** The usable keys, and why others were skipped. */
    record Result(List<Loaded> keys, List<String> problems) {
    }

    private record CacheKey(Path file, FileTime modified, long size) {
    }

    private record Cached(KeyPair pair, String problem) {
    }

    private static final Map<CacheKey, Cached> CACHE = new ConcurrentHashMap<>();
    private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private IdentityKeys() {
    }

    static Result load(List<Path> files, SshEnvironment env, Config config) {
        List<Loaded> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        KeyPassphrases passphrases = new KeyPassphrases(env);
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                problems.add("identity file " + file + " does not exist");
                continue;
            }
            if (!Files.isReadable(file)) {
                problems.add("identity file " + file + " is not readable");
                continue;
            }
            Cached c;
            try {
                CacheKey key = new CacheKey(file, Files.getLastModifiedTime(file), Files.size(file));
                synchronized (FILE_LOCKS.computeIfAbsent(file, p -> new Object())) {   // one prompt per file
                    c = CACHE.get(key);
                    if (c == null) {
                        c = decrypt(file, passphrases, config);
                        if (c.pair() != null) {
                            CACHE.put(key, c);   // failures are not kept: the next host may have a passphrase
                        }
                    }
                }
            } catch (IOException e) {
                c = new Cached(null, "cannot read identity file " + file + ": " + e.getMessage());
            }
            if (c.pair() != null) {
                keys.add(new Loaded(file, c.pair()));
            } else {
                problems.add(c.problem());
            }
        }
        return new Result(keys, problems);
    }

    private static Cached decrypt(Path file, KeyPassphrases passphrases, Config config) {
        KeyPassphrases.Finder finder = passphrases.finderFor(file);
        try {
            KeyFormat format = KeyProviderUtil.detectKeyFileFormat(file.toFile());
            FileKeyProvider provider = Factory.Named.Util.create(config.getFileKeyProviderFactories(), format.toString());
            if (provider == null) {
                return new Cached(null, "identity file " + file + " is not a private key jplay can read (format " + format + ")");
            }
            provider.init(file.toFile(), finder);
            return new Cached(new KeyPair(provider.getPublic(), provider.getPrivate()), null);
        } catch (IOException | RuntimeException e) {
            if (finder.requested() && !finder.supplied()) {
                return new Cached(null, "key " + file + " is encrypted: set " + SshEnvironment.PASSPHRASE_VARIABLE
                        + " or run jplay in a terminal to be asked for its passphrase");
            }
            if (finder.requested()) {
                return new Cached(null, "cannot decrypt key " + file + ": wrong passphrase");
            }
            return new Cached(null, "cannot read identity file " + file + ": " + e.getMessage());
        }
    }

    /** For tests: forget decrypted keys. */
    static void clearCache() {
        CACHE.clear();
    }
}
