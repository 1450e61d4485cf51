package dev.jplay.modules.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way Ansible's command module does (Python's
 * {@code shlex.split}, POSIX mode): whitespace separates words, single quotes keep everything
 * literally, double quotes keep everything but let a backslash escape {@code "} and {@code \},
 * a backslash outside quotes escapes any character, and quoted parts join their neighbours
 * ({@code a'b c'd} is one word). Nothing is expanded: no variables, globs, pipes or redirections.
 */
public final class CommandLineWords {
    private CommandLineWords() {
    }

    /** The words; throws IllegalArgumentException when a quote is not closed or the line ends in a backslash. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("no closing quotation: the ' at column " + (i + 1) + " is not closed");
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new IllegalArgumentException("no closing quotation: the \" at column " + (i + 1) + " is not closed");
                    }
                    char d = line.charAt(j);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && j + 1 < n && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        word.append(line.charAt(j + 1));
                        j += 2;
                    } else {
                        word.append(d);
                        j++;
                    }
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("no escaped character: the command ends with a backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
