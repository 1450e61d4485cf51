package dev.jplay.engine.connection.ssh;

import java.nio.file.Path;
import java.time.Duration;

/**
 * SSH options given on the command line; they apply to every host unless a host variable says
 * otherwise (host variables win, as in Ansible, where {@code ansible_user} beats {@code -u}).
 *
 * @param user              remote user ({@code -u}), or null
 * @param privateKey        identity file ({@code --private-key}), or null
 * @param timeout           connect timeout ({@code --ssh-timeout}), or null for the default 10 s
 * @param acceptNewHostKeys trust and record keys of hosts not yet in known_hosts ({@code --accept-new-host-keys});
 *                          a changed key is refused regardless
 * @param knownHostsFile    an extra known_hosts file, consulted first and written first, or null
 */
public record SshOptions(String user, Path privateKey, Duration timeout, boolean acceptNewHostKeys, Path knownHostsFile) {

    public static final SshOptions NONE = new SshOptions(null, null, null, false, null);
}
