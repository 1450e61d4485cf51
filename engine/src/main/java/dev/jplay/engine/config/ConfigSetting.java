package dev.jplay.engine.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Ansible settings jplay honours, each where Ansible reads it: a key in a section of
 * {@code ansible.cfg} and an environment variable (which wins over the file). Each means the same
 * in jplay as the command-line option it stands in for; the option, when given, wins over both.
 */
public enum ConfigSetting {
    INVENTORY("defaults", "inventory", "ANSIBLE_INVENTORY", "-i", Kind.PATH_LIST),
    REMOTE_USER("defaults", "remote_user", "ANSIBLE_REMOTE_USER", "-u", Kind.TEXT),
    PRIVATE_KEY_FILE("defaults", "private_key_file", "ANSIBLE_PRIVATE_KEY_FILE", "--private-key", Kind.PATH),
    FORKS("defaults", "forks", "ANSIBLE_FORKS", "-f", Kind.INTEGER),
    TIMEOUT("defaults", "timeout", "ANSIBLE_TIMEOUT", "-T", Kind.INTEGER),
    TRANSPORT("defaults", "transport", "ANSIBLE_TRANSPORT", "-c", Kind.TEXT),
    ROLES_PATH("defaults", "roles_path", "ANSIBLE_ROLES_PATH", "roles", Kind.PATH_LIST),
    /** False: unknown host keys are accepted and recorded (jplay still refuses a changed key). */
    HOST_KEY_CHECKING("defaults", "host_key_checking", "ANSIBLE_HOST_KEY_CHECKING", "--accept-new-host-keys when false", Kind.BOOLEAN),
    ASK_PASS("defaults", "ask_pass", "ANSIBLE_ASK_PASS", "-k", Kind.BOOLEAN),
    FORCE_HANDLERS("defaults", "force_handlers", "ANSIBLE_FORCE_HANDLERS", "--force-handlers", Kind.BOOLEAN),
    VAULT_PASSWORD_FILE("defaults", "vault_password_file", "ANSIBLE_VAULT_PASSWORD_FILE", "--vault-password-file", Kind.PATH),
    NOCOLOR("defaults", "nocolor", "ANSIBLE_NOCOLOR", "no colour", Kind.BOOLEAN),
    FORCE_COLOR("defaults", "force_color", "ANSIBLE_FORCE_COLOR", "colour even in a pipe", Kind.BOOLEAN),
    BECOME("privilege_escalation", "become", "ANSIBLE_BECOME", "-b", Kind.BOOLEAN),
    BECOME_USER("privilege_escalation", "become_user", "ANSIBLE_BECOME_USER", "--become-user", Kind.TEXT),
    BECOME_METHOD("privilege_escalation", "become_method", "ANSIBLE_BECOME_METHOD", "--become-method", Kind.TEXT),
    BECOME_ASK_PASS("privilege_escalation", "become_ask_pass", "ANSIBLE_BECOME_ASK_PASS", "-K", Kind.BOOLEAN),
    DIFF_ALWAYS("diff", "always", "ANSIBLE_DIFF_ALWAYS", "-D", Kind.BOOLEAN);

    /** How a value is read: paths are relative to the config file's folder, as Ansible resolves them. */
    public enum Kind { TEXT, INTEGER, BOOLEAN, PATH, PATH_LIST }

    public final String section;
    public final String key;
    public final String env;
    /** What the setting does in jplay, for --version. */
    public final String meaning;
    public final Kind kind;

    ConfigSetting(String section, String key, String env, String meaning, Kind kind) {
        this.section = section;
        this.key = key;
        this.env = env;
        this.meaning = meaning;
        this.kind = kind;
    }

    /**
     * Settings whose work jplay always does its own way, so setting them changes nothing worth a
     * warning: one shell per host is already pipelining, and jplay needs no Python, no local temp
     * folder and writes no retry files.
     */
    static final List<String> MOOT = List.of("ssh_connection.pipelining", "ANSIBLE_PIPELINING", "defaults.interpreter_python",
            "ANSIBLE_PYTHON_INTERPRETER", "defaults.local_tmp", "ANSIBLE_LOCAL_TEMP", "defaults.retry_files_enabled",
            "ANSIBLE_RETRY_FILES_ENABLED", "defaults.deprecation_warnings", "ANSIBLE_DEPRECATION_WARNINGS", "defaults.localhost_warning",
            "ANSIBLE_LOCALHOST_WARNING");

    static Optional<ConfigSetting> of(String section, String key) {
        return Arrays.stream(values()).filter(s -> s.section.equals(section) && s.key.equals(key)).findFirst();
    }

    static Optional<ConfigSetting> ofEnv(String name) {
        return Arrays.stream(values()).filter(s -> s.env.equals(name)).findFirst();
    }

    /** Ansible's boolean: yes, on, 1, true, y, t (any case) are true, everything else false. */
    public static boolean bool(String v) {
        return List.of("yes", "on", "1", "true", "y", "t").contains(v.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
