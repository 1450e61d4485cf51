package dev.jplay.engine.spi;

import java.util.List;

/**
 * One option of a module.
 *
 * @param secret the value is never shown in output, errors or reports (passwords, tokens)
 */
public record OptionSpec(String name, OptionType type, boolean required, Object defaultValue, List<String> choices,
                         List<String> aliases, String description, boolean secret) {

    public OptionSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? "" : description;
    }

    public static OptionSpec of(String name, OptionType type, String description) {
        return new OptionSpec(name, type, false, null, null, null, description, false);
    }

    public OptionSpec asRequired() {
        return new OptionSpec(name, type, true, defaultValue, choices, aliases, description, secret);
    }

    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, type, required, value, choices, aliases, description, secret);
    }

    public OptionSpec choices(String... values) {
        return new OptionSpec(name, type, required, defaultValue, List.of(values), aliases, description, secret);
    }

    public OptionSpec aliases(String... names) {
        return new OptionSpec(name, type, required, defaultValue, choices, List.of(names), description, secret);
    }

    public OptionSpec asSecret() {
        return new OptionSpec(name, type, required, defaultValue, choices, aliases, description, true);
    }
}
