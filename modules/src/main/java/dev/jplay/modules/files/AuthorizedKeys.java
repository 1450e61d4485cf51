package dev.jplay.modules.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of an authorized_keys file as ansible.posix's authorized_key reads and rewrites it:
 * entries keyed by the key blob (a later duplicate wins), each with its options, comment and rank
 * (its line number; new keys rank after all existing lines), comments and unparseable lines kept as
 * they are; written back sorted by rank, every key as {@code options type blob comment}.
 */
final class AuthorizedKeys {
    static final Set<String> KEY_TYPES = Set.of(
            "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
            "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com",
            "ssh-xmss-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com");
    private static final Pattern OPTION = Pattern.compile("(?:[^,\"']|\"[^\"]*\"|'[^']*')+");

    /**
     * One line. {@code raw} is set for a line kept as it is (a comment or no key); then the id is the line itself.
     *
     * @param options ordered option name to value (null for a flag)
     */
    record Entry(String id, String type, Map<String, String> options, String comment, int rank, String raw) {

        boolean sameAs(Entry o) {
            return id.equals(o.id) && Objects.equals(type, o.type) && Objects.equals(options, o.options)
                    && Objects.equals(comment, o.comment);
        }

        String line() {
            if (raw != null) {
                return raw;
            }
            StringBuilder s = new StringBuilder();
            if (!options.isEmpty()) {
                List<String> parts = new ArrayList<>();
                options.forEach((k, v) -> parts.add(v == null ? k : k + "=" + v));
                s.append(String.join(",", parts)).append(' ');
            }
            return s.append(type).append(' ').append(id).append(' ').append(comment).append('\n').toString();
        }

        Entry withRank(int r) {
            return new Entry(id, type, options, comment, r, raw);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Parses a file's text; every line (with its newline) becomes an entry. */
    static AuthorizedKeys parse(String text) {
        AuthorizedKeys k = new AuthorizedKeys();
        int rank = 0;
        for (String line : text.split("(?<=\n)")) {
            if (line.isEmpty()) {
                continue;
            }
            Entry e = parseKey(line, rank);
            k.entries.put(e == null ? line : e.id(), e == null ? new Entry(line, null, Map.of(), null, rank, line) : e);
            rank++;
        }
        return k;
    }

    /** A key line as Ansible's parsekey: whitespace-split, the first known key type, options before it; null if none. */
    static Entry parseKey(String rawLine, int rank) {
        String line = rawLine.replace("\\#", "#");
        String[] parts = line.trim().isEmpty() ? new String[0] : line.trim().split("[ \\t\\r\\n]+");
        if (parts.length > 0 && parts[0].equals("#")) {
            return new Entry(line, null, Map.of(), null, rank, line);
        }
        int t = -1;
        for (int i = 0; i < parts.length; i++) {
            if (KEY_TYPES.contains(parts[i])) {
                t = i;
                break;
            }
        }
        if (t < 0 || t + 1 >= parts.length) {
            return null;
        }
        Map<String, String> options = parseOptions(t > 0 ? String.join(" ", List.of(parts).subList(0, t)) : null);
        String comment = String.join(" ", List.of(parts).subList(Math.min(t + 2, parts.length), parts.length));
        return new Entry(parts[t + 1], parts[t], options, comment, rank, null);
    }

    /** Ansible's parseoptions: comma-separated, quotes keep commas, {@code name=value} or a flag. */
    static Map<String, String> parseOptions(String options) {
        Map<String, String> m = new LinkedHashMap<>();
        if (options == null || options.isEmpty()) {
            return m;
        }
        Matcher x = OPTION.matcher(options);
        while (x.find()) {
            String part = x.group();
            int eq = part.indexOf('=');
            if (eq >= 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            } else {
                m.put(part, null);
            }
        }
        return m;
    }

    int size() {
        return entries.size();
    }

    Entry get(String id) {
        return entries.get(id);
    }

    void put(Entry e) {
        entries.put(e.id(), e);
    }

    void remove(String id) {
        entries.remove(id);
    }

    Set<String> ids() {
        return entries.keySet();
    }

    String text() {
        StringBuilder s = new StringBuilder();
        entries.values().stream().sorted(Comparator.comparingInt(Entry::rank)).forEach(e -> s.append(e.line()));
        return s.toString();
    }
}
