package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sequence lookup (with_sequence): "[start-]end[/stride][:format]" or start= end= count= stride= format=, as terms or keywords. */
final class SequenceLookup {
    private static final String NUM = "(0?x?[0-9a-f]+)";
    private static final Pattern SHORTCUT = Pattern.compile("^(" + NUM + "-)?" + NUM + "(/" + NUM + ")?(:(.+))?$", Pattern.CASE_INSENSITIVE);

    private SequenceLookup() {
    }

    static void register(Library.Builder b) {
        b.lookup("sequence", SequenceLookup::run);
    }

    private static List<Object> run(List<Object> terms, CallArgs a, CallContext ctx) {
        List<Object> out = new ArrayList<>();
        List<Object> all = new ArrayList<>(terms);
        if (all.isEmpty() && !a.named().isEmpty()) {
            all.add(null);
        }
        for (Object t : all) {
            long start = 1;
            Long end = null;
            Long count = null;
            long stride = 1;
            String format = "%d";
            Map<String, Object> kv = new LinkedHashMap<>(a.named());
            if (t != null) {
                String term = PyValues.str(t);
                Matcher m = SHORTCUT.matcher(term);
                if (m.matches()) {
                    if (m.group(2) != null) {
                        start = integer("start", m.group(2));
                    }
                    end = integer("end", m.group(3));
                    if (m.group(5) != null) {
                        stride = integer("stride", m.group(5));
                    }
                    if (m.group(7) != null) {
                        format = m.group(7);
                    }
                } else {
                    KeyValues.Parsed p = KeyValues.parse(term);
                    if (!p.raw().isEmpty()) {
                        throw new FilterError("unrecognized arguments to with_sequence: ['_raw_params']");
                    }
                    kv.putAll(p.pairs());
                }
            }
            for (String k : List.of("start", "end", "count", "stride")) {
                Object raw = kv.remove(k);
                if (raw == null) {
                    continue;
                }
                long v = integer(k, PyValues.str(raw));
                switch (k) {
                    case "start" -> start = v;
                    case "end" -> end = v;
                    case "count" -> count = v;
                    default -> stride = v;
                }
            }
            if (kv.containsKey("format")) {
                format = PyValues.str(kv.remove("format"));
            }
            if (!kv.isEmpty()) {
                throw new FilterError("unrecognized arguments to with_sequence: " + PyValues.repr(new ArrayList<>(kv.keySet())));
            }
            if (count == null && end == null) {
                throw new FilterError("must specify count or end in with_sequence");
            } else if (count != null && end != null) {
                throw new FilterError("can't specify both count and end in with_sequence");
            } else if (count != null) {
                if (count != 0) {
                    end = start + count * stride - 1;
                } else {
                    start = 0;
                    end = 0L;
                    stride = 0;
                }
            }
            if (stride > 0 && end < start) {
                throw new FilterError("to count backwards make stride negative");
            }
            if (stride < 0 && end > start) {
                throw new FilterError("to count forward don't make stride negative");
            }
            if (format.chars().filter(ch -> ch == '%').count() != 1) {
                throw new FilterError("bad formatting string: " + format);
            }
            if (stride == 0) {
                continue;
            }
            long stop = end + (stride > 0 ? 1 : -1);
            for (long i = start; stride > 0 ? i < stop : i > stop; i += stride) {
                out.add(PyFormat.formatInt(format, i));
            }
        }
        return out;
    }

    /** Python's int(text, 0): 0x.., 0o.., 0b.. prefixes; a leading 0 alone is refused. */
    private static long integer(String name, String raw) {
        Number n = PyNumbers.parseInt(raw, 0);
        if (n == null) {
            throw new FilterError("can't parse " + name + "=" + raw + " as integer");
        }
        return n.longValue();
    }
}
