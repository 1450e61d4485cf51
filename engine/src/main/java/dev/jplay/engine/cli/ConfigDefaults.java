package dev.jplay.engine.cli;

import dev.jplay.engine.config.AnsibleConfig;
import dev.jplay.engine.config.ConfigSetting;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * The options' defaults from ansible.cfg and the ANSIBLE_* variables ({@link AnsibleConfig}): an
 * option given on the command line wins, as in Ansible.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private static final Map<String, ConfigSetting> BY_OPTION = Map.ofEntries(
            Map.entry("--forks", ConfigSetting.FORKS),
            Map.entry("--user", ConfigSetting.REMOTE_USER),
            Map.entry("--private-key", ConfigSetting.PRIVATE_KEY_FILE),
            Map.entry("--timeout", ConfigSetting.TIMEOUT),
            Map.entry("--connection", ConfigSetting.TRANSPORT),
            Map.entry("--become", ConfigSetting.BECOME),
            Map.entry("--become-user", ConfigSetting.BECOME_USER),
            Map.entry("--become-method", ConfigSetting.BECOME_METHOD),
            Map.entry("--ask-become-pass", ConfigSetting.BECOME_ASK_PASS),
            Map.entry("--ask-pass", ConfigSetting.ASK_PASS),
            Map.entry("--force-handlers", ConfigSetting.FORCE_HANDLERS),
            Map.entry("--diff", ConfigSetting.DIFF_ALWAYS),
            Map.entry("--accept-new-host-keys", ConfigSetting.HOST_KEY_CHECKING),
            Map.entry("--vault-password-file", ConfigSetting.VAULT_PASSWORD_FILE));

    private final AnsibleConfig config;

    ConfigDefaults(AnsibleConfig config) {
        this.config = config;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        for (String name : o.names()) {
            ConfigSetting s = BY_OPTION.get(name);
            if (s == null) {
                continue;
            }
            AnsibleConfig.Value v = config.values().get(s);
            if (v == null) {
                return null;
            }
            return switch (s) {
                case HOST_KEY_CHECKING -> String.valueOf(!ConfigSetting.bool(v.text()));
                // the vault code reads ANSIBLE_VAULT_PASSWORD_FILE itself; the file's setting is the default
                case VAULT_PASSWORD_FILE -> v.origin().equals(s.env) ? null : v.text();
                default -> s.kind == ConfigSetting.Kind.BOOLEAN ? String.valueOf(ConfigSetting.bool(v.text())) : v.text();
            };
        }
        return null;
    }
}
