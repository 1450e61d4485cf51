package dev.jplay.engine.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One option of a module.
 *
 * @param secret     the value is never shown in output, errors or reports (passwords, tokens)
 * @param suboptions for a DICT option (or a LIST of dicts): the keys it takes, each an option of its
 *                   own, checked at load like the module's options; empty when its keys are free
 */
public record OptionSpec(String name, OptionType type, boolean required, Object defaultValue, List<String> choices,
                         List<String> aliases, String description, boolean secret, Map<String, OptionSpec> suboptions) {

    public OptionSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? "" : description;
        suboptions = suboptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(suboptions));
    }

    /** An option without sub-options (the form before sub-options existed). */
    public OptionSpec(String name, OptionType type, boolean required, Object defaultValue, List<String> choices,
                      List<String> aliases, String description, boolean secret) {
        this(name, type, required, defaultValue, choices, aliases, description, secret, Map.of());
    }

    public static OptionSpec of(String name, OptionType type, String description) {
        return new OptionSpec(name, type, false, null, null, null, description, false);
    }

    public OptionSpec asRequired() {
        return new OptionSpec(name, type, true, defaultValue, choices, aliases, description, secret, suboptions);
    }

    public OptionSpec defaultValue(Object value) {
        return new OptionSpec(name, type, required, value, choices, aliases, description, secret, suboptions);
    }

    public OptionSpec choices(String... values) {
        return new OptionSpec(name, type, required, defaultValue, List.of(values), aliases, description, secret, suboptions);
    }

    public OptionSpec aliases(String... names) {
        return new OptionSpec(name, type, required, defaultValue, choices, List.of(names), description, secret, suboptions);
    }

    public OptionSpec asSecret() {
        return new OptionSpec(name, type, required, defaultValue, choices, aliases, description, true, suboptions);
    }

    /** The keys this dict option takes ({@code build: {file: ..., format: ...}}); any other key is refused at load. */
    public OptionSpec suboptions(OptionSpec... options) {
        Map<String, OptionSpec> m = new LinkedHashMap<>();
        for (OptionSpec o : options) {
            m.put(o.name(), o);
        }
        return new OptionSpec(name, type, required, defaultValue, choices, aliases, description, secret, m);
    }

    /** Finds a sub-option by its name or one of its aliases. */
    public java.util.Optional<OptionSpec> suboption(String nameOrAlias) {
        OptionSpec o = suboptions.get(nameOrAlias);
        if (o != null) {
            return java.util.Optional.of(o);
        }
        return suboptions.values().stream().filter(s -> s.aliases().contains(nameOrAlias)).findFirst();
    }
}
