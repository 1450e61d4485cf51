package dev.jplay.engine.cli;

import dev.jplay.engine.connection.ConnectionFactory;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.run.ConnectionOpener;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** SSH options shared by commands that connect to hosts. */
public final class ConnectionOptions {
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "connect as this user (default: inventory's ansible_user, ~/.ssh/config, then you)")
    String user;

    @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE", description = "SSH private key file")
    Path privateKey;

    @Option(names = "--ssh-timeout", paramLabel = "SECONDS",
            description = "SSH connect timeout (default: ansible_ssh_timeout, ConnectTimeout from ~/.ssh/config, else 10)")
    Integer sshTimeout;

    @Option(names = "--accept-new-host-keys", description = "trust and record keys of hosts not yet in known_hosts (a changed key is always refused)")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "an extra known_hosts file to verify host keys against")
    Path knownHosts;

    SshOptions sshOptions() {
        return new SshOptions(user, privateKey, sshTimeout == null ? null : Duration.ofSeconds(sshTimeout), acceptNewHostKeys, knownHosts);
    }

    ConnectionOpener opener() {
        SshOptions ssh = sshOptions();
        return (name, vars) -> ConnectionFactory.open(name, vars, ssh);
    }
}
