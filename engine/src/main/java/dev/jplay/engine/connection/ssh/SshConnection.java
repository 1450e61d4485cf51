package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.connection.ShellSlot;
import dev.jplay.engine.connection.WrappedCommand;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A {@link Connection} over SSH (sshj): one SSH connection per host for the whole run. Connecting
 * verifies the host key ({@link KnownHostsVerifier}) and logs in ({@link SshAuthenticator}) within the
 * connect timeout; afterwards a dead peer is noticed by keep-alive requests. Commands run in one
 * persistent {@code /bin/sh} on its own channel ({@link ShellSlot}): no channel, login shell or sh
 * start-up per command. Commands with a timeout, a become password or more stdin than
 * {@link dev.jplay.engine.connection.ShellSession#MAX_STDIN}, or that come while the shell is busy, get
 * a channel of their own and run as {@code exec /bin/sh -c '<script>'} (see {@link RemoteCommand} for
 * timeouts); either way they see the same shell as with the local connection, whatever the user's
 * login shell. Safe for concurrent callers: at most {@link #MAX_PARALLEL_COMMANDS} one-shot channels run
 * at once, beside the shell's (OpenSSH allows 10 sessions per connection by default).
 */
public final class SshConnection implements Connection {

    static final int MAX_PARALLEL_COMMANDS = 8;
    /** Keep-alive: a request every 10 s, the connection fails after 3 unanswered (about 30-40 s). */
    private static final int KEEPALIVE_INTERVAL_S = 10;
    private static final int KEEPALIVE_MAX_MISSED = 3;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(daemon("ssh-connect-watchdog"));
    /**
     * Output drains and input writers of every connection: shared, so threads follow the commands
     * running at once (at most --forks of them), not the hosts connected (200 hosts kept ~460 idle
     * threads in per-connection pools).
     */
    private static final AtomicInteger IO_THREADS = new AtomicInteger();
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-io-" + IO_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /**
     * Handshakes (key exchange and login) in progress at once. Each costs the controller CPU; with
     * --forks 50 on a small controller, fifty at once took longer than the connect timeout and healthy
     * hosts were reported unreachable. A handshake's deadline starts when it gets a slot.
     */
    static final int MAX_PARALLEL_HANDSHAKES = Integer.getInteger("jplay.ssh.parallelHandshakes",
            Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    private static final Semaphore HANDSHAKES = new Semaphore(MAX_PARALLEL_HANDSHAKES, true);

    private final SshSettings settings;
    private final SSHClient client;
    private final ExecutorService io;
    private final Semaphore slots = new Semaphore(MAX_PARALLEL_COMMANDS, true);
    private final Duration connectTime;
    private final ShellSlot shell;
    private volatile boolean closed;

    private SshConnection(SshSettings settings, SSHClient client, ExecutorService io, Duration connectTime) {
        this.settings = settings;
        this.client = client;
        this.io = io;
        this.connectTime = connectTime;
        this.shell = new ShellSlot(() -> SshShellProcess.start(client, pgid -> killGroup(pgid, ExecRequest.of("")), io),
                io, settings.connectTimeout().plusSeconds(5));
    }

    /** Connects with this process's environment (home, console); warnings go to stderr. */
    public static SshConnection open(SshSettings settings) throws ConnectionException {
        return open(settings, SshEnvironment.current(), w -> System.err.println("[WARNING]: " + w));
    }

    /**
     * Connects, verifies the host key and logs in, all within {@link SshSettings#connectTimeout()}.
     *
     * @param warn receives warnings (ignored settings, newly recorded host keys)
     * @throws ConnectionException with the reason: refused, timed out, unknown or changed host key,
     *                             authentication failed (naming user and keys), no common algorithms
     */
    public static SshConnection open(SshSettings settings, SshEnvironment env, Consumer<String> warn) throws ConnectionException {
        settings.warnings().forEach(w -> warn.accept("host " + settings.inventoryName() + ": " + w));
        DefaultConfig config = SshAlgorithms.config(settings.legacyAlgorithms());
        IdentityKeys.Result keys = IdentityKeys.load(settings.identityFiles(), env, config);
        SshAuthenticator.requireCredentials(settings, keys);

        SSHClient client = new SSHClient(config);
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.connectTimeout().toMillis()));
        client.setSocketFactory(new NoDelaySocketFactory());
        client.setConnectTimeout(timeoutMs);
        client.getTransport().setTimeoutMs(timeoutMs);
        client.getConnection().setTimeoutMs(timeoutMs);
        KeepAlive keepAlive = client.getConnection().getKeepAlive();
        keepAlive.setKeepAliveInterval(KEEPALIVE_INTERVAL_S);
        if (keepAlive instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(KEEPALIVE_MAX_MISSED);
        }
        KnownHostsVerifier verifier = KnownHostsVerifier.of(settings, warn);
        client.addHostKeyVerifier(verifier);

        try {
            HANDSHAKES.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting to connect to " + settings.target(), e);
        }
        try {
            return handshake(settings, client, keys, verifier, timeoutMs);
        } finally {
            HANDSHAKES.release();
        }
    }

    private static SshConnection handshake(SshSettings settings, SSHClient client, IdentityKeys.Result keys, KnownHostsVerifier verifier,
                                           int timeoutMs) throws ConnectionException {
        // one deadline for TCP connect + handshake + login: sshj's handshake read has no timeout of its own
        AtomicReference<String> timedOutIn = new AtomicReference<>();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            try {
                timedOutIn.set(phase(client));
            } finally {
                timedOutIn.compareAndSet(null, "connecting to");
                closeSocket(client);
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            client.connect(settings.host(), settings.port());
            SshAuthenticator.authenticate(client, settings, keys);
            if (!watchdog.cancel(false) || timedOutIn.get() != null) {
                throw new SocketTimeoutException("connect deadline passed");
            }
        } catch (ConnectionException e) {
            watchdog.cancel(false);
            disconnectQuietly(client);
            if (timedOutIn.get() != null) {
                throw new ConnectionException(timeoutMessage(settings, timedOutIn.get()), e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            watchdog.cancel(false);
            disconnectQuietly(client);
            throw new ConnectionException(connectFailure(settings, verifier, timedOutIn.get(), e), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new SshConnection(settings, client, IO, took);
    }

    @Override
    public ExecResult exec(ExecRequest request) throws ConnectionException {
        WrappedCommand cmd = WrappedCommand.of(request);
        String commandLine = RemoteCommand.commandLine(ShellQuote.quote(cmd.commandLine()));
        if (closed) {
            throw new ConnectionException("connection to " + describe() + " is closed");
        }
        if (!client.isConnected() || !client.getTransport().isRunning()) {
            throw new ConnectionException("connection to " + describe() + " was lost");
        }
        Optional<ExecResult> inShell = shell.tryRun(request, cmd, this::lostMessage);
        if (inShell.isPresent()) {
            return inShell.get();
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted", e);
        }
        try {
            return RemoteCommand.run(client, commandLine, cmd.stdin(), request.timeout(), io,
                    pgid -> killGroup(pgid, request));
        } catch (IOException e) {
            throw new ConnectionException(lostMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted", e);
        } finally {
            slots.release();
        }
    }

    /** Kills what is left of a timed-out command, as the user it ran as; best effort. */
    private void killGroup(long pgid, ExecRequest timedOut) {
        // "kill -9 -N": dash's kill accepts neither "--" nor "-s KILL -N"
        ExecRequest kill = ExecRequest.of("kill -9 -" + pgid + " 2>/dev/null; true")
                .withBecome(timedOut.become()).withTimeout(KILL_TIMEOUT);
        WrappedCommand k = WrappedCommand.of(kill);
        try {
            RemoteCommand.run(client, RemoteCommand.commandLine(ShellQuote.quote(k.commandLine())), k.stdin(),
                    KILL_TIMEOUT, io, ignored -> { });
        } catch (IOException e) {
            // the connection is failing; the caller learns it from its own channel
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String lostMessage(IOException e) {
        // sshj reports a dead transport as TransportException; channel-level failures are other SSHExceptions
        boolean alive = !(rootCause(e) instanceof TransportException) && !(e instanceof TransportException)
                && client.isConnected() && client.getTransport().isRunning();
        String reason = reason(e);
        return alive ? "SSH channel to " + describe() + " failed: " + reason
                : "connection to " + describe() + " lost while running a command: " + reason;
    }

    @Override
    public String describe() {
        return "ssh " + settings.target();
    }

    /** The settings this connection was opened with. */
    public SshSettings settings() {
        return settings;
    }

    /** TCP connect + handshake + login, as measured when opening. */
    public Duration connectTime() {
        return connectTime;
    }

    /** The TCP socket, for tests that measure the effect of TCP_NODELAY. */
    Socket socket() {
        return client.getSocket();
    }

    /** The sshj client, for tests that measure raw channel round trips. */
    SSHClient client() {
        return client;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shell.close();
        disconnectQuietly(client);   // ends this connection's drains; the shared IO pool stays
    }

    private static String connectFailure(SshSettings s, KnownHostsVerifier verifier, String timedOutIn, Throwable e) {
        String refusal = verifier.refusal();
        if (refusal != null) {
            return refusal;
        }
        String where = s.host() + " port " + s.port();
        if (timedOutIn != null) {
            return timeoutMessage(s, timedOutIn);
        }
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            return "cannot resolve host name '" + s.host() + "'" + (s.host().equals(s.inventoryName()) ? ""
                    : " (inventory host " + s.inventoryName() + ")");
        }
        if (root instanceof ConnectException) {
            return "connection refused by " + where + " (is sshd running and listening on port " + s.port() + "?)";
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host " + where + " (host down or unreachable network)";
        }
        if (root instanceof SocketTimeoutException) {
            return "timed out after " + seconds(s.connectTimeout()) + " s connecting to " + where
                    + " (host down, or a firewall drops the packets)";
        }
        String msg = String.valueOf(root.getMessage());
        if (msg.contains("Unable to reach a settlement")) {
            return "no SSH algorithm in common with " + where + ": " + msg + ". If the server is old, allow SHA-1 and CBC"
                    + " algorithms for this host with jplay_ssh_legacy_algorithms: true";
        }
        if (msg.contains("identification")) {
            return where + " closed the connection before the SSH handshake (not an SSH server, or sshd refused us:"
                    + " MaxStartups, TCP wrappers)";
        }
        return "SSH connection to " + where + " failed: " + reason(e);
    }

    /** What connecting was doing, for the timeout message: "connecting to", "during the SSH handshake with", ... */
    private static String phase(SSHClient client) {
        Socket socket = client.getSocket();
        if (socket == null || !socket.isConnected()) {
            return "connecting to";
        }
        try {
            return client.getTransport().getSessionID() == null ? "during the SSH handshake with" : "while logging in to";
        } catch (RuntimeException e) {
            return "during the SSH handshake with";   // no session id before the first key exchange
        }
    }

    private static String timeoutMessage(SshSettings s, String phase) {
        return "timed out after " + seconds(s.connectTimeout()) + " s " + phase + " " + s.host() + " port " + s.port()
                + " (raise ansible_ssh_timeout or --ssh-timeout if the host is just slow)";
    }

    private static String reason(Throwable e) {
        Throwable root = rootCause(e);
        String m = root.getMessage();
        String type = root.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : m.toLowerCase(Locale.ROOT).contains("exception") ? m : m + " (" + type + ")";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    private static void closeSocket(SSHClient client) {
        Socket s = client.getSocket();
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing only to wake up the blocked handshake
        }
    }

    private static void disconnectQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the peer may be gone already
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
