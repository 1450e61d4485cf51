package dev.jplay.modules.net;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the uri script printed, taken apart: {@value #DONE} with curl's exit code and the sizes of
 * the header and body dumps, curl's write-out line (status, redirect count, final URL), then the
 * header dump and the body, byte for byte.
 *
 * @param curlExit  curl's exit code (0 when a response arrived)
 * @param status    the final HTTP status, 0 when there was none
 * @param redirects how many redirects curl followed
 * @param url       the final URL
 * @param reason    the status line's reason phrase (empty with HTTP/2)
 * @param headers   the final response's headers, names lower-cased; repeated headers joined with ", "
 * @param cookies   cookies the responses set, name to value
 * @param body      the response body
 */
record CurlResponse(int curlExit, int status, int redirects, String url, String reason, Map<String, String> headers,
                    Map<String, String> cookies, byte[] body) {

    static final String DONE = "jplay-uri:done";

    /** Parses the script's stdout; throws IllegalArgumentException when it is not in the expected form. */
    static CurlResponse parse(byte[] out) {
        int firstNl = indexOf(out, 0);
        int secondNl = firstNl < 0 ? -1 : indexOf(out, firstNl + 1);
        if (secondNl < 0) {
            throw new IllegalArgumentException("unexpected output from the request script");
        }
        String[] meta = new String(out, 0, firstNl, StandardCharsets.UTF_8).trim().split("\\s+");
        if (meta.length != 4 || !meta[0].equals(DONE)) {
            throw new IllegalArgumentException("unexpected output from the request script");
        }
        int curlExit = Integer.parseInt(meta[1]);
        int headerLen = Integer.parseInt(meta[2]);
        int bodyLen = Integer.parseInt(meta[3]);
        String[] w = new String(out, firstNl + 1, secondNl - firstNl - 1, StandardCharsets.UTF_8).split(" ", 3);
        int status = w.length > 0 && w[0].matches("\\d+") ? Integer.parseInt(w[0]) : 0;
        int redirects = w.length > 1 && w[1].matches("\\d+") ? Integer.parseInt(w[1]) : 0;
        String url = w.length > 2 ? w[2] : "";
        int hStart = secondNl + 1;
        if (hStart + headerLen + bodyLen > out.length) {
            throw new IllegalArgumentException("the response was cut short");
        }
        String headerText = new String(out, hStart, headerLen, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(out, hStart + headerLen, hStart + headerLen + bodyLen);

        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> cookies = new LinkedHashMap<>();
        String reason = "";
        List<String> blocks = responseBlocks(headerText);
        for (int b = 0; b < blocks.size(); b++) {
            boolean last = b == blocks.size() - 1;
            String[] lines = blocks.get(b).split("\r?\n");
            if (last) {
                String[] statusLine = lines[0].split(" ", 3);
                reason = statusLine.length > 2 ? statusLine[2].strip() : "";
            }
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                if (name.equals("set-cookie")) {
                    String pair = value.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                    }
                }
                if (last) {
                    headers.merge(name, value, (a, x) -> a + ", " + x);
                }
            }
        }
        return new CurlResponse(curlExit, status, redirects, url, reason, headers, cookies, body);
    }

    /** The header blocks of each response curl received (several with redirects or 100 Continue). */
    private static List<String> responseBlocks(String dump) {
        List<String> blocks = new ArrayList<>();
        for (String block : dump.split("\r?\n\r?\n")) {
            if (block.startsWith("HTTP/")) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** The body as text, in the charset the content type names (UTF-8 when none or unknown). */
    String text() {
        Charset cs = StandardCharsets.UTF_8;
        String ct = headers.getOrDefault("content-type", "");
        for (String part : ct.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    cs = Charset.forName(p.substring(8).replace("\"", "").strip());
                } catch (RuntimeException e) {
                    cs = StandardCharsets.UTF_8;
                }
            }
        }
        return new String(body, cs);
    }

    /** As Ansible decides: the content type's subtype, or its +suffix, is json or javascript. */
    boolean looksLikeJson() {
        String ct = headers.getOrDefault("content-type", "").split(";")[0].strip().toLowerCase(Locale.ROOT);
        int slash = ct.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String sub = ct.substring(slash + 1);
        int plus = sub.indexOf('+');
        String kind = plus >= 0 ? sub.substring(plus + 1) : sub;
        return kind.equals("json") || kind.equals("javascript");
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
