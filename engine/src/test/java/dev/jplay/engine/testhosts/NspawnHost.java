package dev.jplay.engine.testhosts;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real systemd + podman test host booted by {@code testhosts/nspawn-host.sh up NAME IPSUFFIX [SUITE]},
 * as described by the env file the script writes once the host is fully booted ({@code STATE/NAME.env}).
 *
 * <p>Tests tagged {@code @Tag("nspawn")} call {@link #require()} (typically in {@code @BeforeAll}): when the
 * host is not up it FAILS the test with the command that starts it; it never skips.
 *
 * <p>Which host: system property {@code jplay.nspawn.host} or env {@code JPLAY_NSPAWN_HOST} (default
 * {@value #DEFAULT_NAME}); state dir: {@code jplay.nspawn.state} or {@code JPLAY_NSPAWN_STATE} (default
 * {@code /var/tmp/jplay-testhosts/nspawn}, the script's default).
 *
 * @param name        the host's name (its hostname, the ssh_config alias, the inventory name)
 * @param ip          its address on the lab bridge, port 22
 * @param suite       the Debian suite it runs (bookworm, trixie)
 * @param user        the unprivileged test user (key login, NOPASSWD sudo, subuid/subgid, rootless podman)
 * @param privateKey  the client key accepted for root and {@code user}
 * @param knownHosts  a known_hosts file holding the host's real key under its name and address
 * @param inventory   an Ansible-style INI inventory of every running nspawn host
 */
public record NspawnHost(String name, String ip, String suite, String user, Path privateKey, Path knownHosts,
                         Path inventory) {

    public static final String DEFAULT_NAME = "n1";
    public static final Path DEFAULT_STATE = Path.of("/var/tmp/jplay-testhosts/nspawn");
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(120);

    /** The configured host (default {@value #DEFAULT_NAME}), failing the calling test if it is not up. */
    public static NspawnHost require() {
        return require(setting("jplay.nspawn.host", "JPLAY_NSPAWN_HOST", DEFAULT_NAME));
    }

    /** The named host, failing the calling test if it is not up. */
    public static NspawnHost require(String name) {
        Path state = Path.of(setting("jplay.nspawn.state", "JPLAY_NSPAWN_STATE", DEFAULT_STATE.toString()));
        Path envFile = state.resolve(name + ".env");
        if (!Files.isRegularFile(envFile)) {
            fail("nspawn test host '" + name + "' is not up: " + envFile + " does not exist. Start it (as root): "
                    + "testhosts/nspawn-host.sh up " + name + " " + suggestedSuffix(name));
        }
        NspawnHost host = fromEnvFile(envFile);
        host.assertReachable();
        return host;
    }

    /** Reads an env file written by nspawn-host.sh (KEY=VALUE lines); fails on missing keys or files. */
    static NspawnHost fromEnvFile(Path envFile) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq <= 0) {
                    continue;
                }
                env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + envFile, e);
        }
        for (String key : List.of("NAME", "IP", "SUITE", "USER", "KEY", "KNOWN_HOSTS", "INVENTORY")) {
            if (env.getOrDefault(key, "").isEmpty()) {
                fail(envFile + " has no " + key + "=...; rewrite it with testhosts/nspawn-host.sh down/up");
            }
        }
        NspawnHost host = new NspawnHost(env.get("NAME"), env.get("IP"), env.get("SUITE"), env.get("USER"),
                Path.of(env.get("KEY")), Path.of(env.get("KNOWN_HOSTS")), Path.of(env.get("INVENTORY")));
        for (Path file : List.of(host.privateKey, host.knownHosts)) {
            if (!Files.isReadable(file)) {
                fail("nspawn test host '" + host.name + "': " + file + " (named in " + envFile + ") is not readable");
            }
        }
        return host;
    }

    /** Fails the calling test unless sshd on {@code ip:22} accepts a TCP connection within 2 s. */
    public void assertReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 22), (int) REACH_TIMEOUT.toMillis());
        } catch (IOException e) {
            fail("nspawn test host '" + name + "' is not reachable at " + ip + ":22 (" + e.getMessage()
                    + "); its env file is stale. Restart it (as root): testhosts/nspawn-host.sh down " + name
                    + " && testhosts/nspawn-host.sh up " + name + " " + ip.substring(ip.lastIndexOf('.') + 1)
                    + " " + suite);
        }
    }

    /** The OpenSSH client command line that runs {@code remoteCommand} as {@code login} on this host. */
    public List<String> sshCommand(String login, String remoteCommand) {
        return List.of("ssh", "-i", privateKey.toString(),
                "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=5",
                "-o", "LogLevel=ERROR",
                login + "@" + ip, remoteCommand);
    }

    /** Runs {@code remoteCommand} (a shell command line) as {@code login} over OpenSSH, 120 s at most. */
    public RemoteResult run(String login, String remoteCommand) {
        return run(login, remoteCommand, DEFAULT_COMMAND_TIMEOUT);
    }

    /** Runs {@code remoteCommand} as {@code login}; after {@code timeout} the ssh client is killed (exit 124). */
    public RemoteResult run(String login, String remoteCommand, Duration timeout) {
        List<String> command = sshCommand(login, remoteCommand);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new RemoteResult(login, remoteCommand, 124, stdout.join(),
                        stderr.join() + "\n(ssh killed after " + timeout.toSeconds() + " s)");
            }
            return new RemoteResult(login, remoteCommand, process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + remoteCommand + " on " + name, e);
        }
    }

    /** What one remote command gave; {@link #describe()} is meant for assertion messages. */
    public record RemoteResult(String login, String command, int exitCode, String stdout, String stderr) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** stdout without the trailing newline(s). */
        public String out() {
            return stdout.strip();
        }

        public String describe() {
            return login + "$ " + command + "\n-> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Reads a stream to its end on its own daemon thread (a shared pool could starve with both streams). */
    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "nspawn-ssh-drain");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static String setting(String property, String envVar, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The harness convention: nN lives at 198.18.77.(100+N); other names get 101 as an example. */
    private static String suggestedSuffix(String name) {
        if (name.matches("n[1-9][0-9]?")) {
            return String.valueOf(100 + Integer.parseInt(name.substring(1)));
        }
        return "101";
    }
}
