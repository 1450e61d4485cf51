package dev.jplay.engine.connection.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where SSH looks for its per-user files and secrets: the home directory (for {@code ~/.ssh}), the
 * process environment ({@code JPLAY_SSH_KEY_PASSPHRASE}), the local user name (OpenSSH's default
 * remote user), the system-wide known_hosts files, and who to ask for a key passphrase. Tests pass
 * a temporary home so the machine's own {@code ~/.ssh} cannot change their outcome.
 */
public record SshEnvironment(Path home, Map<String, String> env, String localUser, List<Path> globalKnownHosts,
                             SecretPrompt prompt) {

    public static final String PASSPHRASE_VARIABLE = "JPLAY_SSH_KEY_PASSPHRASE";

    public SshEnvironment {
        env = Map.copyOf(env);
        globalKnownHosts = List.copyOf(globalKnownHosts);
        prompt = prompt == null ? SecretPrompt.NONE : prompt;
    }

    /** This process: {@code user.home}, {@code System.getenv()}, /etc/ssh/ssh_known_hosts, the console. */
    public static SshEnvironment current() {
        return new SshEnvironment(Path.of(System.getProperty("user.home")), System.getenv(),
                System.getProperty("user.name"), List.of(Path.of("/etc/ssh/ssh_known_hosts")), SecretPrompt.console());
    }

    /** An isolated environment for tests: {@code home} instead of the real one, no globals, no prompt. */
    public static SshEnvironment isolated(Path home) {
        return new SshEnvironment(home, Map.of(), System.getProperty("user.name"), List.of(), SecretPrompt.NONE);
    }

    public SshEnvironment withEnv(Map<String, String> newEnv) {
        return new SshEnvironment(home, newEnv, localUser, globalKnownHosts, prompt);
    }

    public SshEnvironment withPrompt(SecretPrompt newPrompt) {
        return new SshEnvironment(home, env, localUser, globalKnownHosts, newPrompt);
    }

    Path sshDir() {
        return home.resolve(".ssh");
    }
}
