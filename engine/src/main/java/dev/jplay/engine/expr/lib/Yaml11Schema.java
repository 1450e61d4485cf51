package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YAML 1.1's implicit types as PyYAML (and so Ansible) resolves them: yes/no/on/off are booleans, 0755
 * is octal, 1_000 an int, a float needs a dot (1e3 is text), dates are timestamps. Used to read
 * from_yaml input and, when writing, to quote the strings PyYAML would quote.
 */
final class Yaml11Schema implements Schema {
    static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");
    /** '<<' (a merge key in YAML 1.1): quoted when written; read as the text '<<' (merging is not done). */
    static final Tag MERGE_TAG = new Tag(Tag.PREFIX + "merge");
    static final Tag VALUE_TAG = new Tag(Tag.PREFIX + "value");
    private static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP_RE = Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
    private static final Pattern MERGE = Pattern.compile("<<");

    static final ScalarResolver RESOLVER = (value, implicit) -> {
        if (!implicit) {
            return Tag.STR;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        if (FLOAT.matcher(value).matches()) {
            return Tag.FLOAT;
        }
        if (NULL.matcher(value).matches()) {
            return Tag.NULL;
        }
        if (TIMESTAMP_RE.matcher(value).matches()) {
            return TIMESTAMP;
        }
        if (MERGE.matcher(value).matches()) {
            return MERGE_TAG;
        }
        // PyYAML's "value" type: a lone '=' is never plain
        return value.equals("=") ? VALUE_TAG : Tag.STR;
    };

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return Map.of(Tag.BOOL, node -> bool(text(node)), Tag.INT, node -> integer(text(node)), Tag.FLOAT, node -> floating(text(node)),
                Tag.NULL, node -> null, TIMESTAMP, Yaml11Schema::text, MERGE_TAG, Yaml11Schema::text, VALUE_TAG, Yaml11Schema::text, Tag.STR, Yaml11Schema::text);
    }

    private static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    private static Object bool(String v) {
        String t = v.toLowerCase(Locale.ROOT);
        return t.equals("yes") || t.equals("true") || t.equals("on");
    }

    /** PyYAML's construct_yaml_int: _ dropped, 0b/0x/0 prefixes, base-60 with ':'. */
    static Object integer(String v) {
        String s = v.replace("_", "");
        int sign = 1;
        if (s.startsWith("-")) {
            sign = -1;
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger n;
        if (s.equals("0")) {
            n = BigInteger.ZERO;
        } else if (s.startsWith("0b")) {
            n = new BigInteger(s.substring(2), 2);
        } else if (s.startsWith("0x")) {
            n = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0")) {
            n = new BigInteger(s, 8);
        } else if (s.contains(":")) {
            n = BigInteger.ZERO;
            for (String part : s.split(":")) {
                n = n.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            n = new BigInteger(s);
        }
        return PyValues.normalizeInt(sign < 0 ? n.negate() : n);
    }

    static Object floating(String v) {
        String s = v.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = 1;
        if (s.startsWith("-")) {
            sign = -1;
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (s.equals(".nan")) {
            return Double.NaN;
        }
        if (s.contains(":")) {
            double total = 0;
            for (String part : s.split(":")) {
                total = total * 60 + Double.parseDouble(part);
            }
            return sign * total;
        }
        return sign * Double.parseDouble(s);
    }
}
