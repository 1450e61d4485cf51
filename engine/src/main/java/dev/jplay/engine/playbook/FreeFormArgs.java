package dev.jplay.engine.playbook;

import dev.jplay.engine.spi.ModuleSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's string form of a module's options: {@code copy: src=a dest=b} and, for free-form modules,
 * {@code shell: echo hi creates=/tmp/x} where known {@code key=value} words become options and the
 * rest is the command, kept exactly as written.
 */
final class FreeFormArgs {
    private FreeFormArgs() {
    }

    /** A word of the string and where it starts and ends. */
    private record Word(String text, int start, int end) {
    }

    static Map<String, Object> parse(String s, ModuleSpec spec) {
        Map<String, Object> args = new LinkedHashMap<>();
        List<Word> words = split(s);
        StringBuilder raw = new StringBuilder();
        int rawFrom = 0;
        for (Word w : words) {
            int eq = w.text().indexOf('=');
            String key = eq > 0 ? w.text().substring(0, eq) : null;
            boolean isOption = key != null && key.matches("[A-Za-z_][A-Za-z0-9_]*")
                    && (!spec.freeForm() || spec.option(key).isPresent() && !key.equals(ModuleSpec.RAW_PARAMS));
            if (isOption) {
                args.put(key, unquote(w.text().substring(eq + 1)));
                raw.append(s, rawFrom, w.start());
                rawFrom = w.end();
            }
        }
        raw.append(s.substring(rawFrom));
        String rest = raw.toString().strip();
        if (!rest.isEmpty()) {
            // for a module that is not free-form this is reported as an unknown option by the validator
            args.put(ModuleSpec.RAW_PARAMS, rest);
        }
        return args;
    }

    private static List<Word> split(String s) {
        List<Word> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            char quote = 0;
            int braces = 0;
            while (i < s.length() && (quote != 0 || braces > 0 || !Character.isWhitespace(s.charAt(i)))) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote == '"') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (s.startsWith("{{", i)) {
                    braces++;
                    i++;
                } else if (s.startsWith("}}", i) && braces > 0) {
                    braces--;
                    i++;
                }
                i++;
            }
            out.add(new Word(s.substring(start, Math.min(i, s.length())), start, Math.min(i, s.length())));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
