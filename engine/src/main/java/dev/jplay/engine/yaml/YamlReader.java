package dev.jplay.engine.yaml;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.vault.VaultSecrets;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML files into {@link YamlNode}s with positions. Refuses what would hurt: duplicate keys,
 * alias bombs, files over {@link #MAX_BYTES}, nesting deeper than {@link #MAX_DEPTH}, more than {@link #MAX_VALUES}
 * values, bytes that are not UTF-8.
 * Vaulted files and {@code !vault} values are decrypted with the run's {@link VaultSecrets} as they are read.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    public static final int MAX_DEPTH = 200;
    /** Scalars, lists and mappings in one file, as written (aliases count once; their expansion has its own budget). */
    public static final int MAX_VALUES = 250_000;
    private static final int MAX_ALIASES = 100;

    private YamlReader() {
    }

    /** The file's single document; an empty file is null. */
    public static YamlNode read(Path file) {
        String text = readText(file);
        return parse(text, file);
    }

    public static String readText(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputError(SourceLocation.of(file), String.format(java.util.Locale.ROOT,
                        "file is %.1f MiB, larger than the %d MiB jplay reads: expected a playbook, inventory or vars file under %d MiB",
                        Files.size(file) / (1024.0 * 1024), MAX_BYTES / (1024 * 1024), MAX_BYTES / (1024 * 1024)));
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputError(SourceLocation.of(file), "file not found");
        } catch (IOException e) {
            throw new InputError(SourceLocation.of(file), "cannot read: " + e.getMessage());
        }
        try {
            // a vaulted file (Ansible Vault) reads as its plaintext
            return VaultSecrets.openFile(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString(), file);
        } catch (CharacterCodingException e) {
            int line = 1;
            int col = 1;
            int bad = firstBadUtf8(bytes);
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw new InputError(new SourceLocation(file, line, col), "the file is not valid UTF-8 (byte 0x"
                    + Integer.toHexString(bytes[bad] & 0xff) + " at offset " + bad + ")");
        }
    }

    /** Offset of the first byte that is not valid UTF-8. */
    private static int firstBadUtf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /** Parses text; {@code file} is only for locations. */
    public static YamlNode parse(String text, Path file) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file == null ? "<input>" : file.toString())
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both places
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_BYTES)
                .build();
        GuardedParser parser = new GuardedParser(new ParserImpl(settings, new StreamReader(settings, text)), file, MAX_DEPTH, MAX_VALUES);
        try {
            Optional<Node> node = new Composer(settings, parser).getSingleNode();
            if (node.isEmpty()) {
                return null;
            }
            return convert(node.get(), file, 0, new AliasBudget(parser.usedAliases()));
        } catch (MarkedYamlEngineException e) {
            throw new InputError(location(file, e.getProblemMark().orElse(e.getContextMark().orElse(null))),
                    "YAML syntax error: " + describe(e));
        } catch (YamlEngineException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.startsWith("Number of aliases")) {
                throw new InputError(parser.lastLocation(), "YAML uses more than " + MAX_ALIASES + " aliases of lists or mappings"
                        + " (an alias bomb?): expected at most " + MAX_ALIASES);
            }
            throw new InputError(parser.lastLocation(), "YAML error: " + msg);
        } catch (StackOverflowError e) {
            throw new InputError(parser.lastLocation(), "YAML is nested too deeply");
        }
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String msg = context.isEmpty() ? problem : context + ", " + problem;
        // "found unexpected end of stream" points at the end of the file; say where the unclosed thing began
        Mark start = e.getContextMark().orElse(null);
        Mark stop = e.getProblemMark().orElse(null);
        if (start != null && stop != null && start.getLine() != stop.getLine()) {
            msg += " (it starts at line " + (start.getLine() + 1) + ", column " + (start.getColumn() + 1) + ")";
        }
        if (problem.contains("\\t") || problem.contains("tab")) {
            msg += " (YAML does not allow tabs for indentation; use spaces)";
        }
        return msg;
    }

    static SourceLocation location(Path file, Mark mark) {
        return mark == null ? SourceLocation.of(file) : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Counts nodes reached through aliases so a "billion laughs" document is refused quickly. */
    private static final class AliasBudget {
        final boolean aliases;
        int nodes;

        AliasBudget(boolean aliases) {
            this.aliases = aliases;
        }
    }

    private static YamlNode convert(Node node, Path file, int depth, AliasBudget budget) {
        if (depth > MAX_DEPTH) {
            throw new InputError(location(file, node.getStartMark().orElse(null)), "YAML is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (++budget.nodes > 1_000_000) {
            throw new InputError(location(file, node.getStartMark().orElse(null)),
                    budget.aliases ? "YAML expands to more than a million nodes through its aliases (an alias bomb?): expected at most"
                            + " a million values" : "YAML holds more than a million values: expected at most a million");
        }
        SourceLocation loc = location(file, node.getStartMark().orElse(null));
        refuseUnknownTag(node, loc);
        if (node instanceof ScalarNode s) {
            return scalar(s, loc);
        }
        if (node instanceof SequenceNode seq) {
            List<YamlNode> items = new ArrayList<>();
            for (Node n : seq.getValue()) {
                items.add(convert(n, file, depth + 1, budget));
            }
            return new YamlNode.Seq(items, loc);
        }
        MappingNode map = (MappingNode) node;
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            SourceLocation kl = location(file, k.getStartMark().orElse(null));
            if (!(k instanceof ScalarNode ks)) {
                throw new InputError(kl, "a mapping key must be a plain value, not " + (k instanceof SequenceNode ? "a list" : "a mapping"));
            }
            String key = ks.getValue();
            if (key.equals("<<") && t.getValueNode() instanceof MappingNode) {
                YamlNode.MapNode merged = (YamlNode.MapNode) convert(t.getValueNode(), file, depth + 1, budget);
                merged.entries().forEach(entries::putIfAbsent);
                merged.keys().forEach(keys::putIfAbsent);
                continue;
            }
            if (keys.containsKey(key)) {
                throw new InputError(kl, "duplicate key '" + key + "' (first defined at line " + keys.get(key).line() + ")");
            }
            keys.put(key, kl);
            entries.put(key, convert(t.getValueNode(), file, depth + 1, budget));
        }
        return new YamlNode.MapNode(entries, keys, loc);
    }

    /** Local tags jplay gives a meaning to; any other local tag is refused, as Ansible refuses it. */
    private static final java.util.Set<String> LOCAL_TAGS = java.util.Set.of("!vault", "!vault-encrypted", YamlNode.Scalar.UNSAFE);

    /**
     * Refuses tags that would be ignored silently: {@code !!python/...} (PyYAML's object tags, which Ansible's
     * safe loader refuses too) and unknown local tags such as {@code !foo}.
     */
    private static void refuseUnknownTag(Node node, SourceLocation loc) {
        String tag = node.getTag().getValue();
        if (tag.startsWith(Tag.PREFIX + "python/")) {
            throw new InputError(loc, "the YAML tag '!!" + tag.substring(Tag.PREFIX.length())
                    + "' is not allowed: expected plain YAML values (Python object tags are never constructed)");
        }
        boolean local = tag.startsWith("!") && !tag.startsWith("!!");
        if (local && (!(node instanceof ScalarNode) || !LOCAL_TAGS.contains(tag))) {
            throw new InputError(loc, "unknown YAML tag '" + tag + "': expected a plain value, !unsafe or !vault"
                    + (node instanceof ScalarNode ? "" : " (on a single value)"));
        }
    }

    private static YamlNode.Scalar scalar(ScalarNode s, SourceLocation loc) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (v.indexOf('\0') >= 0) {
            // no file name, command or setting can hold one, and Java's paths refuse it
            throw new InputError(loc, "a NUL character (\\0) is not allowed in a value");
        }
        String local = tag.getValue().startsWith("!") && !tag.getValue().startsWith("!!") ? tag.getValue() : null;
        if ("!vault".equals(local) || "!vault-encrypted".equals(local)) {
            return new YamlNode.Scalar(VaultSecrets.openValue(v, loc), null, loc);
        }
        if (local != null || s.isPlain() == false && (tag.equals(Tag.STR) || !tag.getValue().startsWith(Tag.PREFIX))) {
            return new YamlNode.Scalar(v, local, loc);
        }
        Object value;
        if (tag.equals(Tag.NULL)) {
            value = null;
        } else if (tag.equals(Tag.BOOL)) {
            value = Boolean.parseBoolean(v.toLowerCase());
        } else if (tag.equals(Tag.INT) && v.matches("[-+]?0[0-9_]*[89][0-9_]*")) {
            value = v; // YAML 1.1, as Ansible reads it: 0888 is neither octal nor decimal, so text
        } else if (tag.equals(Tag.INT)) {
            value = parseInt(v);
        } else if (tag.equals(Tag.FLOAT)) {
            value = parseFloat(v);
        } else {
            value = v;
        }
        return new YamlNode.Scalar(value, null, loc);
    }

    private static Object parseInt(String v) {
        String s = v.replace("_", "");
        int radix = 10;
        boolean neg = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0") && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
            // YAML 1.1, as Ansible reads playbooks: 0644 is octal (mode: 0644 means rw-r--r--)
            radix = 8;
        }
        try {
            long l = Long.parseLong(s, radix) * (neg ? -1 : 1);
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
        } catch (NumberFormatException e) {
            return new java.math.BigInteger(s, radix).multiply(java.math.BigInteger.valueOf(neg ? -1 : 1));
        }
    }

    private static Object parseFloat(String v) {
        String s = v.toLowerCase();
        return switch (s) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
