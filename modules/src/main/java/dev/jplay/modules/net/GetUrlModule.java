package dev.jplay.modules.net;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.host.FileMode;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.modules.files.HostArgument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's get_url: downloads on the host itself, with curl or else wget (whichever it has), into
 * a private temp folder beside dest, and moves the file into place only when its SHA-1 differs from
 * dest's and it passes the checksum. One round trip decides and acts; the request travels on stdin
 * ({@link DownloadRequest}). Unlike Ansible, a checksum mismatch never replaces dest, and check mode
 * downloads to the temp folder to predict exactly (Ansible sends a HEAD).
 */
public final class GetUrlModule implements Module {
    private static final Set<String> ALGORITHMS = Set.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.+");

    private static final ModuleSpec SPEC = ModuleSpec.builder("get_url")
            .describe("Downloads a file over HTTP(S) or FTP on the host (curl, else wget) to dest, replacing it only "
                    + "when the content differs; checksum verifies it first. With force=false an existing dest is asked "
                    + "for with If-Modified-Since (and kept when a checksum matches). A dest folder takes the URL's file "
                    + "name (Content-Disposition is not read). Returns dest, url, status_code, checksum_src, "
                    + "checksum_dest, md5sum, size, msg, backup_file.")
            .option(OptionSpec.of("url", OptionType.STR, "What to download.").asRequired())
            .option(OptionSpec.of("dest", OptionType.PATH, "File (or folder) on the host to download to.").asRequired())
            .option(OptionSpec.of("checksum", OptionType.STR, "'<algorithm>:<hex digest>' or '<algorithm>:<URL of a "
                    + "checksums file>' (sha256sum format); the download must match it.").defaultValue(""))
            .option(OptionSpec.of("force", OptionType.BOOL, "Download even when dest exists and a checksum matches it; "
                    + "without If-Modified-Since.").defaultValue(false).aliases("thirsty"))
            .option(OptionSpec.of("backup", OptionType.BOOL, "Copy dest aside before replacing it.").defaultValue(false))
            .option(OptionSpec.of("headers", OptionType.DICT, "HTTP request headers."))
            .option(OptionSpec.of("timeout", OptionType.INT, "Seconds the request may take.").defaultValue(10))
            .option(OptionSpec.of("url_username", OptionType.STR, "User for HTTP authentication.").aliases("username"))
            .option(OptionSpec.of("url_password", OptionType.STR, "Password for HTTP authentication (sent on stdin, "
                    + "never on a command line).").aliases("password").asSecret())
            .option(OptionSpec.of("force_basic_auth", OptionType.BOOL, "Send Basic credentials without waiting for a 401.")
                    .defaultValue(false))
            .option(OptionSpec.of("validate_certs", OptionType.BOOL, "Verify the server's TLS certificate.").defaultValue(true))
            .option(OptionSpec.of("use_proxy", OptionType.BOOL, "Use the proxy environment variables.").defaultValue(true))
            .option(OptionSpec.of("http_agent", OptionType.STR, "User-Agent header.").defaultValue("ansible-httpget"))
            .option(OptionSpec.of("tmp_dest", OptionType.PATH, "Folder for the temporary download (default: dest's folder, "
                    + "so the final move is atomic)."))
            .option(OptionSpec.of("mode", OptionType.MODE, "Permissions of dest."))
            .option(OptionSpec.of("owner", OptionType.STR, "Owner of dest."))
            .option(OptionSpec.of("group", OptionType.STR, "Group of dest."))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String url = HostArgument.checked("url", a.requireString("url"));
        String dest = HostArgument.checked("dest", a.requireString("dest"));
        Map<String, String> headers = new LinkedHashMap<>();
        a.map("headers").forEach((k, v) -> headers.put(k, v == null ? "" : Expressions.toText(v)));
        DownloadRequest request = DownloadRequest.of(url, headers, a.string("url_username"), a.string("url_password"),
                a.bool("force_basic_auth"), a.bool("validate_certs"), a.bool("use_proxy"), a.integer("timeout", 10),
                a.string("http_agent"));

