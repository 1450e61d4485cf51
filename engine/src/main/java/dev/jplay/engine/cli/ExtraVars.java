package dev.jplay.engine.cli;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.playbook.KeyValueText;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -e}: {@code k=v k2=v2}, a JSON or YAML mapping, or {@code @file}; later ones win. */
final class ExtraVars {
    private ExtraVars() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(List<String> args, Path cwd) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : args) {
            String s = a.strip();
            if (s.startsWith("@")) {
                Path f = cwd.resolve(s.substring(1));
                if (!java.nio.file.Files.exists(f)) {
                    throw new java.io.UncheckedIOException("the vars file " + s.substring(1) + " (-e " + s + ") could not be found",
                            new java.nio.file.NoSuchFileException(f.toString()));
                }
                YamlNode n = YamlReader.read(f);
                if (n != null && !(n instanceof YamlNode.MapNode)) {
                    throw new InputError(n.location(), "-e @file must hold a mapping of variables, not " + n.kind());
                }
                if (n != null) {
                    out.putAll((Map<String, Object>) n.toJava());
                }
            } else if (s.startsWith("{")) {
                YamlNode n = YamlReader.parse(s, Path.of("-e"));
                if (!(n instanceof YamlNode.MapNode)) {
                    throw new InputError(SourceLocation.of(Path.of("-e")), "-e {...} must be a mapping");
                }
                out.putAll((Map<String, Object>) n.toJava());
            } else {
                out.putAll(keyValues(s));
            }
        }
        return out;
    }

    /** {@code k=v k2="v 2"}, read as module options are (Ansible's parse_kv). */
    private static Map<String, Object> keyValues(String s) {
        try {
            return KeyValueText.pairs(s);
        } catch (IllegalArgumentException e) {
            throw new InputError(null, "-e", e.getMessage());
        }
    }
}
