package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of an OpenSSH client config file ({@code ~/.ssh/config}) that jplay honours:
 * {@code Host} blocks with OpenSSH's pattern rules ({@code *}, {@code ?}, {@code !negation}),
 * {@code Match all}, {@code Include}, and the keywords HostName, User, Port, IdentityFile,
 * UserKnownHostsFile, StrictHostKeyChecking, HostKeyAlias and ConnectTimeout. As in OpenSSH the
 * first value found for a keyword wins, except IdentityFile, whose values accumulate in order.
 * Other keywords are ignored; ProxyJump/ProxyCommand produce a warning because ignoring them changes
 * which machine is reached.
 */
public final class SshConfigFile {

    /** Keywords whose values accumulate instead of first-wins. */
    private static final Set<String> ACCUMULATING = Set.of("identityfile");
    private static final Map<String, String> WARN_UNSUPPORTED = Map.of("proxyjump", "ProxyJump", "proxycommand", "ProxyCommand");
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** One {@code keyword args...} line and the Host condition it sits under (null: always applies). */
    record Directive(String keyword, List<String> args, List<String> hostPatterns, boolean never, Path file, int line) {

        boolean appliesTo(String host) {
            return !never && (hostPatterns == null || matchesHostPatterns(hostPatterns, host));
        }
    }

    /** The keywords that apply to one host, in file order. */
    public record HostConfig(Map<String, List<String>> first, Map<String, List<String>> accumulated, List<String> warnings) {

        /** The first value (first argument) given for {@code keyword}, or null. */
        public String value(String keyword) {
            List<String> args = first.get(keyword.toLowerCase(Locale.ROOT));
            return args == null || args.isEmpty() ? null : args.get(0);
        }

        /** All arguments of the first line giving {@code keyword}, or an empty list. */
        public List<String> args(String keyword) {
            return first.getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of());
        }

