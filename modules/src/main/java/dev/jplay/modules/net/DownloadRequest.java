package dev.jplay.modules.net;

import dev.jplay.engine.spi.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What get_url asks the host's downloader for, as the stdin of its script: a curl config and a
 * wgetrc plus URL list, so that whichever of the two the host has finds its request there, and the
 * URL, headers and password never appear on a command line. Parts are separated by a
 * {@value #SPLIT} line; values with a newline (which no URL, header or wgetrc line can hold) are refused.
 */
record DownloadRequest(String curlConfig, String wgetrc, String url) {
    static final String SPLIT = "#jplay-split";

    static DownloadRequest of(String url, Map<String, String> headers, String user, String password, boolean basic,
                              boolean validateCerts, boolean useProxy, long timeout, String agent) throws ModuleFailure {
        noNewline("url", url);
        CurlConfig c = new CurlConfig();
        StringBuilder w = new StringBuilder();
        c.option("url", url);
        c.flag("location");
        c.option("max-redirs", "10");
        c.option("max-time", String.valueOf(Math.max(1, timeout)));
        c.option("user-agent", agent);
        w.append("tries = 1\nmax_redirect = 10\ntimeout = ").append(Math.max(1, timeout)).append('\n');
        w.append("user_agent = ").append(noNewline("http_agent", agent)).append('\n');
        for (var h : headers.entrySet()) {
            String line = noNewline("headers", h.getKey() + ": " + h.getValue());
            c.option("header", line);
            w.append("header = ").append(line).append('\n');
        }
        if (user != null) {
            c.option("user", user + ":" + (password == null ? "" : password));
            c.flag(basic ? "basic" : "anyauth");
            w.append("http_user = ").append(noNewline("url_username", user)).append('\n');
            w.append("http_password = ").append(noNewline("url_password", password == null ? "" : password)).append('\n');
            if (basic) {
                w.append("auth_no_challenge = on\n");
            }
        }
        if (!validateCerts) {
            c.flag("insecure");
            w.append("check_certificate = off\n");
        }
        if (!useProxy) {
            c.option("noproxy", "*");
            w.append("use_proxy = off\n");
        }
        return new DownloadRequest(c.toString(), w.toString(), url);
    }

    byte[] stdin() {
        return (curlConfig + SPLIT + "\n" + wgetrc + SPLIT + "\n" + url + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String noNewline(String option, String value) throws ModuleFailure {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new ModuleFailure("option '" + option + "' must not contain a newline or NUL");
        }
        return value;
    }
}
