package dev.jplay.engine.testhosts;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ssh.SshConnection;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.connection.ssh.SshSettings;
import dev.jplay.engine.connection.ssh.SshSettingsResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenSSH test hosts started by {@code testhosts/sshd-hosts.sh up N}, as described by the
 * {@code hosts.env} file the script writes: hosts h1..hN, each at its own address (port 22), with
 * users root (key), {@value #SUDO_USER} (key, NOPASSWD sudo) and {@value #PASSWORD_USER} (key or
 * password, sudo with password).
 *
 * <p>Tests tagged {@code @Tag("sshhosts")} call {@link #require()} (e.g. in {@code @BeforeAll}): when
 * the hosts are not up the test FAILS with the command that starts them; it never skips.
 *
 * <p>State dir: system property {@code jplay.sshd.state} or env {@code JPLAY_SSHD_STATE}, default
 * {@code /var/tmp/jplay-testhosts/sshd} (the script's default).
 *
 * <p>The last host ({@link #faultHost()}) is the one fault tests stop and restart; tests that need a
 * host to stay up should use the others.
 */
public record SshTestHosts(Path state, Path script, List<Host> hosts, int port, Path key, Path encryptedKey,
                           String encryptedKeyPassphrase, Path knownHosts, Path sshConfig, Path inventory,
                           String passwordUserPassword, String rootPassword) {

    public static final String SUDO_USER = "jpuser";
    public static final String PASSWORD_USER = "jppass";
    public static final Path DEFAULT_STATE = Path.of("/var/tmp/jplay-testhosts/sshd");
    public static final String START_COMMAND = "testhosts/sshd-hosts.sh up 5";
    private static final int REACH_TIMEOUT_MS = 2000;

    /** One test host: its name (hostname, inventory name) and address (port {@link #port()}). */
    public record Host(String name, String address) {
    }

    /** The running hosts (at least one), failing the calling test if they are not up. */
    public static SshTestHosts require() {
        return require(1);
    }

    /** At least {@code minHosts} running hosts, failing the calling test otherwise. */
    public static SshTestHosts require(int minHosts) {
        Path state = Path.of(setting("jplay.sshd.state", "JPLAY_SSHD_STATE", DEFAULT_STATE.toString()));
        Path env = state.resolve("hosts.env");
        if (!Files.isRegularFile(env)) {
            fail("SSH test hosts are not up: " + env + " does not exist. Start them (as root): " + START_COMMAND);
        }
        SshTestHosts hosts = fromEnvFile(env);
        if (hosts.hosts().size() < minHosts) {
            fail("this test needs " + minHosts + " SSH test hosts, only " + hosts.hosts().size() + " are up. Run (as root): "
                    + "testhosts/sshd-hosts.sh up " + Math.max(minHosts, 5));
        }
        for (Host h : hosts.hosts()) {
            if (!answersSsh(h.address(), hosts.port())) {
                fail("SSH test host " + h.name() + " (" + h.address() + ":" + hosts.port() + ") does not answer. Restart it with "
                        + hosts.script() + " start-host " + h.name() + ", or all of them with: " + START_COMMAND);
            }
        }
        return hosts;
    }

    static SshTestHosts fromEnvFile(Path envFile) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + envFile, e);
        }
        for (String k : List.of("STATE", "SCRIPT", "HOSTS", "KEY", "KNOWN_HOSTS")) {
            if (!env.containsKey(k)) {
                fail(envFile + " has no " + k + "= line; rewrite it with: " + START_COMMAND);
            }
        }
        List<Host> hosts = new ArrayList<>();
        for (String name : Arrays.stream(env.get("HOSTS").split("\\s+")).filter(s -> !s.isEmpty()).toList()) {
            hosts.add(new Host(name, env.get("ADDR_" + name)));
        }
        return new SshTestHosts(Path.of(env.get("STATE")), Path.of(env.get("SCRIPT")), List.copyOf(hosts),
                Integer.parseInt(env.getOrDefault("PORT", "22")), Path.of(env.get("KEY")), Path.of(env.getOrDefault("ENCRYPTED_KEY", "")),
                env.get("ENCRYPTED_KEY_PASSPHRASE"), Path.of(env.get("KNOWN_HOSTS")),
                Path.of(env.getOrDefault("SSH_CONFIG", "")), Path.of(env.getOrDefault("INVENTORY", "")),
                env.get("PASSWORD_USER_PASSWORD"), env.get("ROOT_PASSWORD"));
    }

    public Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SSH test host " + name + " (have " + hosts + ")"));
    }

    /** The first host (h1): stays up. */
    public Host first() {
        return hosts.get(0);
    }

    /** The host fault tests may stop and restart: the last one. */
    public Host faultHost() {
        return hosts.get(hosts.size() - 1);
    }

    /**
     * Inventory variables that reach {@code host} as {@code user} with the harness's key and
     * known_hosts, independent of the machine's {@code ~/.ssh} (no ssh config is read).
     */
    public Map<String, Object> hostVars(String host, String user) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", host(host).address());
        vars.put("ansible_port", port);
        vars.put("ansible_user", user);
        vars.put("ansible_ssh_private_key_file", key.toString());
        vars.put("jplay_ssh_known_hosts_file", knownHosts.toString());
        vars.put("jplay_ssh_config_file", "none");
        return vars;
    }

    /** An SSH environment whose home has no ~/.ssh, so only the harness's files count. */
    public SshEnvironment environment() {
        return SshEnvironment.isolated(state.resolve("empty-home"));
    }

    public SshSettings settings(String host, String user) {
        return SshSettingsResolver.resolve(host, hostVars(host, user), SshOptions.NONE, environment());
    }

    /** A connection to {@code host} as {@code user}; the caller closes it. */
    public SshConnection connect(String host, String user) throws ConnectionException {
        return SshConnection.open(settings(host, user), environment(), w -> System.out.println("[ssh warning] " + w));
    }

    /** Kills every process of {@code host}; its address then refuses connections. */
    public void stopHost(String host) {
        runScript("stop-host", host);
    }

    /** Starts a stopped host again, with the same host keys, users and files. */
    public void startHost(String host) {
        runScript("start-host", host);
    }

    private void runScript(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when something at address:port sends an SSH banner within 2 s. */
    public static boolean answersSsh(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), REACH_TIMEOUT_MS);
            s.setSoTimeout(REACH_TIMEOUT_MS);
            byte[] banner = s.getInputStream().readNBytes(4);
            return new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    private static String setting(String property, String envVar, String def) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(envVar);
        }
        return v == null || v.isBlank() ? def : v;
    }
}
