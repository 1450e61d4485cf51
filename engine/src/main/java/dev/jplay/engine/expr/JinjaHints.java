package dev.jplay.engine.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * People coming from Ansible write Jinja2. Expressions here are FreeMarker's; when a Jinja-ism is
 * the likely cause of an error, say what to write instead.
 */
final class JinjaHints {
    private static final Map<Pattern, String> HINTS = new LinkedHashMap<>();

    static {
        HINTS.put(Pattern.compile("\\|\\s*default\\s*\\("), "for a default write x!'value' (FreeMarker), not x | default('value')");
        HINTS.put(Pattern.compile("\\bis\\s+defined\\b"), "to test that a variable exists write x?? (FreeMarker), not x is defined");
        HINTS.put(Pattern.compile("\\bis\\s+not\\s+defined\\b|\\bis\\s+undefined\\b"), "to test that a variable is missing write !x??");
        HINTS.put(Pattern.compile("\\s(and|or)\\s"), "FreeMarker writes && and || for 'and' and 'or'");
        HINTS.put(Pattern.compile("(^|[\\s(])not\\s"), "FreeMarker writes !x for 'not x'");
        HINTS.put(Pattern.compile("\\|\\s*length\\b"), "FreeMarker writes x?size for x | length");
        HINTS.put(Pattern.compile("\\|\\s*(int|float)\\b"), "FreeMarker writes x?number for x | int");
        HINTS.put(Pattern.compile("\\|\\s*(lower|upper)\\b"), "FreeMarker writes x?lower_case / x?upper_case");
        HINTS.put(Pattern.compile("\\|\\s*join\\b"), "FreeMarker writes list?join(', ') for list | join(', ')");
        HINTS.put(Pattern.compile("\\|\\s*bool\\b"), "FreeMarker writes x?boolean for x | bool");
        HINTS.put(Pattern.compile("\\|\\s*string\\b"), "FreeMarker writes x?string for x | string");
        HINTS.put(Pattern.compile("\\bTrue\\b|\\bFalse\\b|\\bNone\\b"), "FreeMarker's literals are true, false; there is no None (use x??)");
        HINTS.put(Pattern.compile("\\s+in\\s+"), "FreeMarker writes list?seq_contains(x) for 'x in list'");
    }

    private JinjaHints() {
    }

    private static final Pattern FILTER = Pattern.compile("\\|\\s*(default|d|length|int|float|lower|upper|join|bool|string|trim"
            + "|replace|to_json|to_yaml|to_nice_json|regex_replace|basename|dirname|quote|first|last|list|dict2items|items2dict)\\b");

    /** When the expression uses a Jinja2 filter ({@code x | default(...)}), what to write instead; else null. */
    static String jinjaFilter(String expression) {
        if (!FILTER.matcher(expression).find()) {
            return null;
        }
        String h = hintFor(expression);
        return h.isEmpty() ? "filters are written as built-ins, e.g. x?upper_case, list?join(',')"
                : h.substring(" (hint: ".length(), h.length() - 1);
    }

    /** A hint for this expression, or empty. */
    static String hintFor(String expression) {
        for (var e : HINTS.entrySet()) {
            if (e.getKey().matcher(expression).find()) {
                return " (hint: " + e.getValue() + ")";
            }
        }
        return "";
    }
}
