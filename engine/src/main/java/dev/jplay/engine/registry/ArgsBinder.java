package dev.jplay.engine.registry;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a task's options against its module's spec, and binds them for a run. Checking happens at
 * load time on the raw values (a value with {@code {{ }}} is checked after rendering instead);
 * binding maps aliases to names, applies defaults and coerces types.
 */
public final class ArgsBinder {
    private ArgsBinder() {
    }

    /** A problem with one option (or with the option set when {@code option} is null). */
    public record Problem(String option, String message) {
    }

    /** Everything wrong with these options; empty when they are fine. */
    public static List<Problem> check(ModuleSpec spec, Map<String, Object> raw) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> byName = new LinkedHashMap<>();
        for (var e : raw.entrySet()) {
            var opt = spec.option(e.getKey());
            if (opt.isEmpty() && spec.anyOptions()) {
                byName.put(e.getKey(), e.getValue());
                continue;
            }
            if (opt.isEmpty() && spec.notImplemented().containsKey(e.getKey())) {
                String note = spec.notImplemented().get(e.getKey());
                problems.add(new Problem(e.getKey(), "option '" + e.getKey() + "' of module '" + spec.name() + "' is not implemented by "
                        + "jplay" + (note.isEmpty() ? "" : " (" + note + ")") + "; remove it or do that step another way"));
                continue;
            }
            if (opt.isEmpty()) {
                List<String> known = new ArrayList<>(spec.options().keySet());
                known.remove(ModuleSpec.RAW_PARAMS);
                problems.add(new Problem(e.getKey(), "unknown option '" + e.getKey() + "' for module '" + spec.name() + "'"
                        + Suggestions.didYouMean(e.getKey(), allNames(spec)) + "; it takes: " + String.join(", ", known)));
                continue;
            }
            OptionSpec o = opt.get();
            if (byName.containsKey(o.name())) {
                problems.add(new Problem(e.getKey(), "option '" + o.name() + "' is given twice (as '" + e.getKey() + "' and an alias)"));
            }
            byName.put(o.name(), e.getValue());
            Object v = dev.jplay.engine.expr.DataValue.plain(e.getValue());
            if (v == null || Expressions.containsExpression(v) && !(e.getValue() instanceof dev.jplay.engine.expr.DataValue)) {
                continue;
            }
            try {
                Object c = OptionCoercion.coerce(o, v);
                checkChoice(o, c);
                for (String p : suboptionProblems(spec, o.name(), o, c)) {
                    problems.add(new Problem(e.getKey(), p));
                }
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(e.getKey(), ex.getMessage()));
            }
        }
        for (OptionSpec o : spec.options().values()) {
            if (o.required() && !byName.containsKey(o.name())) {
                problems.add(new Problem(null, "module '" + spec.name() + "' requires option '" + o.name() + "'"));
            }
        }
        for (List<String> group : spec.mutuallyExclusive()) {
            List<String> given = group.stream().filter(byName::containsKey).toList();
            if (given.size() > 1) {
                problems.add(new Problem(given.get(1), "options " + String.join(" and ", given) + " cannot be used together"));
            }
        }
        for (List<String> group : spec.requiredOneOf()) {
            if (group.stream().noneMatch(byName::containsKey)) {
                problems.add(new Problem(null, "module '" + spec.name() + "' needs one of: " + String.join(", ", group)));
            }
        }
        return problems;
    }

    /**
     * What is wrong with a dict option's keys (or a list's dict items) against its declared
     * sub-options; values still holding {@code {{ }}} are checked when rendered.
     */
    private static List<String> suboptionProblems(ModuleSpec spec, String path, OptionSpec o, Object value) {
        if (o.suboptions().isEmpty() || value == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                problems.addAll(suboptionProblems(spec, path + "[" + i + "]", o, items.get(i)));
            }
            return problems;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return Expressions.containsExpression(value) ? List.of() : List.of("option '" + path + "' of module '" + spec.name()
                    + "' must be a mapping with the keys " + String.join(", ", o.suboptions().keySet()));
        }
        java.util.Set<String> given = new java.util.HashSet<>();
        for (var e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            var sub = o.suboption(key);
            if (sub.isEmpty()) {
                List<String> names = new ArrayList<>();
                o.suboptions().values().forEach(so -> {
                    names.add(so.name());
                    names.addAll(so.aliases());
                });
                problems.add("unknown key '" + key + "' in option '" + path + "' of module '" + spec.name() + "'"
                        + Suggestions.didYouMean(key, names) + "; it takes: " + String.join(", ", o.suboptions().keySet()));
                continue;
            }
            given.add(sub.get().name());
            Object v = e.getValue();
            if (v == null || Expressions.containsExpression(v)) {
                continue;
            }
            try {
                Object c = OptionCoercion.coerce(sub.get(), v);
                checkChoice(sub.get(), c);
                problems.addAll(suboptionProblems(spec, path + "." + sub.get().name(), sub.get(), c));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage().replaceFirst("^option '", "option '" + path + "."));
            }
        }
        for (OptionSpec so : o.suboptions().values()) {
            if (so.required() && !given.contains(so.name())) {
                problems.add("option '" + path + "' of module '" + spec.name() + "' requires the key '" + so.name() + "'");
            }
        }
        return problems;
    }

    private static List<String> allNames(ModuleSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options().values()) {
            names.add(o.name());
            names.addAll(o.aliases());
        }
        return names;
    }

    private static void checkChoice(OptionSpec o, Object value) {
        if (!o.choices().isEmpty() && value != null && !o.choices().contains(value.toString())) {
            // a secret option's value is never shown, not even to say it is wrong
            throw new IllegalArgumentException("option '" + o.name() + "' must be one of " + String.join(", ", o.choices())
                    + (o.secret() ? ", got (hidden)" : ", got '" + value + "'" + Suggestions.didYouMean(value.toString(), o.choices())));
        }
    }

    /** Binds rendered options: names, defaults, types. Throws IllegalArgumentException naming the option. */
    public static ModuleArgs bind(ModuleSpec spec, Map<String, Object> rendered) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : rendered.entrySet()) {
            if (spec.anyOptions() && spec.option(e.getKey()).isEmpty()) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            OptionSpec o = spec.option(e.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("unknown option '" + e.getKey() + "' for module '" + spec.name() + "'"));
            Object v = OptionCoercion.coerce(o, e.getValue());
            checkChoice(o, v);
            List<String> sub = suboptionProblems(spec, o.name(), o, v);
            if (!sub.isEmpty()) {
                throw new IllegalArgumentException(sub.get(0));
            }
            out.put(o.name(), v);
        }
        for (OptionSpec o : spec.options().values()) {
            if (out.get(o.name()) == null && o.defaultValue() != null) {
                out.put(o.name(), OptionCoercion.coerce(o, o.defaultValue()));
            }
            if (o.required() && out.get(o.name()) == null) {
                throw new IllegalArgumentException("module '" + spec.name() + "' requires option '" + o.name() + "'");
            }
        }
        return new ModuleArgs(out);
    }
}