        /** Every value of an accumulating keyword such as IdentityFile, in order. */
        public List<String> all(String keyword) {
            return accumulated.getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of());
        }
    }

    public static final SshConfigFile EMPTY = new SshConfigFile(List.of(), List.of());

    private final List<Directive> directives;
    private final List<String> warnings;

    private SshConfigFile(List<Directive> directives, List<String> warnings) {
        this.directives = List.copyOf(directives);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads a config file; a missing file is an empty config.
     *
     * @param sshDir where relative {@code Include} paths are resolved (the user's {@code ~/.ssh})
     */
    public static SshConfigFile read(Path file, Path sshDir) {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        Parser p = new Parser(sshDir);
        p.parseFile(file, null, false, 0);
        return new SshConfigFile(p.out, p.warnings);
    }

    /** Parses config text as if it were {@code origin} (for tests and error messages). */
    public static SshConfigFile parse(String text, Path origin, Path sshDir) {
        Parser p = new Parser(sshDir);
        p.parseText(text, origin, null, false, 0);
        return new SshConfigFile(p.out, p.warnings);
    }

    /** What applies to {@code host}: the name ssh is given (ansible_host, else the inventory name). */
    public HostConfig lookup(String host) {
        Map<String, List<String>> first = new LinkedHashMap<>();
        Map<String, List<String>> acc = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(warnings);
        for (Directive d : directives) {
            if (!d.appliesTo(host)) {
                continue;
            }
            if (ACCUMULATING.contains(d.keyword())) {
                acc.computeIfAbsent(d.keyword(), k -> new ArrayList<>()).add(d.args().get(0));
            } else if (first.putIfAbsent(d.keyword(), d.args()) == null && WARN_UNSUPPORTED.containsKey(d.keyword())) {
                notes.add(d.file() + ":" + d.line() + ": " + WARN_UNSUPPORTED.get(d.keyword()) + " is not supported by jplay; connecting to "
                        + host + " directly");
            }
        }
        return new HostConfig(first, acc, notes);
    }

    /** OpenSSH's Host rule: some pattern matches and no negated pattern does (case-insensitive). */
    static boolean matchesHostPatterns(List<String> patterns, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String p : patterns) {
            String pat = p.toLowerCase(Locale.ROOT);
            if (pat.startsWith("!")) {
                if (glob(pat.substring(1), h)) {
                    return false;
                }
            } else if (glob(pat, h)) {
                matched = true;
            }
        }
        return matched;
    }

    /** {@code *} any run, {@code ?} one character. */
    static boolean glob(String pattern, String s) {
        int p = 0, i = 0, star = -1, mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == s.charAt(i))) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static final class Parser {
        final Path sshDir;
        final List<Directive> out = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Parser(Path sshDir) {
            this.sshDir = sshDir;
        }

        void parseFile(Path file, List<String> hostPatterns, boolean never, int depth) {
            try {
                parseText(Files.readString(file), file, hostPatterns, never, depth);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ssh config " + file + ": " + e.getMessage(), e);
            }
        }

        void parseText(String text, Path file, List<String> hostPatterns, boolean never, int depth) {
            String[] lines = text.split("\r?\n", -1);
            for (int n = 0; n < lines.length; n++) {
                SourceLocation where = new SourceLocation(file, n + 1, 0);
                List<String> words = tokenize(lines[n], where);
                if (words.isEmpty()) {
                    continue;
                }
                String keyword = words.get(0).toLowerCase(Locale.ROOT);
                List<String> args = words.subList(1, words.size());
                switch (keyword) {
                    case "host" -> {
                        requireArgs(args, where, "Host needs at least one pattern");
                        hostPatterns = List.copyOf(args);
                        never = false;
                    }
                    case "match" -> {
                        requireArgs(args, where, "Match needs criteria");
                        hostPatterns = null;
                        never = !(args.size() == 1 && args.get(0).equalsIgnoreCase("all"));
                        if (never) {
                            warnings.add(where + ": only 'Match all' is supported; this Match block is ignored");
                        }
                    }
                    case "include" -> {
                        requireArgs(args, where, "Include needs a file name");
                        if (depth >= MAX_INCLUDE_DEPTH) {
                            throw new InputError(where, "ssh config Include nested deeper than " + MAX_INCLUDE_DEPTH);
                        }
                        for (String arg : args) {
                            for (Path inc : expandInclude(arg)) {
                                parseFile(inc, hostPatterns, never, depth + 1);
                            }
                        }
                    }
                    default -> {
                        requireArgs(args, where, words.get(0) + " needs a value");
                        if (keyword.equals("port") || keyword.equals("connecttimeout")) {
                            requireNumber(args.get(0), where, words.get(0));
                        }
                        out.add(new Directive(keyword, List.copyOf(args), hostPatterns, never, file, n + 1));
                    }
                }
            }
        }

        private List<Path> expandInclude(String arg) {
            String expanded = arg.startsWith("~/") ? sshDir.getParent().resolve(arg.substring(2)).toString() : arg;
            Path path = Path.of(expanded);
            if (!path.isAbsolute()) {
                path = sshDir.resolve(path);
            }
            String name = path.getFileName().toString();
            if (!name.contains("*") && !name.contains("?")) {
                return Files.isRegularFile(path) ? List.of(path) : List.of();
            }
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(path.getParent())) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(path.getParent(), name)) {
                    ds.forEach(p -> {
                        if (Files.isRegularFile(p)) {
                            found.add(p);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            found.sort(null);
            return found;
        }

        private static void requireArgs(List<String> args, SourceLocation where, String message) {
            if (args.isEmpty()) {
                throw new InputError(where, "ssh config", message);
            }
        }

        private static void requireNumber(String value, SourceLocation where, String keyword) {
            if (!value.matches("\\d{1,9}")) {
                throw new InputError(where, "ssh config", keyword + " expects a number, got '" + value + "'");
            }
        }
    }

    /** Splits a config line into words: {@code key=value} or {@code key value}, double quotes, # comments. */
    static List<String> tokenize(String line, SourceLocation where) {
        List<String> words = new ArrayList<>();
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return words;
        }
        // the keyword may be separated from its value by '=' (with optional spaces)
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
            i++;
        }
        words.add(s.substring(0, i));
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        StringBuilder cur = null;
        boolean quoted = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                cur = cur == null ? new StringBuilder() : cur;
            } else if (c == '#' && cur == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
            } else {
                cur = cur == null ? new StringBuilder() : cur;
                cur.append(c);
            }
        }
        if (quoted) {
            throw new InputError(where, "ssh config", "unterminated double quote");
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words;
    }
}
