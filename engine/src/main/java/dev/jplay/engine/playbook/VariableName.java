package dev.jplay.engine.playbook;

import java.util.Set;

/**
 * The names a playbook may give variables (set_fact keys): Python identifiers that are not keywords,
 * as Ansible's {@code isidentifier} requires. Checked at load time when the name is literal.
 */
public final class VariableName {
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private VariableName() {
    }

    /** What is wrong with the name, or null when it is a valid variable name. */
    public static String problem(String name) {
        if (KEYWORDS.contains(name)) {
            return "'" + name + "' is a Python keyword and cannot be a variable name";
        }
        if (!isIdentifier(name)) {
            return "set_fact needs variable names (letters, digits, _, not starting with a digit), not '"
                    + name.replace("\n", "\\n").replace("\0", "\\0") + "'";
        }
        return null;
    }

    /** Python's str.isidentifier(), closely enough: a letter or _ then letters, digits or _. */
    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }
}
