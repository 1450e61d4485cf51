package dev.jplay.engine.connection.ssh;

import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Passphrases for encrypted private keys: {@code JPLAY_SSH_KEY_PASSPHRASE} if set, else asked on the
 * terminal. Prompts are serialized (hosts connect in parallel); {@link IdentityKeys} caches the
 * decrypted key, so each key file is asked for once per run. Passphrases never appear in messages.
 */
final class KeyPassphrases {

    private static final Object PROMPT_LOCK = new Object();

    private final SshEnvironment env;

    KeyPassphrases(SshEnvironment env) {
        this.env = env;
    }

    /** Remembers whether sshj asked for a passphrase and whether one could be given. */
    static final class Finder implements PasswordFinder {
        private final KeyPassphrases source;
        private final Path key;
        private boolean requested;
        private boolean supplied;

        Finder(KeyPassphrases source, Path key) {
            this.source = source;
            this.key = key;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            requested = true;
            Optional<char[]> p = source.passphrase(key);
            supplied = p.isPresent();
            return p.orElse(null);
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }

        boolean requested() {
            return requested;
        }

        boolean supplied() {
            return supplied;
        }
    }

    Finder finderFor(Path key) {
        return new Finder(this, key);
    }

    private Optional<char[]> passphrase(Path key) {
        String fromEnv = env.env().get(SshEnvironment.PASSPHRASE_VARIABLE);
        if (fromEnv != null) {
            return Optional.of(fromEnv.toCharArray());
        }
        synchronized (PROMPT_LOCK) {
            return env.prompt().ask("Enter passphrase for key '" + key + "': ");
        }
    }
}
