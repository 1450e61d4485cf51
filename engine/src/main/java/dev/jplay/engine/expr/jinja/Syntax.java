package dev.jplay.engine.expr.jinja;

/**
 * The environment settings that shape lexing, as Ansible sets them (trim_blocks on, lstrip_blocks off)
 * and as a template's {@code #jinja2:} header may change them.
 */
public record Syntax(String variableStart, String variableEnd, String blockStart, String blockEnd, String commentStart,
                     String commentEnd, boolean trimBlocks, boolean lstripBlocks, boolean keepTrailingNewline, String newline) {

    public static final Syntax ANSIBLE = new Syntax("{{", "}}", "{%", "%}", "{#", "#}", true, false, false, "\n");

    public Syntax with(String key, Object value) {
        return switch (key) {
            case "variable_start_string" -> new Syntax(str(key, value), variableEnd, blockStart, blockEnd, commentStart, commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "variable_end_string" -> new Syntax(variableStart, str(key, value), blockStart, blockEnd, commentStart, commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "block_start_string" -> new Syntax(variableStart, variableEnd, str(key, value), blockEnd, commentStart, commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "block_end_string" -> new Syntax(variableStart, variableEnd, blockStart, str(key, value), commentStart, commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "comment_start_string" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, str(key, value), commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "comment_end_string" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, commentStart, str(key, value), trimBlocks, lstripBlocks, keepTrailingNewline, newline);
            case "trim_blocks" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, commentStart, commentEnd, bool(key, value), lstripBlocks, keepTrailingNewline, newline);
            case "lstrip_blocks" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, commentStart, commentEnd, trimBlocks, bool(key, value), keepTrailingNewline, newline);
            case "keep_trailing_newline" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, commentStart, commentEnd, trimBlocks, lstripBlocks, bool(key, value), newline);
            case "newline_sequence" -> new Syntax(variableStart, variableEnd, blockStart, blockEnd, commentStart, commentEnd, trimBlocks, lstripBlocks, keepTrailingNewline, str(key, value));
            default -> throw new IllegalArgumentException("unknown jinja2 override '" + key + "'");
        };
    }

    private static String str(String key, Object v) {
        if (v instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new IllegalArgumentException("jinja2 override " + key + " needs a non-empty string");
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("jinja2 override " + key + " needs True or False");
    }
}
