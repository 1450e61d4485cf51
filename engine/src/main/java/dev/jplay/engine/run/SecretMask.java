package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blanks out the values of a task's secret options (and its become password) wherever its result
 * repeats them: message, return values, warnings, and the before/after of diffs (copy's content is secret:
 * {@code -D} shows that the file changes, never what the content is). Values shorter than
 * {@link #MIN_LENGTH} are not masked: masking "1" or "ab" everywhere would garble output and hide
 * nothing worth hiding.
 */
record SecretMask(List<String> secrets) {
    static final String MASK = "********";
    static final int MIN_LENGTH = 4;
    static final SecretMask NONE = new SecretMask(List.of());

    static SecretMask of(ModuleSpec spec, ModuleArgs args, Become become) {
        List<String> secrets = new ArrayList<>();
        for (OptionSpec o : spec.options().values()) {
            if (o.secret() && args.raw(o.name()) != null) {
                secrets.add(String.valueOf(args.raw(o.name())));
            }
        }
        if (become.hasPassword()) {
            secrets.add(become.password());
        }
        secrets.removeIf(s -> s.strip().length() < MIN_LENGTH);
        // longest first, so a secret that contains another is masked whole
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets.isEmpty() ? NONE : new SecretMask(List.copyOf(secrets));
    }

    ModuleResult apply(ModuleResult r) {
        if (secrets.isEmpty()) {
            return r;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) mask(r.values());
        List<dev.jplay.engine.spi.FileDiff> diffs = r.diffs().stream().map(d -> new dev.jplay.engine.spi.FileDiff(d.beforeHeader(),
                d.before() == null ? null : mask(d.before()), d.afterHeader(), d.after() == null ? null : mask(d.after()))).toList();
        return new ModuleResult(r.changed(), r.failed(), r.skipped(), mask(r.msg()), values, diffs, r.facts(),
                r.warnings().stream().map(this::mask).toList());
    }

    String mask(String s) {
        String out = s;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private Object mask(Object v) {
        if (v instanceof String s) {
            return mask(s);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, mask(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(mask(x)));
            return out;
        }
        return v;
    }
}
