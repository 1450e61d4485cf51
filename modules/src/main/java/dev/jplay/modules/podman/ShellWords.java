package dev.jplay.modules.podman;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.List;

/** Splits a command string into words the way sh does for quotes and backslashes (no expansion). */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String s) throws ModuleFailure {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
                    cur.append(s.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ModuleFailure("command has an unclosed " + quote + " quote: " + s);
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
