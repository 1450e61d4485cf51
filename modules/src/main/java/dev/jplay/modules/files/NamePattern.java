package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.regex.Pattern;

/**
 * A file-name pattern as Ansible's find matches it against a base name: a shell glob with Python's
 * fnmatch rules ({@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}; case-sensitive, {@code *}
 * matches dots and slashes), or with use_regex a Python regexp matched at the start (re.match).
 */
final class NamePattern {
    private final Pattern pattern;
    private final boolean anchoredAtStartOnly;

    private NamePattern(Pattern pattern, boolean anchoredAtStartOnly) {
        this.pattern = pattern;
        this.anchoredAtStartOnly = anchoredAtStartOnly;
    }

    static NamePattern of(String text, boolean regex, String option) throws ModuleFailure {
        if (regex) {
            return new NamePattern(RegexOption.compile(text, option).pattern(), true);
        }
        return new NamePattern(Pattern.compile(globToRegex(text), Pattern.DOTALL), false);
    }

    boolean matches(String name) {
        return anchoredAtStartOnly ? pattern.matcher(name).lookingAt() : pattern.matcher(name).matches();
    }

    /** Python's fnmatch.translate. */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = glob.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (stuff.startsWith("!")) {
                        stuff = "^" + stuff.substring(1);
                    } else if (stuff.startsWith("^")) {
                        stuff = "\\" + stuff;
                    }
                    re.append('[').append(stuff.replace("[", "\\[").replace("&&", "&\\&")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
