package dev.jplay.engine.host;

import java.util.Locale;

/**
 * A file mode as a user writes it: octal ({@code "0644"}, {@code "755"}) or symbolic
 * ({@code "u=rwx,g=rx,o=rx"}, {@code "u+x"}). Resolves it against the current mode, so the
 * module can tell whether anything would change without touching the host.
 */
public final class FileMode {
    private FileMode() {
    }

    /** Normalises a mode option value: YAML integers are octal digits (644 means 0644). */
    public static String normalize(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        if (s.matches("0o[0-7]+")) {
            s = s.substring(2);
        }
        if (s.matches("[0-7]{1,4}")) {
            return String.format(Locale.ROOT, "%04o", Integer.parseInt(s, 8));
        }
        return s;
    }

    public static boolean isOctal(String mode) {
        return mode != null && mode.matches("[0-7]{4}");
    }

    /**
     * The mode that results from applying {@code wanted} to {@code current} (both four octal digits
     * for the result and current). {@code isDirectory} matters for {@code X}.
     */
    public static String apply(String wanted, String current, boolean isDirectory) {
        String w = normalize(wanted);
        if (isOctal(w)) {
            return w;
        }
        int mode = current == null || current.isEmpty() ? 0 : Integer.parseInt(current, 8);
        for (String clause : w.split(",")) {
            mode = applyClause(clause.trim(), mode, isDirectory);
        }
        return String.format(Locale.ROOT, "%04o", mode);
    }

    private static int applyClause(String clause, int mode, boolean isDirectory) {
        int i = 0;
        int who = 0;
        while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
            switch (clause.charAt(i)) {
                case 'u' -> who |= 04700;
                case 'g' -> who |= 02070;
                case 'o' -> who |= 01007;
                default -> who |= 07777;
            }
            i++;
        }
        if (who == 0) {
            who = 07777;
        }
        if (i >= clause.length() || "+-=".indexOf(clause.charAt(i)) < 0) {
            throw new IllegalArgumentException("bad symbolic mode: " + clause);
        }
        char op = clause.charAt(i++);
        int bits = 0;
        for (; i < clause.length(); i++) {
            switch (clause.charAt(i)) {
                case 'r' -> bits |= 0444;
                case 'w' -> bits |= 0222;
                case 'x' -> bits |= 0111;
                case 'X' -> bits |= (isDirectory || (mode & 0111) != 0) ? 0111 : 0;
                case 's' -> bits |= 06000;
                case 't' -> bits |= 01000;
                default -> throw new IllegalArgumentException("bad symbolic mode: " + clause);
            }
        }
        bits &= who;
        return switch (op) {
            case '+' -> mode | bits;
            case '-' -> mode & ~bits;
            default -> (mode & ~(who & 07777)) | bits;
        };
    }
}
