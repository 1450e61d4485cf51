package dev.jplay.modules.files;

import dev.jplay.engine.regex.PythonRegex;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.regex.Matcher;

/** A module option written as a Python regular expression (matched on bytes, as Ansible's modules do). */
final class RegexOption {
    private RegexOption() {
    }

    static PythonRegex compile(String python, String option) throws ModuleFailure {
        return compile(python, option, 0);
    }

    /** With Python's re flags ({@link PythonRegex#MULTILINE}, {@link PythonRegex#DOTALL}). */
    static PythonRegex compile(String python, String option, int flags) throws ModuleFailure {
        try {
            return PythonRegex.compile(python, flags);
        } catch (PythonRegex.Invalid e) {
            throw new ModuleFailure("option '" + option + "' is " + e.getMessage());
        }
    }

    /** The line with the match's backreferences filled in (backrefs=yes). */
    static String expand(PythonRegex regexp, Matcher match, String line) throws ModuleFailure {
        try {
            return regexp.expand(match, line);
        } catch (PythonRegex.Invalid e) {
            throw new ModuleFailure("option 'line' has a " + e.getMessage() + " (with backrefs, write \\\\ for a backslash)");
        }
    }
}