        String algorithm = null;
        String digest = "";
        String checksum = a.string("checksum");
        if (!checksum.isEmpty()) {
            int colon = checksum.indexOf(':');
            if (colon < 0) {
                throw new ModuleFailure("The checksum parameter has to be in format <algorithm>:<checksum>");
            }
            algorithm = checksum.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!ALGORITHMS.contains(algorithm)) {
                throw new ModuleFailure("unsupported checksum algorithm '" + algorithm + "'; use one of " + ALGORITHMS);
            }
            digest = checksum.substring(colon + 1);
            if (URL.matcher(digest).matches()) {
                digest = ChecksumList.find(download(ctx, DownloadRequest.of(digest, headers, a.string("url_username"),
                        a.string("url_password"), a.bool("force_basic_auth"), a.bool("validate_certs"), a.bool("use_proxy"),
                        a.integer("timeout", 10), a.string("http_agent")), digest), urlFilename(url), digest);
            }
            digest = digest.replaceAll("\\W+", "").toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]+")) {
                throw new ModuleFailure("The checksum format is invalid");
            }
        }

        ExecResult r = ctx.exec(script(a, dest, urlFilename(url), algorithm, digest, ctx.checkMode()), request.stdin());
        GetUrlOutcome o = GetUrlOutcome.parse(r.out());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", url);
        values.put("dest", o.dest().isEmpty() ? dest : o.dest());
        switch (o.verdict()) {
            case "none" -> throw new ModuleFailure("get_url downloads on the host with curl or wget, and " + ctx.host()
                    + " has neither in PATH; install one of them there");
            case "nodir" -> throw new ModuleFailure("Destination " + o.detail() + " does not exist", values);
            case "badsum" -> throw new ModuleFailure("The checksum for " + o.dest() + " did not match " + digest + "; it was "
                    + o.detail() + ". (dest was left as it was)", values);
            case "http" -> {
                // below
            }
            case "exists" -> {
                // checksum matched an existing dest: only attributes
            }
            default -> throw new ModuleFailure("get_url failed on the host: " + r.errTrimmed(), Map.of("rc", r.exitCode()));
        }
        boolean changed = false;
        String msg;
        if (o.verdict().equals("exists")) {
            msg = "file already exists";
        } else if (o.status() == 304) {
            msg = "HTTP Error 304: Not Modified";
            values.put("status_code", 304);
        } else if (o.status() != 200 || o.toolExit() != 0) {
            values.put("status_code", o.status() > 0 ? o.status() : -1);
            String why = o.status() > 0 ? "Request failed" : "Request failed: " + firstLine(r.errTrimmed());
            values.put("response", o.status() > 0 ? "HTTP Error " + o.status() : firstLine(r.errTrimmed()));
            return ModuleResult.ok().failed().msg(why).values(values).build();
        } else {
            changed = !o.sha1Src().equals(o.sha1Dest());
            values.put("status_code", 200);
            values.put("checksum_src", o.sha1Src());
            values.put("checksum_dest", o.sha1Dest().isEmpty() ? null : o.sha1Dest());
            values.put("md5sum", o.md5());
            values.put("size", o.size());
            msg = "OK (" + o.size() + " bytes)";
            if (!o.backup().isEmpty()) {
                values.put("backup_file", o.backup());
            }
        }
        FileAttributes attrs = new FileAttributes(FileMode.normalize(a.string("mode")), blank(a.string("owner")),
                blank(a.string("group")));
        if (!attrs.isEmpty() && !(ctx.checkMode() && changed)) {
            boolean attrsChanged = ctx.files().applyAttributes((String) values.get("dest"), attrs, ctx.checkMode());
            if (attrsChanged && !changed && o.verdict().equals("exists")) {
                msg = "file already exists but file attributes changed";
            }
            changed |= attrsChanged;
        }
        return ModuleResult.changed(changed).msg(msg).values(values).build();
    }

    /** The decide-and-act script; see {@link GetUrlOutcome} for what it prints. */
    static String script(ModuleArgs a, String dest, String fileName, String algorithm, String digest, boolean check) {
        boolean force = a.bool("force");
        StringBuilder s = new StringBuilder();
        s.append("jp_d=").append(quote(dest)).append("; [ -d \"$jp_d\" ] && jp_d=${jp_d%/}/").append(quote(fileName)).append('\n');
        s.append("case $jp_d in -*) jp_d=./$jp_d;; esac\n");
        s.append("jp_force=").append(force ? 1 : 0).append('\n');
        s.append("if command -v curl >/dev/null 2>&1; then jp_tool=curl; elif command -v wget >/dev/null 2>&1; then "
                + "jp_tool=wget; else echo 'R none'; exit 0; fi\n");
        if (algorithm != null && !force) {
            s.append("if [ -f \"$jp_d\" ]; then jp_s=$(").append(algorithm).append("sum < \"$jp_d\") || exit 1; ")
                    .append("if [ \"${jp_s%% *}\" = ").append(digest).append(" ]; then echo 'R exists'; printf 'D %s' \"$jp_d\"; "
                            + "exit 0; fi; jp_force=1; fi\n");
        }
        s.append("jp_dir=$(dirname -- \"$jp_d\"); [ -d \"$jp_dir\" ] || { printf 'R nodir %s\\n' \"$jp_dir\"; exit 0; }\n");
        String tmpBase = a.has("tmp_dest") ? quote(a.string("tmp_dest")) : "\"$jp_dir\"";
        s.append("t=$(mktemp -d ").append(tmpBase).append("/.jplay-get_url.XXXXXX) || exit 1; trap 'rm -rf \"$t\"' EXIT\n");
        s.append("awk -v d=\"$t\" '/^").append(DownloadRequest.SPLIT).append("$/{n++; next} {print > (d \"/part\" n)}'\n");
        s.append("jp_ims=; [ -f \"$jp_d\" ] && [ \"$jp_force\" = 0 ] && jp_ims=1\n");
        s.append("if [ $jp_tool = curl ]; then\n"
                + "  jp_code=$(curl -q -K \"$t/part\" ${jp_ims:+-z \"$jp_d\"} -s -S -o \"$t/body\" -w '%{http_code}'); jp_rc=$?\n"
                + "else\n"
                + "  if [ -n \"$jp_ims\" ]; then printf 'header = If-Modified-Since: %s\\n' "
                + "\"$(LC_ALL=C date -u -r \"$jp_d\" '+%a, %d %b %Y %H:%M:%S GMT')\" >> \"$t/part1\"; fi\n"
                + "  wget -q -S --config=\"$t/part1\" -O \"$t/body\" -i \"$t/part2\" 2> \"$t/err\"; jp_rc=$?\n"
                + "  jp_code=$(sed -n 's/^ *HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' \"$t/err\" | tail -n 1)\n"
                + "  [ \"$jp_code\" = 304 ] && jp_rc=0; [ -z \"$jp_code\" ] && grep -v '^ ' \"$t/err\" >&2\n"
                + "fi\n");
        s.append("printf 'R http %s %s\\n' \"$jp_rc\" \"${jp_code:-0}\"\n");
        s.append("if [ \"$jp_rc\" = 0 ] && [ \"$jp_code\" = 200 ]; then\n");
        if (algorithm != null) {
            s.append("  jp_s=$(").append(algorithm).append("sum < \"$t/body\"); jp_s=${jp_s%% *}\n")
                    .append("  if [ \"$jp_s\" != ").append(digest).append(" ]; then printf 'R badsum %s\\n' \"$jp_s\"; ")
                    .append("printf 'D %s' \"$jp_d\"; exit 0; fi\n");
        }
        s.append("  jp_src=$(sha1sum < \"$t/body\"); jp_src=${jp_src%% *}; jp_dst=\n"
                + "  if [ -f \"$jp_d\" ]; then jp_dst=$(sha1sum < \"$jp_d\"); jp_dst=${jp_dst%% *}; fi\n"
                + "  jp_md5=$(md5sum < \"$t/body\"); printf 'S %s %s %s %s\\n' \"$jp_src\" \"${jp_dst:--}\" \"${jp_md5%% *}\" "
                + "\"$(wc -c < \"$t/body\")\"\n");
        if (!check) {
            s.append("  if [ \"$jp_src\" != \"$jp_dst\" ]; then\n");
            if (a.bool("backup")) {
                s.append("    if [ -f \"$jp_d\" ]; then jp_b=$jp_d.$(date +%Y-%m-%d@%H:%M:%S)~; cp -p -- \"$jp_d\" \"$jp_b\" "
                        + "|| exit 1; printf 'B %s\\n' \"$jp_b\"; fi\n");
            }
            s.append("    if [ -e \"$jp_d\" ]; then chmod --reference=\"$jp_d\" \"$t/body\"; "
                    + "chown --reference=\"$jp_d\" \"$t/body\" 2>/dev/null || true; "
                    + "else chmod \"$(printf '%o' $((0666 & ~0$(umask))))\" \"$t/body\"; fi\n"
                    + "    mv -f -- \"$t/body\" \"$jp_d\" || exit 1\n"
                    + "  fi\n");
        }
        s.append("fi\nprintf 'D %s' \"$jp_d\"");
        return s.toString();
    }

    /** Downloads a small text (a checksums file) and returns it. */
    private static String download(ModuleContext ctx, DownloadRequest request, String url) throws ModuleFailure {
        String script = "t=$(mktemp -d) || exit 1; trap 'rm -rf \"$t\"' EXIT\n"
                + "awk -v d=\"$t\" '/^" + DownloadRequest.SPLIT + "$/{n++; next} {print > (d \"/part\" n)}'\n"
                + "if command -v curl >/dev/null 2>&1; then curl -q -f -K \"$t/part\" -s -S -o \"$t/body\" || exit 1; "
                + "elif command -v wget >/dev/null 2>&1; then wget -q --config=\"$t/part1\" -O \"$t/body\" -i \"$t/part2\" || exit 1; "
                + "else echo 'neither curl nor wget on the host' >&2; exit 1; fi; cat \"$t/body\"";
        ExecResult r = ctx.exec(script, request.stdin());
        if (!r.ok()) {
            throw new ModuleFailure("cannot download the checksums file " + url + ": " + r.errTrimmed());
        }
        return r.out();
    }

    /** Ansible's url_filename: the last path part, or index.html. */
    static String urlFilename(String url) {
        String path = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "index.html" : java.net.URLDecoder.decode(name.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        return List.of(s.split("\n")).get(0);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
