package dev.jplay.modules.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * wait_for's {@code search_regex}, written as in Ansible (a Python regular expression), matched on
 * the host with {@code grep -E}, line by line. The common Perl-style shorthands are translated to
 * POSIX classes ({@code \d}, {@code \s}, {@code \w} and their negations, {@code (?:...)},
 * {@code (?P<name>...)}, lazy quantifiers, which do not change whether a line matches); features
 * grep cannot match (look-around, back-references, {@code \n}) are refused with a clear message.
 * The groups of the match are then taken, in the controller, from the matching line.
 *
 * @param grep       the pattern for {@code grep -E}
 * @param local      the pattern for Java, to read the groups out of the matching line
 * @param groupNames Python's group names, in order; in {@code local} the n-th is called {@code jpN}
 *                   (Java's names allow no underscore)
 */
public record SearchPattern(String source, String grep, Pattern local, List<String> groupNames) {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>");
    private static final Pattern NAMED_REF = Pattern.compile("\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)");

    public SearchPattern {
        groupNames = List.copyOf(groupNames);
    }

    /** Translates; throws IllegalArgumentException saying what cannot be matched on the host. */
    public static SearchPattern of(String python) {
        if (NAMED_REF.matcher(python).find()) {
            throw unsupported(python, "(?P=...)");
        }
        List<String> names = new ArrayList<>();
        Matcher m = NAMED_GROUP.matcher(python);
        StringBuilder java = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(java, Matcher.quoteReplacement("(?<jp" + names.size() + ">"));
        }
        m.appendTail(java);
        Pattern local;
        try {
            local = Pattern.compile(java.toString(), Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid regular expression: " + e.getDescription() + " in '" + python + "'");
        }
        return new SearchPattern(python, toGrep(python), local, names);
    }

    private static String toGrep(String re) {
        StringBuilder out = new StringBuilder();
        boolean inBracket = false;
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char e = re.charAt(i + 1);
                String mapped = inBracket ? insideBracket(e, re) : outsideBracket(e, re);
                out.append(mapped);
                i += 2;
                continue;
            }
            if (inBracket) {
                if (c == ']' && !bracketJustOpened(out)) {
                    inBracket = false;
                }
                out.append(c);
                i++;
                continue;
            }
            if (c == '[') {
                inBracket = true;
                out.append(c);
                i++;
                if (i < re.length() && re.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                continue;
            }
            if (c == '(' && re.startsWith("(?", i)) {
                if (re.startsWith("(?:", i)) {
                    out.append('(');
                    i += 3;
                    continue;
                }
                Matcher m = NAMED_GROUP.matcher(re).region(i, re.length());
                if (m.lookingAt()) {
                    out.append('(');
                    i = m.end();
                    continue;
                }
                throw unsupported(re, re.substring(i, Math.min(i + 3, re.length())));
            }
            if ((c == '?' || c == '+') && i > 0 && isQuantifierEnd(re, i)) {
                // lazy or possessive marker after a quantifier: irrelevant for "does the line match"
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** True when re[i] follows a quantifier (*, +, ?, }) and so marks it lazy/possessive. */
    private static boolean isQuantifierEnd(String re, int i) {
        char prev = re.charAt(i - 1);
        boolean escaped = i >= 2 && re.charAt(i - 2) == '\\';
        return !escaped && (prev == '*' || prev == '+' || prev == '?' || prev == '}');
    }

    private static boolean bracketJustOpened(StringBuilder out) {
        int n = out.length();
        return out.charAt(n - 1) == '[' || out.charAt(n - 1) == '^' && n >= 2 && out.charAt(n - 2) == '[';
    }

    private static String outsideBracket(char e, String re) {
        return switch (e) {
            case 'd' -> "[0-9]";
            case 'D' -> "[^0-9]";
            case 's' -> "[[:space:]]";
            case 'S' -> "[^[:space:]]";
            case 'w' -> "[[:alnum:]_]";
            case 'W' -> "[^[:alnum:]_]";
            case 't' -> "\t";
            case 'b', 'B' -> "\\" + e;
            case 'n', 'r', 'A', 'Z', 'z', 'G' -> throw unsupported(re, "\\" + e);
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    throw unsupported(re, "\\" + e);
                }
                yield "\\" + e;
            }
        };
    }

    private static String insideBracket(char e, String re) {
        return switch (e) {
            case 'd' -> "0-9";
            case 's' -> "[:space:]";
            case 'w' -> "[:alnum:]_";
            case 't' -> "\t";
            case ']' -> throw unsupported(re, "\\] inside [...] (put ] first instead)");
            case '-' -> throw unsupported(re, "\\- inside [...] (put - last instead)");
            case 'D', 'S', 'W', 'n', 'r' -> throw unsupported(re, "\\" + e + " inside [...]");
            // a bracket expression has no escapes: \\ is a backslash, \- \. \^ are the characters themselves
            case '\\' -> "\\";
            default -> String.valueOf(e);
        };
    }

    private static IllegalArgumentException unsupported(String re, String what) {
        return new IllegalArgumentException("search_regex '" + re + "' uses " + what
                + ", which grep -E on the host cannot match line by line; use a pattern for one line without it");
    }

    /** Python's {@code match.groups()} of the first match in this line (empty when Java reads the line differently). */
    public List<String> groups(String line) {
        Matcher m = local.matcher(line);
        List<String> groups = new ArrayList<>();
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.add(m.group(g));
            }
        }
        return groups;
    }

    /** Python's {@code match.groupdict()}: the named groups of the first match in this line. */
    public Map<String, String> namedGroups(String line) {
        Map<String, String> named = new LinkedHashMap<>();
        Matcher m = local.matcher(line);
        if (m.find()) {
            for (int i = 0; i < groupNames.size(); i++) {
                named.put(groupNames.get(i), m.group("jp" + (i + 1)));
            }
        }
        return named;
    }
}
