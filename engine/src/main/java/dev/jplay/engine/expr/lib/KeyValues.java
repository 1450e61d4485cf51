package dev.jplay.engine.expr.lib;

import dev.jplay.engine.playbook.KeyValueText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's parse_kv for lookup terms ("key file=x.ini section=s"), read by {@link KeyValueText} as module options are; a quote left open is an error. */
final class KeyValues {
    /** The words that are not k=v, joined by spaces (Ansible's _raw_params), and the pairs. */
    record Parsed(String raw, Map<String, String> pairs) {
    }

    private KeyValues() {
    }

    static Parsed parse(String term) {
        List<String> raw = new ArrayList<>();
        Map<String, String> pairs = new LinkedHashMap<>();
        List<KeyValueText.Word> words;
        try {
            words = KeyValueText.words(term, true);
        } catch (IllegalArgumentException e) {
            throw new FilterError("unbalanced quotes in lookup term: " + term + " (" + e.getMessage() + ")");
        }
        for (KeyValueText.Word w : words) {
            if (w.key() != null) {
                pairs.put(w.key(), w.value());
            } else {
                raw.add(w.text());
            }
        }
        return new Parsed(String.join(" ", raw), pairs);
    }
}
