package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ConnectionException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Logs in: every usable identity key in order, then the password if one is set (password, then
 * keyboard-interactive answering its password prompt). A failure names the user, the host, the keys
 * tried and what the server accepts; the password itself is never part of any message.
 */
final class SshAuthenticator {

    private SshAuthenticator() {
    }

    /** Fails before connecting when there is nothing to authenticate with. */
    static void requireCredentials(SshSettings s, IdentityKeys.Result keys) throws ConnectionException {
        if (keys.keys().isEmpty() && !s.hasPassword()) {
            String why = keys.problems().isEmpty()
                    ? "no identity file found (looked for ~/.ssh/" + String.join(", ~/.ssh/", SshSettingsResolver.DEFAULT_KEYS) + ")"
                    : String.join("; ", keys.problems());
            throw new ConnectionException("no credentials to log in to " + s.target() + " as " + s.user() + ": " + why
                    + ". Give a key with ansible_ssh_private_key_file or --private-key, or a password with ansible_ssh_pass");
        }
    }

    static void authenticate(SSHClient client, SshSettings s, IdentityKeys.Result keys) throws ConnectionException,
            TransportException {
        List<AuthMethod> methods = new ArrayList<>();
        for (IdentityKeys.Loaded k : keys.keys()) {
            methods.add(new AuthPublickey(new KeyPairWrapper(k.pair())));
        }
        if (s.hasPassword()) {
            PasswordFinder password = new FixedPassword(s.password());
            methods.add(new AuthPassword(password));
            methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(password)));
        }
        try {
            client.auth(s.user(), methods);
        } catch (UserAuthException e) {
            throw new ConnectionException(failureMessage(s, keys, client.getUserAuth().getAllowedMethods()));
        }
    }

    static String failureMessage(SshSettings s, IdentityKeys.Result keys, Collection<String> allowed) {
        List<Path> tried = keys.keys().stream().map(IdentityKeys.Loaded::file).toList();
        StringBuilder sb = new StringBuilder("authentication failed for user ").append(s.user()).append(" on ")
                .append(s.host()).append(':').append(s.port()).append(" with keys ").append(tried);
        if (s.hasPassword()) {
            sb.append(" and a password");
        }
        if (allowed != null && !allowed.isEmpty()) {
            sb.append("; the server accepts: ").append(String.join(", ", allowed));
        }
        if (!keys.problems().isEmpty()) {
            sb.append("; skipped: ").append(String.join("; ", keys.problems()));
        }
        return sb.toString();
    }

    /** Gives the same password to every method that asks; never retried. */
    private record FixedPassword(String password) implements PasswordFinder {
        @Override
        public char[] reqPassword(Resource<?> resource) {
            return password.toCharArray();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }

        @Override
        public String toString() {
            return "FixedPassword[hidden]";
        }
    }
}
