package dev.jplay.modules.files;

import dev.jplay.engine.text.Fnmatch;
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
        return new NamePattern(Fnmatch.compile(text), false);
    }

    boolean matches(String name) {
        return anchoredAtStartOnly ? pattern.matcher(name).lookingAt() : pattern.matcher(name).matches();
    }
}
