package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** human_readable, human_to_bytes (Ansible's K/M/G... powers of 1024) and Jinja2's filesizeformat. */
final class SizeFilters {
    private static final String UNITS = "YZEPTGMKB";
    private static final Pattern HUMAN = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?");

    private SizeFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("human_readable", (v, a, c) -> humanReadable(v, PyValues.truthy(a.get(0, "isbits", false)), a.get(1, "unit", null)));
        b.filter("human_to_bytes", (v, a, c) -> humanToBytes(v, a.get(0, "default_unit", null), PyValues.truthy(a.get(1, "isbits", false))));
        b.filter("filesizeformat", (v, a, c) -> filesize(NumberFilters.asDouble(TypeFilters.toFloat(v, null) == null ? v : TypeFilters.toFloat(v, null),
                "filesizeformat"), PyValues.truthy(a.get(0, "binary", false))));
    }

    private static long limit(char unit) {
        int i = UNITS.indexOf(unit);
        return i < 0 ? -1 : 1L << (10 * (8 - i));
    }

    private static String humanReadable(Object v, boolean isbits, Object unitArg) {
        if (!(v instanceof Number || v instanceof Boolean)) {
            throw new FilterError("human_readable() failed on bad input: '>=' not supported between instances of '"
                    + PyValues.typeName(v) + "' and 'int'");
        }
        double size = NumberFilters.asDouble(v, "human_readable");
        String base = isbits ? "bits" : "Bytes";
        String unit = unitArg == null ? null : PyValues.str(unitArg).toUpperCase();
        char suffix = 'B';
        double limit = 1;
        for (int i = 0; i < UNITS.length(); i++) {
            suffix = UNITS.charAt(i);
            limit = Math.pow(2, 10 * (8 - i));
            if (unit == null && size >= limit || unit != null && !unit.isEmpty() && unit.charAt(0) == suffix) {
                break;
            }
        }
        String name = limit != 1 ? suffix + base.substring(0, 1) : base;
        return new BigDecimal(size / limit).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + name;
    }

    private static long humanToBytes(Object number, Object defaultUnit, boolean isbits) {
        String text = PyValues.str(number);
        Matcher m = HUMAN.matcher(text);
        if (!m.find() || m.group(1).isEmpty() || m.group(1).equals(".")) {
            throw new FilterError("human_to_bytes() can't interpret following string: " + text);
        }
        double num = Double.parseDouble(m.group(1));
        String unit = m.group(2) != null ? m.group(2) : defaultUnit == null ? null : PyValues.str(defaultUnit);
        if (unit == null) {
            return new BigDecimal(num).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        char key = Character.toUpperCase(unit.charAt(0));
        long limit = limit(key);
        if (limit < 0) {
            throw new FilterError("human_to_bytes() can't interpret following string: " + text
                    + " (the suffix must be one of Y, Z, E, P, T, G, M, K, B)");
        }
        String unitClass = isbits ? "b" : "B";
        String unitName = isbits ? "bit" : "byte";
        if (unit.length() > 1 && !unit.toLowerCase().contains(unitName) && unit.charAt(1) != unitClass.charAt(0)) {
            throw new FilterError("human_to_bytes() can't interpret following string: " + text + " (expect "
                    + (key == 'B' ? unitClass + " or " + unitName : key + unitClass + " or " + key) + ")");
        }
        return new BigDecimal(num * limit).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Jinja2's filesizeformat: decimal kB/MB... or binary KiB/MiB..., one decimal. */
    private static String filesize(double bytes, boolean binary) {
        int base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[]{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                : new String[]{"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        double unit = 0;
        String prefix = "";
        for (int i = 0; i < prefixes.length; i++) {
            unit = Math.pow(base, i + 2);
            prefix = prefixes[i];
            if (bytes < unit) {
                break;
            }
        }
        return new BigDecimal(base * bytes / unit).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " " + prefix;
    }
}
