package dev.jplay.modules.net;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.json.JsonReader;
import dev.jplay.engine.json.JsonWriter;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.modules.commands.ExpandingQuoter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ansible's {@code uri}: sends an HTTP(S) request and checks the status. As in Ansible the request
 * is made FROM THE HOST (so {@code http://localhost:8080/} is the host's own service), here with
 * {@code curl}, which the host must have; the task fails with a clear message when it does not.
 * The whole request (URL, headers, credentials, body) reaches curl as a config file on stdin, never
 * on a command line, and the response comes back in the same round trip.
 *
 * <p>Never changed (jplay's uri does not write {@code dest} files). Like Ansible's, it does not
 * support check mode: there the request is not sent and the task is skipped.
 */
public final class UriModule implements Module {

    static final String NO_CURL = "jplay-uri:no-curl";
    static final String SKIP_CREATES = "jplay-uri:skip-creates";
    static final String SKIP_REMOVES = "jplay-uri:skip-removes";

    private static final ModuleSpec SPEC = ModuleSpec.builder("uri")
            .describe("Sends an HTTP request from the host (with curl there) and checks the status; returns status, headers, "
                    + "json (for a JSON response) and content (with return_content). Never reports changed.")
            .option(OptionSpec.of("url", OptionType.STR, "The URL, http:// or https://; user:password@ in it also works.").asRequired())
            .option(OptionSpec.of("method", OptionType.STR, "The HTTP method, one uppercase word.").defaultValue("GET"))
            .option(OptionSpec.of("body", OptionType.RAW,
                    "The request body: text, or for body_format json / form-urlencoded a mapping (or list) to encode."))
            .option(OptionSpec.of("body_format", OptionType.STR,
                    "How to encode a non-text body, and the Content-Type to send unless headers set one.")
                    .choices("raw", "json", "form-urlencoded").defaultValue("raw"))
            .option(OptionSpec.of("headers", OptionType.DICT, "Request headers, name: value.").defaultValue(Map.of()))
            .option(OptionSpec.of("status_code", OptionType.LIST, "The statuses that count as success.").defaultValue(List.of(200)))
            .option(OptionSpec.of("return_content", OptionType.BOOL, "Return the body as content (always done on failure).")
                    .defaultValue(false))
            .option(OptionSpec.of("timeout", OptionType.INT, "Seconds the whole request may take.").defaultValue(30))
            .option(OptionSpec.of("validate_certs", OptionType.BOOL, "Verify the server's TLS certificate.").defaultValue(true))
            .option(OptionSpec.of("url_username", OptionType.STR, "User name for HTTP authentication.").aliases("user"))
            .option(OptionSpec.of("url_password", OptionType.STR, "Password for HTTP authentication.").aliases("password").asSecret())
            .option(OptionSpec.of("force_basic_auth", OptionType.BOOL,
                    "Send Basic credentials with the first request instead of waiting for the server's 401.").defaultValue(false))
            .option(OptionSpec.of("follow_redirects", OptionType.STR,
                    "safe: follow redirects of GET and HEAD only; all (yes, urllib2): follow all; none (no): follow none.")
                    .choices("all", "no", "none", "safe", "urllib2", "yes").defaultValue("safe"))
            .option(OptionSpec.of("http_agent", OptionType.STR, "The User-Agent header.").defaultValue("ansible-httpget"))
            .option(OptionSpec.of("ca_path", OptionType.PATH, "A CA certificate bundle (PEM) on the host to verify the server with."))
            .option(OptionSpec.of("client_cert", OptionType.PATH, "A client certificate (PEM) on the host, for TLS client authentication."))
            .option(OptionSpec.of("client_key", OptionType.PATH, "The client certificate's private key (PEM) on the host."))
            .option(OptionSpec.of("use_proxy", OptionType.BOOL, "Use the proxy from the host's environment (http_proxy, ...).")
                    .defaultValue(true))
            .option(OptionSpec.of("use_netrc", OptionType.BOOL, "Use credentials from ~/.netrc on the host when there are some.")
                    .defaultValue(true))
            .option(OptionSpec.of("decompress", OptionType.BOOL, "Ask for a compressed response and decompress it.").defaultValue(true))
            .option(OptionSpec.of("unix_socket", OptionType.PATH, "Connect through this Unix socket on the host instead of TCP."))
            .option(OptionSpec.of("creates", OptionType.PATH, "When this path exists on the host, the request is not sent."))
            .option(OptionSpec.of("removes", OptionType.PATH, "When this path does not exist on the host, the request is not sent."))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String method = a.string("method").strip();
        if (!method.matches("[A-Z]+")) {
            throw new ModuleFailure("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
        }
        List<Integer> accepted = statusCodes(a);
        if (ctx.checkMode()) {
            return ModuleResult.skipped("uri does not support check mode: the " + method + " request to " + a.string("url")
                    + " was not sent");
        }
        String url = a.string("url");
        ExpandingQuoter q = new ExpandingQuoter();
        String script = script(a, q);
        long start = System.nanoTime();
        ExecResult r = ctx.exec(script, request(a, method).toString().getBytes(StandardCharsets.UTF_8));
        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        String out = r.out();
        if (out.startsWith(NO_CURL)) {
            throw new ModuleFailure("uri sends its request from the host with curl, and " + ctx.host()
                    + " has no curl in PATH; install curl there (or delegate the task to a host that has it)");
        }
        if (out.startsWith(SKIP_CREATES)) {
            String msg = "skipped, since '" + a.string("creates") + "' exists";
            return ModuleResult.ok().msg(msg).value("stdout", msg).build();
        }
        if (out.startsWith(SKIP_REMOVES)) {
            String msg = "skipped, since '" + a.string("removes") + "' does not exist";
            return ModuleResult.ok().msg(msg).value("stdout", msg).build();
        }
        CurlResponse resp;
        try {
            resp = CurlResponse.parse(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("the request could not be made on " + ctx.host() + " (exit code " + r.exitCode() + "): "
                    + (r.errTrimmed().isEmpty() ? e.getMessage() : r.errTrimmed()));
        }
        boolean head = method.equals("HEAD");
        boolean gotResponse = resp.curlExit() == 0 && resp.status() > 0;
        int status = gotResponse ? resp.status() : -1;
        String msg;
        if (!gotResponse) {
            msg = "Request failed: " + (r.errTrimmed().isEmpty() ? "curl exit code " + resp.curlExit() : r.errTrimmed());
        } else if (status >= 200 && status < 300) {
            msg = "OK (" + resp.headers().getOrDefault("content-length", "unknown") + " bytes)";
        } else {
            msg = "HTTP Error " + status + ": " + (resp.reason().isEmpty() ? HttpReasons.of(status) : resp.reason());
        }

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("redirected", gotResponse ? !resp.url().equals(url) : false);
        values.put("url", gotResponse && !resp.url().isEmpty() ? resp.url() : url);
        values.put("status", status);
        values.put("elapsed", elapsed);
        if (gotResponse) {
            resp.headers().forEach((k, v) -> values.put(k.replace('-', '_'), v));
            if (values.get("location") instanceof String loc) {
                values.put("location", absolute(url, loc));
            }
            values.put("cookies", resp.cookies());
            values.put("cookies_string", resp.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        String content = head || !gotResponse ? "" : resp.text();
        if (gotResponse && !head && resp.looksLikeJson()) {
            Object json = parseJson(content);
            if (json != null) {
                values.put("json", json);
            }
        }
        boolean ok = accepted.contains(status);
        if (a.bool("return_content") || !ok) {
            values.put("content", content);
        }
        if (!ok) {
            String text = "Status code was " + status + " and not " + accepted + ": " + msg;
            values.put("msg", text);
            return ModuleResult.ok().failed().msg(text).values(values).build();
        }
        values.put("msg", msg);
        return ModuleResult.ok().msg(msg).values(values).build();
    }

    /** Ansible returns Location resolved against the request's URL. */
    private static String absolute(String url, String location) {
        try {
            return URI.create(url).resolve(location).toString();
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    private static List<Integer> statusCodes(ModuleArgs a) throws ModuleFailure {
        List<Integer> codes = new ArrayList<>();
        for (Object o : a.list("status_code")) {
            try {
                codes.add(o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o).strip()));
            } catch (NumberFormatException e) {
                throw new ModuleFailure("status_code expects HTTP status numbers, got '" + o + "'");
            }
        }
        return codes;
    }

    /** The script: curl present? creates/removes, then curl with the config from stdin, then the dumps. */
    static String script(ModuleArgs a, ExpandingQuoter q) {
        StringBuilder s = new StringBuilder();
        s.append("command -v curl >/dev/null 2>&1 || { echo ").append(NO_CURL).append("; exit 0; }; ");
        if (a.has("creates")) {
            s.append("if [ -e ").append(q.word(a.string("creates"))).append(" ]; then echo ").append(SKIP_CREATES).append("; exit 0; fi; ");
        }
        if (a.has("removes")) {
            s.append("if [ ! -e ").append(q.word(a.string("removes"))).append(" ]; then echo ").append(SKIP_REMOVES).append("; exit 0; fi; ");
        }
        s.append("t=$(mktemp -d) || exit 1; trap 'rm -rf \"$t\"' EXIT; : > \"$t/h\"; : > \"$t/b\"; ");
        s.append("curl -q -K - -s -S -D \"$t/h\" -o \"$t/b\" -w '%{http_code} %{num_redirects} %{url_effective}' > \"$t/w\"; rc=$?; ");
        s.append("printf '%s %s %s %s\\n' ").append(CurlResponse.DONE)
                .append(" \"$rc\" $(wc -c < \"$t/h\") $(wc -c < \"$t/b\"); cat \"$t/w\"; echo; cat \"$t/h\" \"$t/b\"");
        return q.prelude() + s;
    }

    /** The request as a curl config. Paths on the host are given to curl as they are (curl does not expand ~ or $VAR). */
    static CurlConfig request(ModuleArgs a, String method) throws ModuleFailure {
        CurlConfig c = new CurlConfig();
        c.option("url", a.string("url"));
        Map<String, String> headers = new LinkedHashMap<>();
        a.map("headers").forEach((k, v) -> headers.put(k, v == null ? "" : Expressions.toText(v)));
        String body = body(a, headers);
        if (method.equals("HEAD")) {
            c.flag("head");
        } else if (!(method.equals("GET") && body == null) && !(method.equals("POST") && body != null)) {
            // curl derives GET, and POST from a body; naming those would keep POST across redirects, unlike Ansible
            c.option("request", method);
        }
        headers.forEach((k, v) -> c.option("header", k + ": " + v));
        c.option("user-agent", a.string("http_agent"));
        if (body != null) {
            c.option("data-raw", body);
        }
        if (a.has("url_username")) {
            c.option("user", a.string("url_username") + ":" + a.optString("url_password").orElse(""));
            c.flag(a.bool("force_basic_auth") ? "basic" : "anyauth");
        }
        String follow = a.string("follow_redirects");
        boolean followAll = follow.equals("all") || follow.equals("yes") || follow.equals("urllib2");
        if (followAll || follow.equals("safe") && (method.equals("GET") || method.equals("HEAD"))) {
            c.flag("location");
            c.option("max-redirs", "10");
        }
        if (!a.bool("validate_certs")) {
            c.flag("insecure");
        }
        a.optString("ca_path").ifPresent(p -> c.option("cacert", p));
        a.optString("client_cert").ifPresent(p -> c.option("cert", p));
        a.optString("client_key").ifPresent(p -> c.option("key", p));
        a.optString("unix_socket").ifPresent(p -> c.option("unix-socket", p));
        if (!a.bool("use_proxy")) {
            c.option("noproxy", "*");
        }
        if (a.bool("use_netrc")) {
            c.flag("netrc-optional");
        }
        if (a.bool("decompress")) {
            c.flag("compressed");
        }
        c.option("max-time", String.valueOf(Math.max(1, a.integer("timeout", 30))));
        return c;
    }

    /** The body as text, encoded as body_format says, adding Content-Type when the headers have none. */
    private static String body(ModuleArgs a, Map<String, String> headers) throws ModuleFailure {
        Object body = a.raw("body");
        String format = a.string("body_format");
        boolean hasType = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"));
        switch (format) {
            case "json" -> {
                if (!hasType) {
                    headers.put("Content-Type", "application/json");
                }
                if (body == null) {
                    return null;
                }
                return body instanceof String s ? s : JsonWriter.write(body);
            }
            case "form-urlencoded" -> {
                if (!hasType) {
                    headers.put("Content-Type", "application/x-www-form-urlencoded");
                }
                if (body == null || body instanceof String) {
                    return (String) body;
                }
                return formEncode(body);
            }
            default -> {
                return body == null ? null : Expressions.toText(body);
            }
        }
    }

    /** Python's urlencode of a mapping, or of a list of [name, value] pairs. */
    private static String formEncode(Object body) throws ModuleFailure {
        List<String> parts = new ArrayList<>();
        if (body instanceof Map<?, ?> m) {
            m.forEach((k, v) -> parts.add(enc(String.valueOf(k)) + "=" + enc(Expressions.toText(v))));
        } else if (body instanceof List<?> l) {
            for (Object item : l) {
                if (!(item instanceof List<?> pair) || pair.size() != 2) {
                    throw new ModuleFailure("failed to parse body as form_urlencoded: a list body needs [name, value] pairs");
                }
                parts.add(enc(String.valueOf(pair.get(0))) + "=" + enc(Expressions.toText(pair.get(1))));
            }
        } else {
            throw new ModuleFailure("failed to parse body as form_urlencoded: expected a mapping or a list of pairs");
        }
        return String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The body as JSON values, or null when it is not valid JSON (Ansible then leaves json out). */
    static Object parseJson(String text) {
        try {
            return JsonReader.parse(text, "response");
        } catch (JsonReader.JsonError e) {
            return null;
        }
    }

    /** Reason phrases for HTTP/2 responses, which carry none. */
    static final class HttpReasons {
        private static final Map<Integer, String> REASONS = Map.ofEntries(
                Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
                Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
                Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
                Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
                Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
                Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

        private HttpReasons() {
        }

        static String of(int status) {
            return REASONS.getOrDefault(status, "");
        }
    }
}
