package dev.jplay.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The Ansible configuration in effect: the one {@code ansible.cfg} Ansible would read (the file named
 * by {@code ANSIBLE_CONFIG}, else {@code ./ansible.cfg}, {@code ~/.ansible.cfg},
 * {@code /etc/ansible/ansible.cfg}, the first that exists) and the {@code ANSIBLE_*} variables, which
 * win over the file. Only {@link ConfigSetting}s are honoured; the rest is named once in a warning.
 *
 * @param file       the file read, or null
 * @param values     each honoured setting that is set, with where it came from
 * @param ignored    settings (file keys as section.key, or variables) jplay does not honour
 * @param notices    things to tell the user once (a world-writable folder's ansible.cfg skipped, a file not readable)
 */
public record AnsibleConfig(Path file, Map<ConfigSetting, Value> values, List<String> ignored, List<String> notices) {

    /** A setting's value and its origin ("ansible.cfg" path or the variable's name). */
    public record Value(String text, String origin) {
    }

    public static final AnsibleConfig NONE = new AnsibleConfig(null, Map.of(), List.of(), List.of());

    private static volatile AnsibleConfig active = NONE;

    public AnsibleConfig {
        values = java.util.Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(ConfigSetting.class) : new EnumMap<>(values));
        ignored = List.copyOf(ignored);
        notices = List.copyOf(notices);
    }

    /** The configuration of this run (set once at start-up by the command line). */
    public static AnsibleConfig active() {
        return active;
    }

    public static void activate(AnsibleConfig config) {
        active = config;
    }

    /** Variables that steer Ansible itself or name the config file, and need no warning. */
    private static final List<String> NOT_SETTINGS = List.of("ANSIBLE_CONFIG", "ANSIBLE_VAULT_PASSWORD", "ANSIBLE_HOME");

    public static AnsibleConfig load(Map<String, String> env, Path cwd, Path home) {
        List<String> notices = new ArrayList<>();
        Path file = find(env, cwd, home, notices);
        Map<ConfigSetting, Value> values = new EnumMap<>(ConfigSetting.class);
        TreeSet<String> ignored = new TreeSet<>();
        if (file != null) {
            try {
                IniFile ini = IniFile.parse(Files.readString(file));
                Path base = file.toAbsolutePath().getParent();
                String origin = file.toString();
                ini.entries().forEach((section, keys) -> keys.forEach((key, value) -> {
                    Optional<ConfigSetting> s = ConfigSetting.of(section, key);
                    if (s.isPresent()) {
                        values.put(s.get(), new Value(resolve(s.get(), value, base), origin));
                    } else if (!ConfigSetting.MOOT.contains(section + "." + key)) {
                        ignored.add(section + "." + key);
                    }
                }));
            } catch (IOException e) {
                notices.add("cannot read " + file + ": " + e.getMessage());
                file = null;
            } catch (IllegalArgumentException e) {
                notices.add(file + ": " + e.getMessage() + "; the file is not used");
                file = null;
                values.clear();
                ignored.clear();
            }
        }
        env.forEach((name, value) -> {
            if (!name.startsWith("ANSIBLE_") || NOT_SETTINGS.contains(name) || ConfigSetting.MOOT.contains(name)) {
                return;
            }
            Optional<ConfigSetting> s = ConfigSetting.ofEnv(name);
            if (s.isPresent()) {
                values.put(s.get(), new Value(resolve(s.get(), value, cwd), name));
            } else {
                ignored.add(name);
            }
        });
        return new AnsibleConfig(file, values, new ArrayList<>(ignored), notices);
    }

    private static Path find(Map<String, String> env, Path cwd, Path home, List<String> notices) {
        String named = env.get("ANSIBLE_CONFIG");
        if (named != null && !named.isBlank()) {
            Path p = cwd.resolve(named.replaceFirst("^~(?=/|$)", home.toString()));
            if (Files.isDirectory(p)) {
                p = p.resolve("ansible.cfg");
            }
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path here = cwd.resolve("ansible.cfg");
        if (Files.isRegularFile(here)) {
            if (!worldWritable(cwd)) {
                return here;
            }
            // as Ansible: anyone could have put it there
            notices.add("Ansible is being run in a world writable directory (" + cwd + "), ignoring it as an ansible.cfg source.");
        }
        for (Path p : List.of(home.resolve(".ansible.cfg"), Path.of("/etc/ansible/ansible.cfg"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Paths as Ansible resolves them: {@code ~} is the home folder, relative ones are relative to the config file. */
    private static String resolve(ConfigSetting s, String value, Path base) {
        String v = value.strip();
        return switch (s.kind) {
            case PATH -> path(v, base);
            case PATH_LIST -> String.join(",", java.util.Arrays.stream(v.split(s == ConfigSetting.ROLES_PATH ? "[:,]" : ","))
                    .map(String::strip).filter(x -> !x.isEmpty()).map(x -> path(x, base)).toList());
            default -> v;
        };
    }

    private static String path(String v, Path base) {
        String home = System.getProperty("user.home");
        String expanded = v.equals("~") ? home : v.startsWith("~/") ? home + v.substring(1) : v;
        return expanded.startsWith("/") ? expanded : base.resolve(expanded).normalize().toString();
    }

    public Optional<String> text(ConfigSetting s) {
        Value v = values.get(s);
        return v == null ? Optional.empty() : Optional.of(v.text());
    }

    public Optional<Boolean> bool(ConfigSetting s) {
        return text(s).map(ConfigSetting::bool);
    }

    /** One warning naming what jplay does not honour, or empty. */
    public Optional<String> ignoredWarning() {
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("jplay does not honour these Ansible settings: " + String.join(", ", ignored)
                + " (it honours: " + String.join(", ", java.util.Arrays.stream(ConfigSetting.values())
                .map(s -> s.section.equals("defaults") ? s.key : s.section + "." + s.key).toList()) + ")");
    }

    /** The lines --version shows: the file and each setting in effect with its origin. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("  config file = " + (file == null ? "None" : file));
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((s, v) -> shown.put(s.section + "." + s.key, v.text() + " (" + v.origin() + "; " + s.meaning + ")"));
        shown.forEach((k, v) -> out.add("  " + k + " = " + v));
        if (!ignored.isEmpty()) {
            out.add("  not honoured = " + String.join(", ", ignored));
        }
        return out;
    }
}
