package dev.jplay.engine.inventory;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host identifier with an optional port, split as Ansible's {@code parse_address} does: a
 * hostname, IPv4 or IPv6 address (IPv6 with a port only in brackets, {@code [::1]:22}), optionally
 * containing {@code [x:y]} ranges.
 *
 * @param host the host part, ranges not yet expanded
 * @param port the port, or null when none was given
 */
record HostAddress(String host, Number port) {

    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String IPV6_PART = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    private static final String LABEL = "(?:[\\w]|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*(?<![_-])";

    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$");
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)$");
    private static final Pattern IPV4 = Pattern.compile("^(?:" + IPV4_PART + "\\.){3}" + IPV4_PART + "$",
            Pattern.CASE_INSENSITIVE);
    /**
     * Copied from Ansible with its quirk: {@code ^} binds only the first alternative and {@code $} only
     * the last, and Python's re.match anchors at the start only, so the middle alternatives accept
     * a matching prefix. Used with {@link Matcher#lookingAt()} to behave the same.
     */
    private static final Pattern IPV6 = Pattern.compile(String.join("|",
            "^(?:" + IPV6_PART + ":){7}" + IPV6_PART,
            "(?:" + IPV6_PART + ":){1,6}:",
            "(?:" + IPV6_PART + ":)(?::" + IPV6_PART + "){1,6}",
            "(?:" + IPV6_PART + ":){2}(?::" + IPV6_PART + "){1,5}",
            "(?:" + IPV6_PART + ":){3}(?::" + IPV6_PART + "){1,4}",
            "(?:" + IPV6_PART + ":){4}(?::" + IPV6_PART + "){1,3}",
            "(?:" + IPV6_PART + ":){5}(?::" + IPV6_PART + "){1,2}",
            "(?:" + IPV6_PART + ":){6}(?::" + IPV6_PART + ")",
            ":(?::" + IPV6_PART + "){1,6}",
            IPV6_PART + "?::",
            "(?:0:){6}(?:" + IPV6_PART + "\\.){3}" + IPV6_PART,
            "::(?:ffff:)?(?:" + IPV6_PART + "\\.){3}" + IPV6_PART,
            "(?:0:){5}ffff:(?:" + IPV6_PART + "\\.){3}" + IPV6_PART + "$"), Pattern.CASE_INSENSITIVE);
    private static final Pattern HOSTNAME = Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Splits {@code address}; empty when it is not a valid host identifier, or when it has a range
     * and {@code allowRanges} is false.
     */
    static Optional<HostAddress> parse(String address, boolean allowRanges) {
        String host = address;
        Number port = null;
        for (Pattern p : new Pattern[] {BRACKETED_HOSTPORT, HOSTPORT}) {
            Matcher m = p.matcher(host);
            if (m.matches()) {
                host = m.group(1);
                port = PythonLiteral.integer(new BigInteger(m.group(2)));
            }
        }
        boolean valid = IPV4.matcher(host).matches() || IPV6.matcher(host).lookingAt()
                || HOSTNAME.matcher(host).matches();
        if (!valid || (!allowRanges && host.contains("["))) {
            return Optional.empty();
        }
        return Optional.of(new HostAddress(host, port));
    }
}
