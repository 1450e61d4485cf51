package dev.jplay.engine.connection;

import dev.jplay.engine.connection.ssh.SshConnection;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.connection.ssh.SshSettings;
import dev.jplay.engine.connection.ssh.SshSettingsResolver;
import dev.jplay.engine.error.InputError;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the connection a host's variables ask for: {@code jplay_connection} / {@code ansible_connection}
 * {@code local} gives a {@link LocalConnection}; {@code ssh} (the default; {@code paramiko},
 * {@code smart} and {@code ssh} are all served by jplay's own SSH client) gives an {@link SshConnection},
 * connected eagerly so an unreachable host shows up when it is opened, not at its first task.
 */
public final class ConnectionFactory {

    /** The connection types jplay serves, as {@code ansible_connection}, {@code connection:} or {@code -c} name them. */
    public static final java.util.List<String> TYPES = java.util.List.of("local", "ssh", "smart", "paramiko", "paramiko_ssh");

    private ConnectionFactory() {
    }

    /** Opens a connection; warnings (ignored ssh options, newly trusted host keys) go to stderr. */
    public static Connection open(String inventoryName, Map<String, Object> hostVars, SshOptions cli) throws ConnectionException {
        return open(inventoryName, hostVars, cli, SshEnvironment.current(), w -> System.err.println("[WARNING]: " + w));
    }

    /**
     * @param warn receives warnings for the user
     * @throws InputError          for bad connection variables (unknown connection type, bad port, ...)
     * @throws ConnectionException when the host cannot be reached or refuses us
     */
    public static Connection open(String inventoryName, Map<String, Object> hostVars, SshOptions cli, SshEnvironment env,
                                  Consumer<String> warn) throws ConnectionException {
        Map<String, Object> vars = hostVars == null ? Map.of() : hostVars;
        Object type = vars.get("jplay_connection");
        type = type != null ? type : vars.get("ansible_connection");
        String kind = type == null ? "ssh" : String.valueOf(type).strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "local" -> new LocalConnection();
            case "ssh", "smart", "paramiko", "paramiko_ssh" -> {
                SshSettings settings = SshSettingsResolver.resolve(inventoryName, vars, cli, env);
                yield SshConnection.open(settings, env, warn);
            }
            default -> throw new InputError(null, "host '" + inventoryName + "'",
                    "connection type '" + type + "' is not supported: expected local or ssh");
        };
    }
}
