package dev.jplay.engine.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expands host ranges as Ansible's {@code expand_hostname_range} does: {@code web[01:20]} (zero
 * padded when the start has a leading zero), {@code db-[a:f]}, {@code [1:9:2]} with a step, and
 * several ranges in one name ({@code rack[1:2]-node[a:b]}). A start &gt; end is refused (Ansible
 * yields no host, which hides a typo).
 */
final class HostRange {
    /** Guards against a typo such as {@code [1:9999999]} exhausting memory. */
    static final int MAX_HOSTS = 100_000;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?[0-9]+(?:_[0-9]+)*\\s*");

    /** Why a range could not be expanded; the caller adds the position. */
    static final class RangeError extends RuntimeException {
        RangeError(String message) {
            super(message);
        }
    }

    private HostRange() {
    }

    static boolean hasRange(String pattern) {
        return pattern.indexOf('[') >= 0;
    }

    static List<String> expand(String pattern) {
        List<String> out = new ArrayList<>();
        expandInto(pattern, out);
        return out;
    }

    private static void expandInto(String line, List<String> out) {
        // Ansible: line.replace('[', '|', 1).replace(']', '|', 1).split('|') must give head, range, tail
        String replaced = replaceFirst(replaceFirst(line, '[', '|'), ']', '|');
        String[] parts = replaced.split("\\|", -1);
        if (parts.length != 3) {
            throw new RangeError("a host range needs one '[' and a closing ']', e.g. web[01:20]");
        }
        String head = parts[0];
        String range = parts[1];
        String tail = parts[2];
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new RangeError("a host range must be [begin:end] or [begin:end:step], got [" + range + "]");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        String step = bounds.length == 3 ? bounds[2] : "1";
        if (end.isEmpty()) {
            throw new RangeError("a host range must have an end value, got [" + range + "]");
        }
        int width = 0;
        if (beg.charAt(0) == '0' && beg.length() > 1) {
            width = beg.length();
            if (width != end.length()) {
                throw new RangeError("a zero-padded host range needs begin and end of equal length, got [" + range + "]");
            }
        }
        List<String> seq = letters(beg, end, step);
        if (seq == null) {
            seq = numbers(beg, end, step, range);
        }
        for (String item : seq) {
            String name = head + pad(item, width) + tail;
            if (hasRange(name)) {
                expandInto(name, out);
            } else {
                out.add(name);
            }
            if (out.size() > MAX_HOSTS) {
                throw new RangeError("the range expands to more than " + MAX_HOSTS + " hosts");
            }
        }
    }

    /** Ansible looks both bounds up in string.ascii_letters; null when that fails (then numbers apply). */
    private static List<String> letters(String beg, String end, String step) {
        int from = LETTERS.indexOf(beg);
        int to = LETTERS.indexOf(end);
        if (from < 0 || to < 0) {
            return null;
        }
        if (from > to) {
            throw new RangeError("a host range must have begin <= end, got [" + beg + ":" + end + "]");
        }
        if (!PY_INT.matcher(step).matches() || pyInt(step) == 0) {
            return null;
        }
        long s = pyInt(step);
        List<String> seq = new ArrayList<>();
        if (s > 0) {
            for (long i = from; i <= to; i += s) {
                seq.add(String.valueOf(LETTERS.charAt((int) i)));
            }
        }
        return seq;
    }

    private static List<String> numbers(String beg, String end, String step, String range) {
        if (!PY_INT.matcher(beg).matches() || !PY_INT.matcher(end).matches() || !PY_INT.matcher(step).matches()) {
            throw new RangeError("a host range must use numbers or single letters, e.g. [01:20], [a:f] or [1:9:2]; got ["
                    + range + "]");
        }
        long from = pyInt(beg);
        long to = pyInt(end);
        long s = pyInt(step);
        if (s == 0) {
            throw new RangeError("a host range step must not be zero, got [" + range + "]");
        }
        if (s > 0 && from > to) {
            // Ansible silently makes an empty group here; a typo such as [10:01] should not drop hosts unseen
            throw new RangeError("a host range must not start after its end, got [" + range + "]");
        }
        List<String> seq = new ArrayList<>();
        // Python's range(from, to + 1, s)
        for (long i = from; s > 0 ? i <= to : i > to + 1; i += s) {
            seq.add(Long.toString(i));
            if (seq.size() > MAX_HOSTS) {
                throw new RangeError("the range [" + range + "] expands to more than " + MAX_HOSTS + " hosts");
            }
        }
        return seq;
    }

    private static long pyInt(String s) {
        try {
            return Long.parseLong(s.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new RangeError("host range bound '" + s + "' is too large");
        }
    }

    /** Python's str.zfill. */
    private static String pad(String item, int width) {
        if (item.length() >= width) {
            return item;
        }
        boolean signed = item.startsWith("-") || item.startsWith("+");
        String digits = signed ? item.substring(1) : item;
        return (signed ? item.substring(0, 1) : "") + "0".repeat(width - item.length()) + digits;
    }

    private static String replaceFirst(String s, char from, char to) {
        int i = s.indexOf(from);
        return i < 0 ? s : s.substring(0, i) + to + s.substring(i + 1);
    }
}
