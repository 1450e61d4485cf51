package dev.jplay.modules.commands;

import dev.jplay.engine.connection.ShellQuote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns argument strings into sh words that the host expands the way Ansible's command module
 * expands its arguments (and its path options) in Python, {@code expanduser(expandvars(arg))}, and
 * nothing else: {@code $NAME} and {@code ${NAME}} become the variable's value when it is set and
 * stay as written when it is not; a leading {@code ~} or {@code ~user} becomes the home folder. No
 * globbing (unless asked for), no word splitting, no command substitution.
 *
 * <p>Set/unset must be told apart, so each variable is read once into a helper shell variable by
 * {@link #prelude()} ({@code __jp_e1=${NAME-'$NAME'}}: an assignment, so the value is never split),
 * and words refer to that helper in double quotes. One quoter serves one script.
 */
public final class ExpandingQuoter {
    /** Python's {@code \$(\w+|\{[^}]*\})} with ASCII word characters. */
    private static final Pattern VAR = Pattern.compile("\\$(\\w+|\\{[^}]*})");
    private static final Pattern SH_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LOGIN_NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");
    /** A glob bracket expression whose content sh reads the same way Python's fnmatch does. */
    private static final Pattern BRACKET = Pattern.compile("\\[!?[A-Za-z0-9._-]+]");

    private final Map<String, String> helpers = new LinkedHashMap<>();

    /** Assignments that must run before any word of this quoter is used; empty when nothing expands. */
    public String prelude() {
        StringBuilder sb = new StringBuilder();
        helpers.forEach((ref, helper) -> sb.append(helper).append("=${").append(nameOf(ref)).append("-'").append(ref).append("'}; "));
        return sb.toString();
    }

    /** One sh word for this argument. */
    public String word(String arg) {
        return build(arg, false);
    }

    /**
     * One sh word for a path pattern: expanded like {@link #word}, with {@code *}, {@code ?} and simple
     * bracket expressions left for sh to match, as Python's {@code glob.glob} would.
     */
    public String globWord(String pattern) {
        return build(pattern, true);
    }

    private String build(String arg, boolean glob) {
        StringBuilder out = new StringBuilder();
        String rest = arg;
        if (rest.startsWith("~")) {
            int slash = rest.indexOf('/');
            String user = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
            if (user.isEmpty() || LOGIN_NAME.matcher(user).matches()) {
                // the tilde prefix and its slash stay unquoted, or sh would not expand them
                out.append('~').append(user).append(slash < 0 ? "" : "/");
                rest = slash < 0 ? "" : rest.substring(slash + 1);
            }
        }
        Matcher m = VAR.matcher(rest);
        int from = 0;
        while (m.find()) {
            String ref = m.group();
            if (!SH_NAME.matcher(nameOf(ref)).matches()) {
                // Python looks such names up in the environment, where they cannot be set; the text stays
                continue;
            }
            out.append(literal(rest.substring(from, m.start()), glob));
            out.append("\"$").append(helpers.computeIfAbsent(ref, r -> "__jp_e" + (helpers.size() + 1))).append('"');
            from = m.end();
        }
        out.append(literal(rest.substring(from), glob));
        return out.isEmpty() ? "''" : out.toString();
    }

    private static String nameOf(String ref) {
        String body = ref.substring(1);
        return body.startsWith("{") ? body.substring(1, body.length() - 1) : body;
    }

    /** Quotes text, leaving glob characters bare when {@code glob} is set. */
    private static String literal(String text, boolean glob) {
        if (text.isEmpty()) {
            return "";
        }
        if (!glob) {
            return ShellQuote.quote(text);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            String bare = null;
            if (c == '*' || c == '?') {
                bare = String.valueOf(c);
            } else if (c == '[') {
                Matcher b = BRACKET.matcher(text).region(i, text.length());
                if (b.lookingAt()) {
                    bare = b.group();
                }
            }
            if (bare == null) {
                plain.append(c);
                i++;
            } else {
                if (!plain.isEmpty()) {
                    out.append(ShellQuote.quote(plain.toString()));
                    plain.setLength(0);
                }
                out.append(bare);
                i += bare.length();
            }
        }
        if (!plain.isEmpty()) {
            out.append(ShellQuote.quote(plain.toString()));
        }
        return out.toString();
    }
}
