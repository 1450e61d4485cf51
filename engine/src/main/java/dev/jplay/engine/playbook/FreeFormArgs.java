package dev.jplay.engine.playbook;

import dev.jplay.engine.spi.ModuleSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's string form of a module's options: {@code copy: src=a dest=b} and, for free-form modules,
 * {@code shell: echo hi creates=/tmp/x} where known {@code key=value} words become options and the
 * rest is the command, kept exactly as written. Words are read by {@link KeyValueText}, as {@code -e k=v} is.
 */
final class FreeFormArgs {
    private FreeFormArgs() {
    }

    static Map<String, Object> parse(String s, ModuleSpec spec) {
        Map<String, Object> args = new LinkedHashMap<>();
        StringBuilder raw = new StringBuilder();
        int rawFrom = 0;
        for (KeyValueText.Word w : KeyValueText.words(s)) {
            String key = w.key();
            boolean isOption = key != null && (!spec.freeForm() || spec.option(key).isPresent() && !key.equals(ModuleSpec.RAW_PARAMS));
            if (isOption) {
                args.put(key, w.value());
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
}
