package dev.jplay.engine.connection.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to open one SSH connection, resolved from host variables, command-line options,
 * {@code ~/.ssh/config} and defaults by {@link SshSettingsResolver} (see there for the variables).
 *
 * @param inventoryName      the host's inventory name, for messages
 * @param host               the address or DNS name to connect to
 * @param port               TCP port
 * @param user               remote login user
 * @param identityFiles      private keys to try, in order (explicit ones may not exist: reported at connect)
 * @param password           password for password/keyboard-interactive auth, or null; never shown
 * @param knownHostsFiles    files to verify the host key against, in order; new keys go to the first writable one
 * @param readOnlyKnownHosts system-wide known_hosts files: consulted, never written
 * @param hostKeyAlias       the name looked up in known_hosts instead of {@code host}, or null
 * @param acceptNewHostKeys  trust and record a key for a host not yet known (a changed key is always refused)
 * @param legacyAlgorithms   allow SHA-1 key exchange and signatures and CBC ciphers for old servers
 * @param connectTimeout     limit for TCP connect, SSH handshake and authentication together
 * @param warnings           settings that were given but are not honoured, for the user
 */
public record SshSettings(String inventoryName, String host, int port, String user, List<Path> identityFiles,
                          String password, List<Path> knownHostsFiles, List<Path> readOnlyKnownHosts,
                          String hostKeyAlias, boolean acceptNewHostKeys, boolean legacyAlgorithms,
                          Duration connectTimeout, List<String> warnings) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public SshSettings {
        identityFiles = List.copyOf(identityFiles);
        knownHostsFiles = List.copyOf(knownHostsFiles);
        readOnlyKnownHosts = List.copyOf(readOnlyKnownHosts);
        warnings = List.copyOf(warnings);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    /** Resolves the settings for one host of the inventory in this process's environment. */
    public static SshSettings resolve(String inventoryName, Map<String, Object> hostVars, SshOptions cli) {
        return SshSettingsResolver.resolve(inventoryName, hostVars, cli, SshEnvironment.current());
    }

    /** The name under which the host key is looked up in known_hosts. */
    public String knownHostsName() {
        return hostKeyAlias != null ? hostKeyAlias : host;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /** {@code user@host:port}, for messages. */
    public String target() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SshSettings[" + inventoryName + " -> " + target() + ", keys=" + identityFiles
                + (hasPassword() ? ", password set" : "") + ", knownHosts=" + knownHostsFiles
                + (hostKeyAlias != null ? ", hostKeyAlias=" + hostKeyAlias : "")
                + ", acceptNew=" + acceptNewHostKeys + ", legacy=" + legacyAlgorithms
                + ", timeout=" + connectTimeout.toMillis() + "ms]";
    }
}
