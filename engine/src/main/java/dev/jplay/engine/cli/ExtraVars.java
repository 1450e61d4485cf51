package dev.jplay.engine.cli;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
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

    private static Map<String, Object> keyValues(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new InputError(null, "-e", "expected key=value, JSON, or @file, got '" + s.substring(i) + "'");
            }
            String key = s.substring(i, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InputError(null, "-e", "'" + key + "' is not a valid variable name");
            }
            int j = eq + 1;
            StringBuilder v = new StringBuilder();
            char quote = 0;
            while (j < s.length() && (quote != 0 || !Character.isWhitespace(s.charAt(j)))) {
                char c = s.charAt(j);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    v.append(c);
                }
                j++;
            }
            out.put(key, v.toString());
            i = j;
        }
        return out;
    }
}
