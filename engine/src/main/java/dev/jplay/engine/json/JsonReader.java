package dev.jplay.engine.json;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

/**
 * Reads JSON (a host's command output, an HTTP response) into maps, lists, strings, numbers,
 * booleans and null. JSON is YAML, so snakeyaml-engine reads it, with the JSON schema (only JSON's
 * own literals are typed) and, as Python's json module does, the last of duplicate keys winning.
 */
public final class JsonReader {
    private JsonReader() {
    }

    /** JSON that could not be read; the message is the parser's first line. */
    public static final class JsonError extends Exception {
        JsonError(String message) {
            super(message);
        }
    }

    /** The value of {@code json}, or null for blank text. */
    public static Object parse(String json, String what) throws JsonError {
        if (json == null || json.isBlank()) {
            return null;
        }
        LoadSettings settings = LoadSettings.builder().setSchema(new JsonSchema()).setAllowDuplicateKeys(true).setLabel(what).build();
        try {
            // YAML refuses tabs where JSON allows them as whitespace; inside a JSON string a raw tab is invalid anyway
            return new Load(settings).loadFromString(json.replace('\t', ' '));
        } catch (YamlEngineException e) {
            throw new JsonError(firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
