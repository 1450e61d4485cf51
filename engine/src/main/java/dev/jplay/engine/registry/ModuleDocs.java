package dev.jplay.engine.registry;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.ReturnValue;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module's spec with its EXAMPLES and RETURN documentation. A spec that declares none gets them from
 * its jar's {@code META-INF/jplay/docs/NAME.yml} ({@code examples:} a YAML text of tasks, {@code returns:}
 * a mapping of name to type, returned and description), so long prose stays out of the module's code.
 */
public final class ModuleDocs {
    private ModuleDocs() {
    }

    public static ModuleSpec of(Module module) {
        ModuleSpec spec = module.spec();
        if (!spec.examples().isEmpty() || !spec.returns().isEmpty()) {
            return spec;
        }
        String resource = "META-INF/jplay/docs/" + spec.name() + ".yml";
        ClassLoader loader = module.getClass().getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return spec;
            }
            YamlNode n = YamlReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(resource));
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = n == null ? Map.of() : (Map<String, Object>) n.toJava();
            List<ReturnValue> returns = new ArrayList<>();
            if (doc.get("returns") instanceof Map<?, ?> rs) {
                rs.forEach((name, v) -> {
                    Map<?, ?> m = v instanceof Map<?, ?> mm ? mm : Map.of();
                    returns.add(new ReturnValue(String.valueOf(name), text(m.get("type")), text(m.get("returned")), text(m.get("description"))));
                });
            }
            return spec.withDocs(text(doc.get("examples")), returns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
