package dev.jplay.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns FreeMarker's parser message ("Encountered ")", but was expecting one of these patterns:" and
 * a list of grammar tokens on the following lines) into what the user can act on: where the
 * expression went wrong, in its own terms, and what was expected there. The expression is compiled
 * inside a wrapper, so a token of the wrapper (the closing ")") means the expression ended early.
 */
final class ParseErrorText {
    private static final Pattern ENCOUNTERED = Pattern.compile("^Encountered \"(.*?)\", but");
    private static final Pattern EXPECTED_TOKEN = Pattern.compile("^\\s+(\"[^\"]*\"|<[A-Z_]+>)\\s*$");
    private static final Pattern UNCLOSED = Pattern.compile("only this can be closed: \"(.)\"");

    private ParseErrorText() {
    }

    /**
     * @param expr    the expression as written
     * @param message FreeMarker's editor message (several lines)
     * @param offset  0-based offset in {@code expr} where the parser stopped; at or past the end means "at the end"
     */
    static String describe(String expr, String message, int offset) {
        boolean atEnd = offset >= expr.strip().length();
        if (Expressions.firstLine(message).startsWith("Lexical error") && (count(expr, '\'') % 2 == 1 || count(expr, '"') % 2 == 1)) {
            return "a quoted string is not closed: expected a closing quote";
        }
        return explain(message, atEnd ? null : " at column " + (offset + 1));
    }

    /** The same for a template file, whose error location (file:line:column) is reported beside the message. */
    static String describeTemplate(String message) {
        return explain(message, "");
    }

    /** @param column where the parser stopped, e.g. " at column 7", or null when that is the end of the expression */
    private static String explain(String message, String column) {
        String first = Expressions.firstLine(message);
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.find()) {
            return "'" + unclosed.group(1) + "' is not closed: expected '" + closing(unclosed.group(1)) + "'";
        }
        if (first.startsWith("Unexpected end of file")) {
            return "the text ends before every '(', '[' or '{' is closed";
        }
        Matcher m = ENCOUNTERED.matcher(first);
        if (!m.find()) {
            return first;
        }
        List<String> expected = expectedTokens(message);
        String what;
        if (expected.contains("<ID>") || expected.contains("<INTEGER>") || expected.contains("<STRING_LITERAL>")) {
            what = "a value (a variable, a number, a 'string', a [list] or a '(')";
        } else if (expected.contains("\"}\"")) {
            what = "'}' (the end of ${...}) or an operator";
        } else if (expected.contains("\")\"") || expected.contains("\"?\"")) {
            what = "an operator (== != < > && || + - * / . ? [ !) or the end of the expression";
        } else if (!expected.isEmpty()) {
            what = "one of " + String.join(" ", expected.stream().map(t -> t.replace("\"", "")).toList());
        } else {
            return first;
        }
        String where = column == null ? "the expression ends" : "found '" + m.group(1) + "'" + column;
        return where + " where " + what + " was expected";
    }

    private static List<String> expectedTokens(String message) {
        List<String> out = new ArrayList<>();
        for (String line : message.split("\n")) {
            Matcher t = EXPECTED_TOKEN.matcher(line);
            if (t.matches()) {
                out.add(t.group(1));
            }
        }
        return out;
    }

    private static String closing(String open) {
        return switch (open) {
            case "[" -> "]";
            case "{" -> "}";
            default -> ")";
        };
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
