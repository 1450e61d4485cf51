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

    /**
     * Normalises a mode option value by Ansible's rules: a number is the mode's value ({@code mode: 0644}
     * is YAML 1.1's octal 420, so 0644; {@code mode: 644} is decimal 644, so 01204, as Ansible sets it);
     * a string of octal digits, with or without {@code 0o} and leading zeros, is octal ({@code '04755'});
     * anything else must be a valid symbolic mode. Four octal digits come out; a bad mode throws.
     */
    public static String normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return octal(n.longValue(), value.toString());
        }
        String s = value.toString().strip();
        String digits = s.replace("_", "");
        if (digits.matches("(0[oO])?[0-7]+")) {
            String d = digits.replaceFirst("^0[oO]", "").replaceFirst("^0+(?=.)", "");
            return octal(d.length() > 5 ? Long.MAX_VALUE : Long.parseLong(d, 8), s);
        }
        if (s.isEmpty() || s.matches("[0-9]+")) {
            throw new IllegalArgumentException("invalid mode '" + s + "': expected octal digits ('0644') or a symbolic mode (u=rw,g=r,o=r)");
        }
        if (!s.equals("preserve")) { // copy/template: the source file's mode
            symbolic(s, 0, false); // refuses a bad symbolic mode now, not on the host
        }
        return s;
    }

    private static String octal(long mode, String written) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("invalid mode '" + written + "': a mode is at most 07777 (write it as a quoted"
                    + " octal string such as '0644' or '4755')");
        }
        return String.format(Locale.ROOT, "%04o", mode);
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
        return String.format(Locale.ROOT, "%04o", symbolic(w, current == null || current.isEmpty() ? 0 : Integer.parseInt(current, 8),
                isDirectory));
    }

    private static int symbolic(String w, int mode, boolean isDirectory) {
        for (String clause : w.split(",", -1)) {
            mode = applyClause(clause.trim(), mode, isDirectory);
        }
        return mode;
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
