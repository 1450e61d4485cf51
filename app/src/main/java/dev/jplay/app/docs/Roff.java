package dev.jplay.app.docs;

/** Text made safe for roff (man(7)): backslashes, hyphens of option names, and lines that would read as requests. */
final class Roff {
    private Roff() {
    }

    /** Running text: a backslash prints as one, a line starting with '.' or '\'' is not a request. */
    static String text(String s) {
        String escaped = s.replace("\\", "\\e");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line);
        }
        return out.toString();
    }

    /** An option name or a command word: hyphens are real minus signs, so the page can be searched and copied. */
    static String literal(String s) {
        return text(s).replace("-", "\\-");
    }
}
