package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Jinja2's urlencode and Ansible's urlsplit, as Python's urllib.parse does them. */
final class UrlFilters {
    private UrlFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("urlencode", (v, a, c) -> urlencode(v));
        b.filter("urlsplit", (v, a, c) -> {
            Map<String, Object> parts = urlsplit(Operands.string(v, "urlsplit"));
            String query = PyValues.str(a.get(0, "query", ""));
            if (query.isEmpty()) {
                return parts;
            }
            if (!parts.containsKey(query)) {
                throw new FilterError("urlsplit: unknown URL component: " + query);
            }
            return parts.get(query);
        });
    }

    private static String urlencode(Object v) {
        if (v instanceof CharSequence s) {
            return quote(s.toString(), "/", false);
        }
        Iterable<?> pairs = v instanceof Map<?, ?> m ? m.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue() == null ? "None" : e.getValue())).toList()
                : Operands.iterate(v, "urlencode");
        StringBuilder out = new StringBuilder();
        for (Object p : pairs) {
            List<Object> kv = Operands.list(p, "urlencode");
            if (kv.size() != 2) {
                throw new FilterError("urlencode expects a string, a dict or a list of (key, value) pairs, got " + Operands.describe(p));
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(quote(PyValues.str(kv.get(0)), "", true)).append('=').append(quote(PyValues.str(kv.get(1)), "", true));
        }
        return out.toString();
    }

    /** urllib.parse.quote on the UTF-8 bytes: letters, digits, _.-~ and the safe characters stay; for a query, space is +. */
    static String quote(String s, String safe, boolean forQuery) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || "_.-~".indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
                out.append((char) c);
            } else if (forQuery && c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** urllib.parse.urlsplit plus the SplitResult's properties, keyed as Ansible's urlsplit filter gives them. */
    static Map<String, Object> urlsplit(String url) {
        String rest = url;
        String scheme = "";
        int colon = rest.indexOf(':');
        if (colon > 0 && Character.isLetter(rest.charAt(0)) && rest.substring(0, colon).chars().allMatch(ch -> ch < 128
                && (Character.isLetterOrDigit(ch) || "+-.".indexOf(ch) >= 0))) {
            scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String netloc = "";
        if (rest.startsWith("//")) {
            int end = rest.length();
            for (char d : new char[]{'/', '?', '#'}) {
                int at = rest.indexOf(d, 2);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            netloc = rest.substring(2, end);
            rest = rest.substring(end);
        }
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String userinfo = netloc.contains("@") ? netloc.substring(0, netloc.lastIndexOf('@')) : null;
        String hostport = netloc.substring(netloc.lastIndexOf('@') + 1);
        String username = userinfo == null ? null : userinfo.contains(":") ? userinfo.substring(0, userinfo.indexOf(':')) : userinfo;
        String password = userinfo == null || !userinfo.contains(":") ? null : userinfo.substring(userinfo.indexOf(':') + 1);
        String host;
        String port = null;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            host = close < 0 ? hostport.substring(1) : hostport.substring(1, close);
            String after = close < 0 ? "" : hostport.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            }
        } else {
            int pc = hostport.lastIndexOf(':');
            host = pc < 0 ? hostport : hostport.substring(0, pc);
            port = pc < 0 ? null : hostport.substring(pc + 1);
        }
        Object portValue = null;
        if (port != null && !port.isEmpty()) {
            if (!port.matches("\\d+") || Long.parseLong(port) > 65535) {
                throw new FilterError("urlsplit: Port out of range 0-65535 or not a number: " + port);
            }
            portValue = Long.parseLong(port);
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("fragment", fragment);
        out.put("hostname", host.isEmpty() ? null : host.toLowerCase(Locale.ROOT));
        out.put("netloc", netloc);
        out.put("password", password);
        out.put("path", rest);
        out.put("port", portValue);
        out.put("query", query);
        out.put("scheme", scheme);
        out.put("username", username);
        return new java.util.LinkedHashMap<>(out);
    }
}
