package dev.jplay.engine.connection.ssh;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of one known_hosts file with their line numbers, parsed by sshj (hashed names,
 * {@code [host]:port}, wildcards, negation, {@code @revoked}, {@code @cert-authority}), so messages can
 * point at the offending line as OpenSSH does. Unparseable lines are skipped, as OpenSSH skips them.
 */
final class KnownHostsFile {

    /**
     * One key line. {@code hosts} and {@code keyBase64} are the fields as written: jplay matches plain
     * host patterns itself because sshj 0.40 ORs negated patterns ({@code !host} then matches every
     * other host), and sshj does not compare the key of an {@code @revoked} line.
     */
    record Entry(Path file, int line, KnownHostEntry entry, boolean revoked, boolean certAuthority, String hosts,
                 String keyBase64) {

        String where() {
            return file + ":" + line;
        }

        /** OpenSSH's rule: a hashed name matches exactly; patterns match if one does and no negated one does. */
        boolean appliesTo(String name) {
            if (hosts.startsWith("|1|")) {
                try {
                    return entry.appliesTo(name);
                } catch (IOException e) {
                    return false;
                }
            }
            return SshConfigFile.matchesHostPatterns(Arrays.asList(hosts.split(",")), name);
        }
    }

    private KnownHostsFile() {
    }

    /** The entries of {@code file}; a missing or unreadable file has none. */
    static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return List.of();
        }
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<Entry> parse(Path file, List<String> lines) throws IOException {
        OpenSSHKnownHosts.EntryFactory factory = new OpenSSHKnownHosts(new StringReader("")).new EntryFactory();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            KnownHostEntry e;
            try {
                e = factory.parseEntry(line);
            } catch (IOException | RuntimeException bad) {
                continue;
            }
            if (e != null && e.getType() != null && e.getType() != KeyType.UNKNOWN) {
                String[] f = line.split("\\s+");
                int hostField = line.startsWith("@") ? 1 : 0;
                entries.add(new Entry(file, i + 1, e, line.startsWith("@revoked"), line.startsWith("@cert-authority"),
                        f[hostField], f.length > hostField + 2 ? f[hostField + 2] : ""));
            }
        }
        return entries;
    }

    /** The name OpenSSH looks up: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String lookupName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
