package dev.jplay.engine.cli;

import dev.jplay.engine.connection.ConnectionFactory;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.run.ConnectionOpener;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection options shared by commands that connect to hosts. As in Ansible they are defaults: a
 * host's variables ({@code ansible_connection}, {@code ansible_user}, {@code ansible_ssh_common_args},
 * {@code ansible_password}) and a play's or task's {@code connection:} win over them.
 */
public final class ConnectionOptions {
    @Option(names = {"-c", "--connection"}, paramLabel = "TYPE", description = "connection type: ssh (default) or local")
    String type;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "connect as this user (default: inventory's ansible_user, ~/.ssh/config, then you)")
    String user;

    @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE", description = "SSH private key file")
    Path privateKey;

    @Option(names = {"-k", "--ask-pass"}, description = "ask for the SSH password (used when no key is accepted)")
    boolean askPass;

    @Option(names = {"-T", "--timeout", "--ssh-timeout"}, paramLabel = "SECONDS",
            description = "SSH connect timeout (default: ansible_ssh_timeout, ConnectTimeout from ~/.ssh/config, else 10)")
    Integer sshTimeout;

    @Option(names = "--ssh-common-args", paramLabel = "ARGS",
            description = "ssh options for every host, as ansible_ssh_common_args (-o StrictHostKeyChecking=, -o UserKnownHostsFile=, -o Port=, -i)")
    String sshCommonArgs;

    @Option(names = "--ssh-extra-args", paramLabel = "ARGS", description = "more ssh options, as ansible_ssh_extra_args")
    String sshExtraArgs;

    @Option(names = "--accept-new-host-keys", description = "trust and record keys of hosts not yet in known_hosts (a changed key is always refused)")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "an extra known_hosts file to verify host keys against")
    Path knownHosts;

    private String password;

    /** Checks the options and asks for the SSH password (-k), before anything is loaded. */
    void prepare(CommandLine cl) {
        if (type != null && !ConnectionFactory.TYPES.contains(type.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new CommandLine.ParameterException(cl, "-c/--connection '" + type + "' is not supported: expected one of "
                    + String.join(", ", ConnectionFactory.TYPES));
        }
        if (askPass) {
            password = PlaybookCommand.askPassword("SSH password: ");
        }
    }

    SshOptions sshOptions() {
        return new SshOptions(user, privateKey, sshTimeout == null ? null : Duration.ofSeconds(sshTimeout), acceptNewHostKeys, knownHosts);
    }

    ConnectionOpener opener() {
        SshOptions ssh = sshOptions();
        return (name, vars) -> ConnectionFactory.open(name, withDefaults(vars), ssh);
    }

    /** The host's variables with the command line's connection defaults where the host sets none. */
    Map<String, Object> withDefaults(Map<String, Object> vars) {
        Map<String, Object> v = new LinkedHashMap<>(vars == null ? Map.of() : vars);
        if (type != null && v.get("jplay_connection") == null && v.get("ansible_connection") == null) {
            v.put("ansible_connection", type.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (sshCommonArgs != null) {
            v.putIfAbsent("ansible_ssh_common_args", sshCommonArgs);
        }
        if (sshExtraArgs != null) {
            v.putIfAbsent("ansible_ssh_extra_args", sshExtraArgs);
        }
        if (password != null && v.get("ansible_ssh_pass") == null && v.get("ansible_ssh_password") == null) {
            v.putIfAbsent("ansible_password", password);
        }
        return v;
    }
}
