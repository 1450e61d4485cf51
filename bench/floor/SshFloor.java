import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.SocketFactory;

/**
 * The SSH floor: what N trivial commands cost over one already-open SSH connection per host, through
 * sshj (the library jplay uses), with no playbook engine around them. Every host gets its own
 * connection, opened in parallel; then each host runs N commands one after the other (one session
 * channel each, as jplay does), all hosts at once.
 *
 * <pre>java -cp 'app/target/lib/*' bench/floor/SshFloor.java KEY KNOWN_HOSTS USER N HOST...</pre>
 *
 * Prints one line: {@code connect_ms=<median per host> commands_ms=<wall for N commands on all hosts>
 * per_command_ms=<median of one command>}.
 */
public final class SshFloor {
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: SshFloor KEY KNOWN_HOSTS USER N HOST...");
            System.exit(2);
        }
        String key = args[0];
        File knownHosts = new File(args[1]);
        String user = args[2];
        int n = Integer.parseInt(args[3]);
        List<String> hosts = Arrays.asList(args).subList(4, args.length);
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());

        List<Future<Opened>> opening = new ArrayList<>();
        for (String h : hosts) {
            opening.add(pool.submit(() -> open(h, key, knownHosts, user)));
        }
        List<Opened> open = new ArrayList<>();
        for (Future<Opened> f : opening) {
            open.add(f.get());
        }
        run(open.get(0).client, "true");   // warm the exec path once, as jplay's first task would

        long start = System.nanoTime();
        List<Future<long[]>> running = new ArrayList<>();
        for (Opened o : open) {
            running.add(pool.submit(() -> {
                long[] each = new long[n];
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    run(o.client, "true");
                    each[i] = System.nanoTime() - t;
                }
                return each;
            }));
        }
        List<Long> perCommand = new ArrayList<>();
        for (Future<long[]> f : running) {
            for (long t : f.get()) {
                perCommand.add(t);
            }
        }
        long wall = System.nanoTime() - start;
        List<Long> connects = new ArrayList<>();
        for (Opened o : open) {
            connects.add(o.connectNanos);
            o.client.disconnect();
        }
        pool.shutdown();
        System.out.printf("connect_ms=%.1f commands_ms=%.1f per_command_ms=%.2f%n",
                median(connects) / 1e6, wall / 1e6, median(perCommand) / 1e6);
    }

    private record Opened(SSHClient client, long connectNanos) {
    }

    private static Opened open(String host, String key, File knownHosts, String user) throws Exception {
        long t = System.nanoTime();
        SSHClient c = new SSHClient(new DefaultConfig());
        c.setSocketFactory(new NoDelay());
        c.addHostKeyVerifier(new OpenSSHKnownHosts(knownHosts));
        c.connect(host, 22);
        c.authPublickey(user, c.loadKeys(key));
        return new Opened(c, System.nanoTime() - t);
    }

    /** One command on its own session channel; output drained, exit status read. */
    private static void run(SSHClient c, String command) throws Exception {
        try (Session s = c.startSession()) {
            Session.Command cmd = s.exec(command);
            drain(cmd.getInputStream());
            drain(cmd.getErrorStream());
            cmd.join();
            if (cmd.getExitStatus() == null || cmd.getExitStatus() != 0) {
                throw new IllegalStateException("'" + command + "' failed: " + cmd.getExitStatus());
            }
        }
    }

    private static void drain(InputStream in) throws Exception {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    private static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2.0;
    }

    /** TCP_NODELAY, as jplay sets it: without it every small SSH packet may wait for a delayed ACK. */
    private static final class NoDelay extends SocketFactory {
        @Override
        public Socket createSocket() throws java.io.IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws java.io.IOException {
            Socket s = createSocket();
            s.connect(new java.net.InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) throws java.io.IOException {
            Socket s = createSocket();
            s.bind(new java.net.InetSocketAddress(localHost, localPort));
            s.connect(new java.net.InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            Socket s = createSocket();
            s.connect(new java.net.InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress, int localPort)
                throws java.io.IOException {
            Socket s = createSocket();
            s.bind(new java.net.InetSocketAddress(localAddress, localPort));
            s.connect(new java.net.InetSocketAddress(address, port));
            return s;
        }
    }
}
