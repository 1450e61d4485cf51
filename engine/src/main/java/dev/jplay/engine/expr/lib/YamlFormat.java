package dev.jplay.engine.expr.lib;

import dev.jplay.engine.json.JsonWriter;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** YAML written as PyYAML's yaml.dump writes it for Ansible (sorted keys, YAML 1.1 quoting), and read as its loader reads it. */
final class YamlFormat {
    private YamlFormat() {
    }

    /**
     * yaml.dump(value, allow_unicode=True, ...): {@code flow} null is PyYAML's default_flow_style=None
     * (collections of scalars inline), false block style everywhere.
     */
    static String dump(Object value, Boolean flow, int indent, int width, boolean sortKeys, boolean explicitStart) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(flow == null ? FlowStyle.AUTO : flow ? FlowStyle.FLOW : FlowStyle.BLOCK)
                .setIndent(indent)
                .setWidth(width)
                .setExplicitStart(explicitStart)
                .setSchema(new Yaml11Schema())
                .setUseUnicodeEncoding(true)
                .build();
        return new Dump(settings, new PyRepresenter(settings)).dumpToString(prepare(value, sortKeys));
    }

    private static Object prepare(Object v, boolean sortKeys) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = sortKeys ? new TreeMap<>() : new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), prepare(x, sortKeys)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(prepare(x, sortKeys)));
            return out;
        }
        return v;
    }

    /** PyYAML's float representation: repr lower-cased, '.0' added to exponent forms, .inf and .nan. */
    private static final class PyRepresenter extends StandardRepresenter {
        PyRepresenter(DumpSettings settings) {
            super(settings);
            // PyYAML lets the emitter choose the style of every string (no literal blocks for multi-line text)
            representers.put(String.class, data -> representScalar(Tag.STR, (String) data));
            representers.put(Double.class, data -> {
                double d = (Double) data;
                String text;
                if (Double.isNaN(d)) {
                    text = ".nan";
                } else if (Double.isInfinite(d)) {
                    text = d > 0 ? ".inf" : "-.inf";
                } else {
                    text = JsonWriter.write(d).toLowerCase();
                    if (!text.contains(".") && text.contains("e")) {
                        text = text.replaceFirst("e", ".0e");
                    }
                }
                return representScalar(Tag.FLOAT, text);
            });
        }
    }

    /** yaml.safe_load with YAML 1.1 types; every document when {@code all}. */
    static Object load(String text, boolean all) {
        LoadSettings settings = LoadSettings.builder().setSchema(new Yaml11Schema()).setLabel("from_yaml").build();
        try {
            if (all) {
                List<Object> docs = new ArrayList<>();
                new Load(settings).loadAllFromString(text).forEach(docs::add);
                return docs;
            }
            return normalize(new Load(settings).loadFromString(text));
        } catch (YamlEngineException e) {
            throw new FilterError("from_yaml: the text is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k == null ? "None" : k instanceof String s ? s : dev.jplay.engine.expr.value.PyValues.str(k), normalize(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }
}
