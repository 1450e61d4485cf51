package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ShellQuote;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Verifies a server's host key against known_hosts files, OpenSSH style, for one host. A key that
 * matches an entry is trusted; a host with entries but none matching (changed key, or only keys of
 * another type) is refused, always; an unknown host is refused unless accept-new is on, in which case
 * the key is appended to the first writable file (thread- and process-safely). What happened is kept
 * in {@link #outcome()} so the connection can explain a refusal.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    /** What the last verification decided. */
    sealed interface Outcome {
        record Trusted(KnownHostsFile.Entry entry) implements Outcome {
        }

        record AcceptedNew(PublicKey key, Path recordedIn) implements Outcome {
        }

        record Unknown(PublicKey key) implements Outcome {
        }

        record Changed(PublicKey key, List<KnownHostsFile.Entry> known) implements Outcome {
        }

        record Revoked(PublicKey key, KnownHostsFile.Entry entry) implements Outcome {
        }
    }

    /** One lock per known_hosts file for this JVM; a file lock guards against other processes. */
    private static final ConcurrentHashMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final String name;
    private final String address;
    private final int port;
    private final List<Path> files;
    private final List<Path> readOnly;
    private final boolean acceptNew;
    private final Consumer<String> warn;
    private volatile Outcome outcome;

    /**
     * @param name     the name looked up (HostKeyAlias, else the address)
     * @param address  the address connected to, for messages
     * @param files    user known_hosts files, in order; accept-new writes to the first writable one
     * @param readOnly system-wide files, consulted only
     */
    KnownHostsVerifier(String name, String address, int port, List<Path> files, List<Path> readOnly, boolean acceptNew,
                       Consumer<String> warn) {
        this.name = name.toLowerCase(Locale.ROOT);   // OpenSSH looks up (and hashes) lower-case names
        this.address = address;
        this.port = port;
        this.files = List.copyOf(files);
        this.readOnly = List.copyOf(readOnly);
        this.acceptNew = acceptNew;
        this.warn = warn;
    }

    static KnownHostsVerifier of(SshSettings s, Consumer<String> warn) {
        return new KnownHostsVerifier(s.knownHostsName(), s.host(), s.port(), s.knownHostsFiles(), s.readOnlyKnownHosts(),
                s.acceptNewHostKeys(), warn);
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public boolean verify(String ignoredHostname, int ignoredPort, PublicKey key) {
        Outcome o = check(key, entries());
        if (o instanceof Outcome.Unknown && acceptNew) {
            o = record(key);
        }
        outcome = o;
        return o instanceof Outcome.Trusted || o instanceof Outcome.AcceptedNew;
    }

    /** Key types known for this host, so the server is asked for a key we can check (sshj orders by this). */
    @Override
    public List<String> findExistingAlgorithms(String ignoredHostname, int ignoredPort) {
        Set<String> algs = new LinkedHashSet<>();
        for (KnownHostsFile.Entry e : entries()) {
            if (!e.revoked() && !e.certAuthority() && applies(e)) {
                String type = e.entry().getType().toString();
                if (type.equals(KeyType.RSA.toString())) {
                    algs.add("rsa-sha2-512");
                    algs.add("rsa-sha2-256");
                }
                algs.add(type);
            }
        }
        return new ArrayList<>(algs);
    }

    private List<KnownHostsFile.Entry> entries() {
        List<KnownHostsFile.Entry> all = new ArrayList<>();
        files.forEach(f -> all.addAll(KnownHostsFile.read(f)));
        readOnly.forEach(f -> all.addAll(KnownHostsFile.read(f)));
        return all;
    }

    private boolean applies(KnownHostsFile.Entry e) {
        return e.appliesTo(KnownHostsFile.lookupName(name, port));
    }

    private Outcome check(PublicKey key, List<KnownHostsFile.Entry> entries) {
        KeyType type = KeyType.fromKey(key);
        KnownHostsFile.Entry match = null;
        List<KnownHostsFile.Entry> others = new ArrayList<>();
        for (KnownHostsFile.Entry e : entries) {
            if (e.certAuthority() || !applies(e)) {
                continue;
            }
            if (e.revoked()) {
                if (e.keyBase64().equals(HostKeyFingerprint.base64(key))) {
                    return new Outcome.Revoked(key, e);
                }
                continue;
            }
            boolean same = e.entry().getType() == type && verifies(e, key);
            if (same) {
                match = match == null ? e : match;
            } else {
                others.add(e);
            }
        }
        if (match != null) {
            return new Outcome.Trusted(match);
        }
        return others.isEmpty() ? new Outcome.Unknown(key) : new Outcome.Changed(key, others);
    }

    private static boolean verifies(KnownHostsFile.Entry e, PublicKey key) {
        try {
            return e.entry().verify(key);
        } catch (IOException ex) {
            return false;
        }
    }

    /** accept-new: append the key to the first writable file, unless someone recorded this host meanwhile. */
    @SuppressWarnings("try")   // the file lock is held by the try block, not used in it
    private Outcome record(PublicKey key) {
        Path target = writableFile();
        if (target == null) {
            warn.accept("host " + describeHost() + ": accepted new host key " + HostKeyFingerprint.describe(key)
                    + " for this run only: no writable known_hosts file among " + files);
            return new Outcome.AcceptedNew(key, null);
        }
        Object lock = FILE_LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), p -> new Object());
        synchronized (lock) {
            try {
                createParent(target);
                try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {   // other processes wait
                    Outcome now = check(key, entries());
                    if (!(now instanceof Outcome.Unknown)) {
                        return now;
                    }
                    String line = KnownHostsFile.lookupName(name, port) + " " + HostKeyFingerprint.type(key) + " "
                            + HostKeyFingerprint.base64(key) + "\n";
                    long size = ch.size();
                    if (size > 0) {
                        ByteBuffer last = ByteBuffer.allocate(1);
                        ch.read(last, size - 1);
                        if (last.get(0) != '\n') {
                            line = "\n" + line;
                        }
                    }
                    ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), size);
                    ch.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record host key in " + target + ": " + e.getMessage(), e);
            }
        }
        warn.accept("host " + describeHost() + ": permanently added " + HostKeyFingerprint.describe(key) + " to " + target);
        return new Outcome.AcceptedNew(key, target);
    }

    private Path writableFile() {
        for (Path f : files) {
            if (Files.exists(f) ? Files.isWritable(f) && Files.isRegularFile(f) : creatable(f)) {
                return f;
            }
        }
        return null;
    }

    private static boolean creatable(Path f) {
        Path p = f.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }

    private static void createParent(Path f) throws IOException {
        Path parent = f.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private String describeHost() {
        String where = KnownHostsFile.lookupName(address, port);
        return name.equals(address) ? where : name + " (" + where + ")";
    }

    /** Why the host key was refused, and how to fix it; null when it was not refused. */
    String refusal() {
        Outcome o = outcome;
        String quotedName = ShellQuote.quote(KnownHostsFile.lookupName(name, port));
        if (o instanceof Outcome.Unknown u) {
            Path hint = writableFile() != null ? writableFile() : files.isEmpty() ? Path.of("~/.ssh/known_hosts") : files.get(0);
            String scan = "ssh-keyscan -p " + port + " " + address + " >> " + hint;
            if (!name.equals(address)) {
                scan = "ssh-keyscan -p " + port + " " + address + " | sed 's/^[^ ]*/" + KnownHostsFile.lookupName(name, port)
                        + "/' >> " + hint;
            }
            return "host key of " + describeHost() + " is not known: it offered " + HostKeyFingerprint.describe(u.key())
                    + ", which is in none of " + allFiles() + ". To trust it, check that fingerprint on the host "
                    + "(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and run: " + scan
                    + " - or run jplay with --accept-new-host-keys";
        }
        if (o instanceof Outcome.Changed c) {
            StringBuilder known = new StringBuilder();
            for (KnownHostsFile.Entry e : c.known()) {
                known.append(known.length() == 0 ? "" : ", ").append(e.entry().getType()).append(" at ").append(e.where());
            }
            Path file = c.known().get(0).file();
            return "HOST KEY FOR " + describeHost() + " HAS CHANGED - refusing to connect. It offered "
                    + HostKeyFingerprint.describe(c.key()) + ", but known_hosts has a different key for it (" + known
                    + "). Someone may be intercepting the connection (man-in-the-middle), or the host was reinstalled."
                    + " If the change is expected, remove the old key with: ssh-keygen -R " + quotedName + " -f " + file
                    + " - accept-new never replaces a changed key";
        }
        if (o instanceof Outcome.Revoked r) {
            return "host key of " + describeHost() + " (" + HostKeyFingerprint.describe(r.key()) + ") is marked @revoked at "
                    + r.entry().where() + " - refusing to connect";
        }
        return null;
    }

    private List<Path> allFiles() {
        List<Path> all = new ArrayList<>(files);
        all.addAll(readOnly);
        return all;
    }
}
