package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.error.InputError;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves {@link SshSettings} for one host. For every setting the first source that gives it wins:
 * host variables, then the command line ({@link SshOptions}), then {@code ansible_ssh_common_args} /
 * {@code ansible_ssh_extra_args}, then the ssh config file, then the default. (In Ansible, too, an
 * inventory's {@code ansible_user} beats {@code -u}.)
 *
 * <p>Host variables read (jplay_* beats ansible_* where both exist):
 * <ul>
 * <li>{@code jplay_host} / {@code ansible_host} / {@code ansible_ssh_host}: address (default: the inventory name,
 *     which is also the name matched against {@code Host} patterns of the ssh config)</li>
 * <li>{@code jplay_port} / {@code ansible_port} / {@code ansible_ssh_port}: port (default 22)</li>
 * <li>{@code jplay_user} / {@code ansible_user} / {@code ansible_ssh_user}: login user (default: the local user)</li>
 * <li>{@code ansible_ssh_private_key_file} / {@code ansible_private_key_file}: identity file (string or list);
 *     without any identity file: {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}, those that exist</li>
 * <li>{@code ansible_ssh_pass} / {@code ansible_ssh_password} / {@code ansible_password}: password auth, tried after keys</li>
 * <li>{@code ansible_ssh_common_args}, {@code ansible_ssh_extra_args}: see {@link SshCommandLineArgs}</li>
 * <li>{@code jplay_ssh_known_hosts_file}: extra known_hosts file(s) (string or list), consulted before
 *     {@code ~/.ssh/known_hosts} and written first by accept-new</li>
 * <li>{@code jplay_ssh_accept_new_host_keys} (bool), or {@code ansible_host_key_checking: false}: accept-new</li>
 * <li>{@code jplay_ssh_config_file}: the ssh config to read instead of {@code ~/.ssh/config} ({@code none}: no file)</li>
 * <li>{@code jplay_ssh_timeout} / {@code ansible_ssh_timeout}: connect timeout in seconds (default 10)</li>
 * <li>{@code jplay_ssh_legacy_algorithms} (bool): allow SHA-1 and CBC algorithms for old servers</li>
 * </ul>
 * Paths may start with {@code ~/}; ssh config values also expand {@code %d %h %n %p %r %u %%}.
 */
public final class SshSettingsResolver {

    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private SshSettingsResolver() {
    }

    public static SshSettings resolve(String inventoryName, Map<String, Object> hostVars, SshOptions cli, SshEnvironment env) {
        HostVars vars = new HostVars(inventoryName, hostVars == null ? Map.of() : hostVars);
        cli = cli == null ? SshOptions.NONE : cli;
        List<String> warnings = new ArrayList<>();

        SshCommandLineArgs args = SshCommandLineArgs.parse(vars.string("ansible_ssh_common_args"),
                vars.string("ansible_ssh_extra_args"));
        warnings.addAll(args.warnings());

        String lookupName = vars.firstString("jplay_host", "ansible_host", "ansible_ssh_host");
        lookupName = lookupName != null ? lookupName : inventoryName;

        SshConfigFile.HostConfig config = configFile(vars, args, env).lookup(lookupName);
        warnings.addAll(config.warnings());

        String host = firstNonNull(args.options().get("hostname"), config.value("HostName"));
        host = host == null ? lookupName : host.replace("%h", lookupName).replace("%%", "%");

        Integer port = vars.port("jplay_port", "ansible_port", "ansible_ssh_port");
        if (port == null) {
            String p = firstNonNull(args.options().get("port"), config.value("Port"));
            port = p == null ? 22 : HostVars.parsePort(p, inventoryName, "ssh -o Port / Port");
        }

        String user = firstNonNull(vars.firstString("jplay_user", "ansible_user", "ansible_ssh_user"), cli.user(),
                args.options().get("user"), config.value("User"), env.localUser());

        Tokens tokens = new Tokens(env, host, lookupName, port, user);

        List<Path> keys = new ArrayList<>();
        List<String> varKeys = vars.stringList("ansible_ssh_private_key_file", "ansible_private_key_file");
        if (!varKeys.isEmpty()) {
            varKeys.forEach(k -> keys.add(tokens.path(k)));
        } else if (cli.privateKey() != null) {
            keys.add(cli.privateKey());
        }
        args.identityFiles().forEach(k -> keys.add(tokens.path(k)));
        config.all("IdentityFile").forEach(k -> keys.add(tokens.path(k)));
        if (keys.isEmpty()) {
            for (String name : DEFAULT_KEYS) {
                Path p = env.sshDir().resolve(name);
                if (Files.isRegularFile(p)) {
                    keys.add(p);
                }
            }
        }

        List<Path> knownHosts = new ArrayList<>();
        vars.stringList("jplay_ssh_known_hosts_file").forEach(f -> knownHosts.add(tokens.path(f)));
        if (cli.knownHostsFile() != null) {
            knownHosts.add(cli.knownHostsFile());
        }
        String userKnownHosts = args.options().get("userknownhostsfile");
        List<String> userFiles = userKnownHosts != null ? Arrays.asList(userKnownHosts.trim().split("\\s+"))
                : config.args("UserKnownHostsFile");
        if (userFiles.isEmpty()) {
            knownHosts.add(env.sshDir().resolve("known_hosts"));
        } else {
            userFiles.stream().filter(f -> !f.equalsIgnoreCase("none")).forEach(f -> knownHosts.add(tokens.path(f)));
        }
        knownHosts.removeIf(p -> p.toString().equals("/dev/null"));

        Boolean acceptNew = vars.bool("jplay_ssh_accept_new_host_keys");
        if (acceptNew == null) {
            Boolean checking = vars.bool("ansible_host_key_checking");
            acceptNew = checking == null ? null : !checking;
        }
        if (acceptNew == null && cli.acceptNewHostKeys()) {
            acceptNew = true;
        }
        if (acceptNew == null) {
            String strict = firstNonNull(args.options().get("stricthostkeychecking"), config.value("StrictHostKeyChecking"));
            acceptNew = strict != null && strictMeansAcceptNew(strict, inventoryName);
        }

        Duration timeout = vars.seconds("jplay_ssh_timeout", "ansible_ssh_timeout");
        if (timeout == null) {
            timeout = cli.timeout();
        }
        if (timeout == null) {
            String t = firstNonNull(args.options().get("connecttimeout"), config.value("ConnectTimeout"));
            timeout = t == null ? SshSettings.DEFAULT_CONNECT_TIMEOUT : HostVars.parseSeconds(t, inventoryName, "ConnectTimeout");
        }

        String alias = firstNonNull(args.options().get("hostkeyalias"), config.value("HostKeyAlias"));
        String password = vars.firstString("ansible_ssh_pass", "ansible_ssh_password", "ansible_password");
        boolean legacy = Boolean.TRUE.equals(vars.bool("jplay_ssh_legacy_algorithms"));

        return new SshSettings(inventoryName, host, port, user, dedupe(keys), password, dedupe(knownHosts),
                env.globalKnownHosts(), alias, acceptNew, legacy, timeout, warnings);
    }

    private static SshConfigFile configFile(HostVars vars, SshCommandLineArgs args, SshEnvironment env) {
        String chosen = firstNonNull(vars.string("jplay_ssh_config_file"), args.configFile());
        if (chosen != null && chosen.equalsIgnoreCase("none")) {
            return SshConfigFile.EMPTY;
        }
        Path file = chosen != null ? expandHome(chosen, env) : env.sshDir().resolve("config");
        if (chosen != null && !Files.isRegularFile(file)) {
            throw new InputError(null, "host '" + vars.inventoryName + "'", "ssh config file " + file + " does not exist");
        }
        return SshConfigFile.read(file, env.sshDir());
    }

    private static boolean strictMeansAcceptNew(String value, String host) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "accept-new", "no", "off", "false" -> true;
            case "yes", "ask", "true" -> false;
            default -> throw new InputError(null, "host '" + host + "'",
                    "StrictHostKeyChecking expects yes, ask, accept-new or no, got '" + value + "'");
        };
    }

    static Path expandHome(String path, SshEnvironment env) {
        if (path.equals("~")) {
            return env.home();
        }
        return path.startsWith("~/") ? env.home().resolve(path.substring(2)) : Path.of(path);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static List<Path> dedupe(List<Path> paths) {
        return paths.stream().map(Path::normalize).distinct().toList();
    }

    /** OpenSSH's percent tokens in IdentityFile / UserKnownHostsFile values, and {@code ~}. */
    private record Tokens(SshEnvironment env, String host, String originalName, int port, String user) {

        Path path(String value) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '%' && i + 1 < value.length()) {
                    char t = value.charAt(++i);
                    switch (t) {
                        case 'd' -> sb.append(env.home());
                        case 'h' -> sb.append(host);
                        case 'n' -> sb.append(originalName);
                        case 'p' -> sb.append(port);
                        case 'r' -> sb.append(user);
                        case 'u' -> sb.append(env.localUser());
                        case '%' -> sb.append('%');
                        default -> sb.append('%').append(t);
                    }
                } else {
                    sb.append(c);
                }
            }
            return expandHome(sb.toString(), env);
        }
    }

    /** Typed access to host variables, with errors that name the host and variable. */
    private record HostVars(String inventoryName, Map<String, Object> vars) {

        String string(String name) {
            Object v = vars.get(name);
            return v == null ? null : String.valueOf(v);
        }

        String firstString(String... names) {
            for (String n : names) {
                String v = string(n);
                if (v != null && !v.isEmpty()) {
                    return v;
                }
            }
            return null;
        }

        List<String> stringList(String... names) {
            for (String n : names) {
                Object v = vars.get(n);
                if (v instanceof Collection<?> c && !c.isEmpty()) {
                    return c.stream().map(String::valueOf).toList();
                }
                if (v != null && !String.valueOf(v).isEmpty() && !(v instanceof Collection<?>)) {
                    return List.of(String.valueOf(v));
                }
            }
            return List.of();
        }

        Integer port(String... names) {
            for (String n : names) {
                Object v = vars.get(n);
                if (v != null && !String.valueOf(v).isEmpty()) {
                    return parsePort(String.valueOf(v), inventoryName, n);
                }
            }
            return null;
        }

        Boolean bool(String name) {
            Object v = vars.get(name);
            if (v == null) {
                return null;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1", "y" -> true;
                case "false", "no", "off", "0", "n" -> false;
                default -> throw new InputError(null, "host '" + inventoryName + "'",
                        name + " expects a boolean (true/false), got '" + v + "'");
            };
        }

        Duration seconds(String... names) {
            for (String n : names) {
                Object v = vars.get(n);
                if (v != null && !String.valueOf(v).isEmpty()) {
                    return parseSeconds(String.valueOf(v), inventoryName, n);
                }
            }
            return null;
        }

        static int parsePort(String value, String host, String what) {
            try {
                int p = Integer.parseInt(value.strip());
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InputError(null, "host '" + host + "'", what + " expects a port number 1-65535, got '" + value + "'");
        }

        static Duration parseSeconds(String value, String host, String what) {
            try {
                BigDecimal s = new BigDecimal(value.strip());
                if (s.signum() > 0) {
                    return Duration.ofMillis(s.movePointRight(3).longValue());
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InputError(null, "host '" + host + "'", what + " expects a positive number of seconds, got '" + value + "'");
        }
    }
}
