package dev.jplay.modules.flow;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateString;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's {@code set_fact}: every option is a variable to set on the host for the rest of the
 * run. As in Ansible, the strings true/false/yes/no (any case) become booleans, and a key may be
 * an expression ({@code "{{ name }}_port": 80}). Never changed; works the same in check mode.
 */
public final class SetFactModule implements Module {

    static final String CACHEABLE = "cacheable";

    private static final ModuleSpec SPEC = ModuleSpec.builder("set_fact")
            .describe("Sets host variables (facts) from its options: each key is a variable name, each value its value.")
            .anyOptions()
            .option(OptionSpec.of(CACHEABLE, OptionType.BOOL, "Accepted for Ansible compatibility; jplay keeps no fact cache.")
                    .defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (var e : ctx.args().asMap().entrySet()) {
            if (e.getKey().equals(CACHEABLE)) {
                continue;
            }
            String name = renderKey(ctx, e.getKey());
            if (!isIdentifier(name)) {
                throw new ModuleFailure("The variable name '" + name + "' is not valid. Variables must start with a letter or "
                        + "underscore character, and contain only letters, numbers and underscores.");
            }
            facts.put(name, boolWords(e.getValue()));
        }
        if (facts.isEmpty()) {
            throw new ModuleFailure("No key/value pairs provided, at least one is required for this action to succeed");
        }
        ModuleResult.Builder result = ModuleResult.ok().value("ansible_facts", facts);
        facts.forEach(result::fact);
        return result.build();
    }

    private static String renderKey(ModuleContext ctx, String key) throws ModuleFailure {
        if (!TemplateString.hasExpressions(key)) {
            return key;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (TemplateString.Part p : TemplateString.parse(key)) {
                if (p instanceof TemplateString.Literal l) {
                    sb.append(l.text());
                } else {
                    sb.append(Expressions.toText(ctx.evaluate(((TemplateString.Expr) p).expression())));
                }
            }
        } catch (RuntimeException ex) {
            throw new ModuleFailure("cannot render the variable name '" + key + "': " + ex.getMessage());
        }
        return sb.toString();
    }

    /** Python's str.isidentifier(), closely enough: a letter or _ then letters, digits or _. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }

    private static Object boolWords(Object v) {
        if (v instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> {
                    return Boolean.TRUE;
                }
                case "false", "no" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return v;
                }
            }
        }
        return v;
    }
}
