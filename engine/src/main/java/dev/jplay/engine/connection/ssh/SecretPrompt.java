package dev.jplay.engine.connection.ssh;

import java.io.Console;
import java.util.Optional;

/** Asks a person for a secret (a key passphrase). Injected so tests need no terminal. */
@FunctionalInterface
public interface SecretPrompt {

    /** The typed secret, or empty when nobody can be asked (no terminal). */
    Optional<char[]> ask(String prompt);

    SecretPrompt NONE = prompt -> Optional.empty();

    /** Prompts on the process's terminal, if it has one. */
    static SecretPrompt console() {
        return prompt -> {
            Console c = System.console();
            return c == null ? Optional.empty() : Optional.ofNullable(c.readPassword("%s", prompt));
        };
    }
}
