package dev.jplay.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates a valid input the way edits and corruption do: byte flips, bytes that mean something to
 * YAML, INI or expressions, line shuffles, deletions and duplications, indentation changes, splices
 * from other seeds, truncation. Each call applies one to four mutations and says which.
 */
final class Mutator {
    /** Bytes and snippets that steer parsers into their corners. */
    private static final String[] TOKENS = {":", "-", " ", "\t", "\n", "{", "}", "[", "]", "\"", "'", "&a", "*a", "!", "|", ">", "#",
        "%", "@", "`", "{{", "}}", "{{ x }}", "<<: *a", "? ", "---", "...", "\\", "=", ",", "[a:z]", "[01:", "${", "<#", ":vars]",
        ":children]", "~", "!!binary ", "!vault |", "0x", "1e999", "-.inf", "null", "~/", "../", "\u0000", "\u00e9", "\uFEFF", "\r"};

    /** Values that keep YAML valid but not what the key expects. */
    private static final String[] VALUES = {"", "~", "null", "yes", "no", "-1", "0", "99999999999999999999", "1.5", ".nan", "0777", "0x1F",
        "[]", "{}", "[1, [2, {a: b}]]", "{a: {b: c}}", "\"{{ x\"", "\"{{ x | default('y') }}\"", "\"{% if x %}\"", "\"{{ x | no_such }}\"", "\"{{ [1, 2] }}\"", "\"{{ {'a': 1} }}\"",
        "'{{ missing }}'", "\"{{ a }}{{ b }}\"", "\"%\"", "\"all:!x\"", "\"~[\"", "!vault x", "!unknown x", "&v 1", "*v",
        "\"\\u0000\"", "\"a\\nb\"", "|\n  text", "2024-01-01", "\"sudo\"", "\"linear\"", "\"50%\""};

    private final Random random;
    private final List<byte[]> corpus;

    Mutator(Random random, List<byte[]> corpus) {
        this.random = random;
        this.corpus = corpus;
    }

    record Mutated(byte[] bytes, List<String> steps) {
    }

    Mutated mutate(byte[] seed) {
        byte[] b = seed;
        List<String> steps = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(13);
            b = switch (kind) {
                case 0 -> flipBit(b, steps);
                case 1 -> insertToken(b, steps);
                case 2 -> replaceByte(b, steps);
                case 3 -> swapLines(b, steps);
                case 4 -> deleteLine(b, steps);
                case 5 -> duplicateLine(b, steps);
                case 6 -> deleteSpan(b, steps);
                case 7 -> duplicateSpan(b, steps);
                case 8 -> reindent(b, steps);
                case 9 -> splice(b, steps);
                case 11, 12 -> replaceValue(b, steps);
                default -> truncate(b, steps);
            };
        }
        return new Mutated(b, steps);
    }

    private byte[] flipBit(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int at = random.nextInt(c.length);
        int bit = random.nextInt(8);
        c[at] ^= (byte) (1 << bit);
        steps.add("flip bit " + bit + " at " + at);
        return c;
    }

    private byte[] insertToken(byte[] b, List<String> steps) {
        String t = TOKENS[random.nextInt(TOKENS.length)];
        int at = random.nextInt(b.length + 1);
        steps.add("insert " + printable(t) + " at " + at);
        return concat(Arrays.copyOfRange(b, 0, at), t.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(b, at, b.length));
    }

    private byte[] replaceByte(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int at = random.nextInt(c.length);
        String special = ":-[]{}\"'\t #&*!|>=";
        byte v = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) special.charAt(random.nextInt(special.length()));
        c[at] = v;
        steps.add("set byte " + at + " to 0x" + Integer.toHexString(v & 0xff));
        return c;
    }

    private List<String> lines(byte[] b) {
        return new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] swapLines(byte[] b, List<String> steps) {
        List<String> l = lines(b);
        int i = random.nextInt(l.size());
        int j = random.nextInt(l.size());
        java.util.Collections.swap(l, i, j);
        steps.add("swap lines " + (i + 1) + " and " + (j + 1));
        return join(l);
    }

    private byte[] deleteLine(byte[] b, List<String> steps) {
        List<String> l = lines(b);
        int i = random.nextInt(l.size());
        l.remove(i);
        steps.add("delete line " + (i + 1));
        return join(l);
    }

    private byte[] duplicateLine(byte[] b, List<String> steps) {
        List<String> l = lines(b);
        int i = random.nextInt(l.size());
        int to = random.nextInt(l.size() + 1);
        l.add(to, l.get(i));
        steps.add("copy line " + (i + 1) + " to " + (to + 1));
        return join(l);
    }

    private byte[] deleteSpan(byte[] b, List<String> steps) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int len = 1 + random.nextInt(Math.min(40, b.length - from));
        steps.add("delete " + len + " bytes at " + from);
        return concat(Arrays.copyOfRange(b, 0, from), Arrays.copyOfRange(b, from + len, b.length));
    }

    private byte[] duplicateSpan(byte[] b, List<String> steps) {
        if (b.length < 2) {
            return b;
        }
        int from = random.nextInt(b.length);
        int len = 1 + random.nextInt(Math.min(80, b.length - from));
        int to = random.nextInt(b.length + 1);
        steps.add("copy " + len + " bytes from " + from + " to " + to);
        return concat(Arrays.copyOfRange(b, 0, to), Arrays.copyOfRange(b, from, from + len), Arrays.copyOfRange(b, to, b.length));
    }

    private byte[] reindent(byte[] b, List<String> steps) {
        List<String> l = lines(b);
        int i = random.nextInt(l.size());
        String line = l.get(i);
        if (random.nextBoolean() && line.startsWith(" ")) {
            l.set(i, line.substring(Math.min(line.length(), 1 + random.nextInt(4))));
            steps.add("dedent line " + (i + 1));
        } else {
            l.set(i, " ".repeat(1 + random.nextInt(4)) + line);
            steps.add("indent line " + (i + 1));
        }
        return join(l);
    }

    private byte[] splice(byte[] b, List<String> steps) {
        byte[] other = corpus.get(random.nextInt(corpus.size()));
        List<String> mine = lines(b);
        List<String> theirs = lines(other);
        int from = random.nextInt(theirs.size());
        int len = 1 + random.nextInt(Math.min(6, theirs.size() - from));
        int to = random.nextInt(mine.size() + 1);
        mine.addAll(to, theirs.subList(from, from + len));
        steps.add("splice " + len + " lines of another seed at line " + (to + 1));
        return join(mine);
    }

    /** Replaces what follows the ": " (or "- ") of a random line with one of {@link #VALUES}. */
    private byte[] replaceValue(byte[] b, List<String> steps) {
        List<String> l = lines(b);
        int i = random.nextInt(l.size());
        String line = l.get(i);
        int at = line.indexOf(": ");
        at = at >= 0 ? at + 2 : line.indexOf("- ") >= 0 ? line.indexOf("- ") + 2 : -1;
        if (at < 0) {
            return b;
        }
        String v = VALUES[random.nextInt(VALUES.length)];
        l.set(i, line.substring(0, at) + new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        steps.add("value of line " + (i + 1) + " := " + printable(v));
        return join(l);
    }

    private byte[] truncate(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        int at = random.nextInt(b.length);
        steps.add("truncate at " + at);
        return Arrays.copyOf(b, at);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static String printable(String t) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : t.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
    }
}
