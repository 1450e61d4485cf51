package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.text.WordSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenSSH command-line arguments an Ansible inventory passes in {@code ansible_ssh_common_args}
 * and {@code ansible_ssh_extra_args}, reduced to what jplay's built-in SSH client can honour:
 * {@code -o Key=Value} for the keywords {@link SshConfigFile} knows, {@code -i FILE}, {@code -p PORT},
 * {@code -l USER} and {@code -F CONFIG}. Everything else is ignored with a warning, except options
 * that only tune OpenSSH's own connection sharing or logging, which jplay makes unnecessary.
 *
 * @param options       {@code -o} keywords (lower case) to their value, first one wins as in ssh
 * @param identityFiles {@code -i} files, in order
 * @param configFile    {@code -F} file, or null
 * @param warnings      what was ignored, for the user
 */
public record SshCommandLineArgs(Map<String, String> options, List<String> identityFiles, String configFile,
                                 List<String> warnings) {

    static final Set<String> HONOURED = Set.of("hostname", "user", "port", "identityfile", "userknownhostsfile",
            "stricthostkeychecking", "hostkeyalias", "connecttimeout");
    /** Harmless for jplay: it keeps one connection per host anyway and has its own logging. */
    private static final Set<String> QUIETLY_IGNORED = Set.of("controlmaster", "controlpersist", "controlpath",
            "loglevel", "compression", "serveraliveinterval", "serveralivecountmax", "identitiesonly",
            "preferredauthentications", "batchmode");
    private static final Set<String> QUIET_FLAGS = Set.of("-C", "-q", "-v", "-vv", "-vvv", "-T", "-x", "-n");

    public static final SshCommandLineArgs NONE = new SshCommandLineArgs(Map.of(), List.of(), null, List.of());

    public SshCommandLineArgs {
        options = Map.copyOf(options);
        identityFiles = List.copyOf(identityFiles);
        warnings = List.copyOf(warnings);
    }

    /** Parses several argument strings (common args first); null or blank strings are skipped. */
    public static SshCommandLineArgs parse(String... argStrings) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String config = null;
        for (String argString : argStrings) {
            if (argString == null || argString.isBlank()) {
                continue;
            }
            List<String> words;
            try {
                words = shellWords(argString);
            } catch (WordSplitter.SplitError e) {
                warnings.add("ssh arguments '" + argString + "' cannot be split into words (" + e.getMessage() + ") and are ignored");
                continue;
            }
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String flag = w.length() >= 2 && w.startsWith("-") ? w.substring(0, 2) : w;
                String attached = w.length() > 2 && w.startsWith("-") ? w.substring(2) : null;
                switch (flag) {
                    case "-o", "-i", "-p", "-l", "-F" -> {
                        String value = attached != null ? attached : i + 1 < words.size() ? words.get(++i) : null;
                        if (value == null) {
                            warnings.add("ssh argument " + flag + " without a value is ignored");
                            continue;
                        }
                        switch (flag) {
                            case "-o" -> option(value, options, ids, warnings);
                            case "-i" -> ids.add(value);
                            case "-p" -> options.putIfAbsent("port", value);
                            case "-l" -> options.putIfAbsent("user", value);
                            default -> config = config == null ? value : config;
                        }
                    }
                    default -> {
                        if (!QUIET_FLAGS.contains(w)) {
                            warnings.add("ssh argument '" + w + "' is not supported by jplay and is ignored");
                        }
                    }
                }
            }
        }
        return new SshCommandLineArgs(options, ids, config, warnings);
    }

    private static void option(String kv, Map<String, String> options, List<String> ids, List<String> warnings) {
        int eq = kv.indexOf('=');
        int sp = kv.indexOf(' ');
        int cut = eq >= 0 && (sp < 0 || eq < sp) ? eq : sp;
        if (cut <= 0) {
            warnings.add("ssh option -o " + kv + " has no value and is ignored");
            return;
        }
        String key = kv.substring(0, cut).strip().toLowerCase(Locale.ROOT);
        String value = kv.substring(cut + 1).strip();
        if (key.equals("identityfile")) {
            ids.add(value);
        } else if (HONOURED.contains(key)) {
            options.putIfAbsent(key, value);
        } else if (!QUIETLY_IGNORED.contains(key)) {
            warnings.add("ssh option -o " + kv.substring(0, cut) + " is not supported by jplay and is ignored");
        }
    }

    /** As Ansible's ssh plugin splits them: Python's shlex.split. */
    static List<String> shellWords(String s) {
        return WordSplitter.split(s, WordSplitter.Mode.SHLEX);
    }
}
