package dev.jplay.engine.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a module is called and which options it takes. The engine validates every task against
 * this before any host is touched, and {@code jplay doc} prints it.
 *
 * @param name               short name, as in Ansible ({@code copy}); {@code ansible.builtin.copy} also resolves
 * @param aliases            other names ({@code systemd_service} for {@code systemd})
 * @param freeForm           the module takes a free-form string ({@code command: ls -l}); it lands in option {@code _raw_params}
 * @param checkMode          the module can predict its changes in check mode
 * @param mutuallyExclusive  groups of options of which at most one may be given
 * @param requiredOneOf      groups of options of which at least one must be given
 * @param anyOptions         the module also takes options it does not declare, passed through unchanged
 *                           ({@code set_fact}: every key is a variable to set)
 * @param examples           tasks showing the module in use, as YAML (a list of tasks), for {@code jplay doc}'s
 *                           EXAMPLES; "" when there are none
 * @param returns            the values it returns, for {@code jplay doc}'s RETURN VALUES
 * @param notImplemented     options the module's Ansible counterpart takes and jplay does not, each with a note: refused at
 *                           load with a message saying so (never silently ignored)
 */
public record ModuleSpec(String name, List<String> aliases, String description, boolean freeForm, boolean checkMode,
                         Map<String, OptionSpec> options, List<List<String>> mutuallyExclusive,
                         List<List<String>> requiredOneOf, boolean anyOptions, String examples, List<ReturnValue> returns,
                         Map<String, String> notImplemented) {

    public static final String RAW_PARAMS = "_raw_params";

    public ModuleSpec {
        aliases = List.copyOf(aliases);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        mutuallyExclusive = List.copyOf(mutuallyExclusive);
        requiredOneOf = List.copyOf(requiredOneOf);
        examples = examples == null ? "" : examples;
        returns = returns == null ? List.of() : List.copyOf(returns);
        notImplemented = notImplemented == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notImplemented));
    }

    /** A spec without not-implemented options. */
    public ModuleSpec(String name, List<String> aliases, String description, boolean freeForm, boolean checkMode,
                      Map<String, OptionSpec> options, List<List<String>> mutuallyExclusive, List<List<String>> requiredOneOf,
                      boolean anyOptions, String examples, List<ReturnValue> returns) {
        this(name, aliases, description, freeForm, checkMode, options, mutuallyExclusive, requiredOneOf, anyOptions, examples, returns,
                Map.of());
    }

    /** A spec without examples and return values (the form before they existed). */
    public ModuleSpec(String name, List<String> aliases, String description, boolean freeForm, boolean checkMode,
                      Map<String, OptionSpec> options, List<List<String>> mutuallyExclusive, List<List<String>> requiredOneOf,
                      boolean anyOptions) {
        this(name, aliases, description, freeForm, checkMode, options, mutuallyExclusive, requiredOneOf, anyOptions, "", List.of());
    }

    /** This spec with examples and return values (e.g. read from the module jar's docs resource). */
    public ModuleSpec withDocs(String examples, List<ReturnValue> returns) {
        return new ModuleSpec(name, aliases, description, freeForm, checkMode, options, mutuallyExclusive, requiredOneOf, anyOptions,
                examples, returns, notImplemented);
    }

    /** A spec that takes only the options it declares. */
    public ModuleSpec(String name, List<String> aliases, String description, boolean freeForm, boolean checkMode,
                      Map<String, OptionSpec> options, List<List<String>> mutuallyExclusive, List<List<String>> requiredOneOf) {
        this(name, aliases, description, freeForm, checkMode, options, mutuallyExclusive, requiredOneOf, false);
    }

    /** Finds an option by its name or one of its aliases. */
    public Optional<OptionSpec> option(String nameOrAlias) {
        OptionSpec o = options.get(nameOrAlias);
        if (o != null) {
            return Optional.of(o);
        }
        return options.values().stream().filter(s -> s.aliases().contains(nameOrAlias)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a spec fluently: {@code ModuleSpec.builder("copy").describe("...").option(...).build()}. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private String description = "";
        private boolean freeForm;
        private boolean checkMode = true;
        private boolean anyOptions;
        private final Map<String, OptionSpec> options = new LinkedHashMap<>();
        private final List<List<String>> exclusive = new ArrayList<>();
        private final List<List<String>> oneOf = new ArrayList<>();
        private String examples = "";
        private final List<ReturnValue> returns = new ArrayList<>();
        private final Map<String, String> notImplemented = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        public Builder describe(String text) {
            description = text;
            return this;
        }

        public Builder freeForm() {
            freeForm = true;
            options.putIfAbsent(RAW_PARAMS, OptionSpec.of(RAW_PARAMS, OptionType.STR, "the free-form command"));
            return this;
        }

        public Builder noCheckMode() {
            checkMode = false;
            return this;
        }

        /** Accept any option name besides the declared ones; undeclared values are passed through as given. */
        public Builder anyOptions() {
            anyOptions = true;
            return this;
        }

        public Builder option(OptionSpec option) {
            options.put(option.name(), option);
            return this;
        }

        public Builder mutuallyExclusive(String... names) {
            exclusive.add(List.of(names));
            return this;
        }

        public Builder requiredOneOf(String... names) {
            oneOf.add(List.of(names));
            return this;
        }

        /** Example tasks, as YAML (a list of tasks); {@code jplay doc} prints them and a test loads them. */
        public Builder examples(String yaml) {
            examples = yaml;
            return this;
        }

        public Builder returns(String name, String type, String returned, String description) {
            returns.add(new ReturnValue(name, type, returned, description));
            return this;
        }

        /**
         * Options (and their aliases) the Ansible module of this name takes that jplay does not implement: a task that
         * sets one is refused at load, naming it, with {@code note} (e.g. where the option comes from, or what to use).
         */
        public Builder notImplemented(String note, String... names) {
            for (String n : names) {
                notImplemented.put(n, note);
            }
            return this;
        }

        public ModuleSpec build() {
            return new ModuleSpec(name, aliases, description, freeForm, checkMode, options, exclusive, oneOf, anyOptions, examples, returns,
                    notImplemented);
        }
    }
}
