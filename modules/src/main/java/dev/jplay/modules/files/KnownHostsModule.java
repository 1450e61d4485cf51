package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's known_hosts: one host key in a known_hosts file, found with the host's own
 * {@code ssh-keygen -F} (so hashed entries match), decided exactly as Ansible decides (same key: kept;
 * same type, other key: replaced in place of the line found; else appended), written atomically.
 * One probe round trip (the sanity check of the key included), one write when something changes.
 * Unlike Ansible, removing a host without a key leaves no {@code known_hosts.old} behind.
 */
public final class KnownHostsModule implements Module {
    private static final Pattern FOUND = Pattern.compile("found: line (\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ModuleSpec SPEC = ModuleSpec.builder("known_hosts")
            .describe("Adds or removes a host's key in a known_hosts file (needs ssh-keygen on the host). key is a "
                    + "known_hosts line ('host ssh-ed25519 AAAA...') whose host field matches name; hash_host stores "
                    + "the name hashed. Returns name, key, path, hash_host, state.")
            .option(OptionSpec.of("name", OptionType.STR, "The host name (or [name]:port) the key belongs to.").asRequired()
                    .aliases("host"))
            .option(OptionSpec.of("key", OptionType.STR, "The known_hosts line for the host (required with state=present)."))
            .option(OptionSpec.of("path", OptionType.PATH, "The known_hosts file.").defaultValue("~/.ssh/known_hosts"))
            .option(OptionSpec.of("hash_host", OptionType.BOOL, "Hash the host name in the stored line.").defaultValue(false))
            .option(OptionSpec.of("state", OptionType.STR, "Whether the key should be there.").defaultValue("present")
                    .choices("present", "absent"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String host = HostArgument.checked("name", a.requireString("name")).toLowerCase(java.util.Locale.ROOT);
        String key = HostArgument.checked("key", a.string("key"));
        String path = HostArgument.checked("path", a.string("path"));
        boolean present = "present".equals(a.string("state"));
        if ((key == null || key.isEmpty()) && present) {
            throw new ModuleFailure("No key specified when adding a host");
        }
        if (key != null && key.isEmpty()) {
            key = null;
        }
        if (key != null && a.bool("hash_host")) {
            key = hashed(host, key);
        }
        if (key != null && !key.endsWith("\n")) {
            key += "\n";
        }
        if (key != null && Pattern.compile("\\S+(\\s+)?,(\\s+)?").matcher(host).find()) {
            throw new ModuleFailure("Comma separated list of names is not supported. Please pass a single name to lookup "
                    + "in the known_hosts file.");
        }
        if (path.startsWith("~") && !path.startsWith("~/")) {
            path = HomePath.expand(ctx, path);
        }
        Probe p = probe(ctx, host, key, path);

        boolean found = false;
        boolean replaceOrAdd = false;
        Integer foundLine = null;
        if (p.exists() && !(p.searchOut().isEmpty() && p.searchErr().isEmpty() && (p.rc() == 0 || p.rc() == 1))) {
            if (p.rc() != 0) {
                throw new ModuleFailure("ssh-keygen failed (rc=" + p.rc() + ", stdout='" + p.searchOut() + "',stderr='"
                        + p.searchErr() + "')");
            }
            found = true;
            if (key != null) {
                replaceOrAdd = true;
                boolean sameType = false;
                Map<String, String> wanted = normalize(key);
                for (String l : p.searchOut().split("\n")) {
                    if (l.isEmpty()) {
                        continue;
                    }
                    if (l.startsWith("#")) {
                        Matcher m = FOUND.matcher(l);
                        foundLine = m.find() ? Integer.valueOf(m.group(1)) : foundLine;
                        continue;
                    }
                    Map<String, String> have = normalize(l);
                    if (wanted.get("host").startsWith("|1|") && have.get("host").startsWith("|1|")) {
                        wanted.put("host", have.get("host"));
                    }
                    if (wanted.equals(have)) {
                        replaceOrAdd = false;
                        break;
                    }
                    if (wanted.get("type").equals(have.get("type"))) {
                        sameType = true;
                        break;
                    }
                }
                if (replaceOrAdd && !sameType) {
                    // no key of this type for the host: add, remove nothing
                    foundLine = null;
                }
            }
        }
        ModuleResult.Builder res = ModuleResult.ok().value("name", host).value("key", key).value("path", path)
                .value("hash_host", a.bool("hash_host")).value("state", a.string("state"));

        List<String> lines = new ArrayList<>(List.of(p.content().split("(?<=\n)")));
        lines.removeIf(String::isEmpty);
        List<String> after = new ArrayList<>(lines);
        boolean changed;
        if (!present && key == null) {
            changed = found;
            List<Integer> all = new ArrayList<>();
            Matcher m = FOUND.matcher(p.searchOut());
            while (m.find()) {
                all.add(Integer.parseInt(m.group(1)));
            }
            all.sort(java.util.Comparator.reverseOrder());
            for (int n : all) {
                if (n >= 1 && n <= after.size()) {
                    after.remove(n - 1);
                }
            }
        } else if (!present && foundLine == null) {
            changed = false;
        } else {
            changed = replaceOrAdd || found != present;
            if ((replaceOrAdd || !present) && foundLine != null && foundLine >= 1 && foundLine <= after.size()) {
                after.remove(foundLine - 1);
            }
            if (present && (replaceOrAdd || foundLine == null)) {
                after.add(key);
            }
        }
        res.changed(changed);
        if (!changed) {
            return res.build();
        }
        String before = String.join("", lines);
        String text = String.join("", after);
        if (ctx.diffMode()) {
            res.diff(new FileDiff(p.exists() ? path : "/dev/null", before, path, text));
        }
        if (!ctx.checkMode()) {
            ctx.files().write(p.file(), text.getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
        }
        return res.build();
    }

    /** What the probe saw: the real path, whether it exists, ssh-keygen -F's answer and the content. */
    private record Probe(String file, boolean exists, int rc, String searchOut, String searchErr, String content) {
    }

    private static Probe probe(ModuleContext ctx, String host, String key, String path) throws ModuleFailure {
        String h = quote(host);
        String f = path.startsWith("~/") ? "\"$HOME\"/" + quote(path.substring(2)) : quote(path);
        StringBuilder s = new StringBuilder("command -v ssh-keygen >/dev/null 2>&1 || { echo nokeygen; exit 0; }\n")
                .append("jp_f=").append(f).append("; case $jp_f in -*) jp_f=./$jp_f;; esac\n")
                .append("t=$(mktemp -d) || exit 1; trap 'rm -rf \"$t\"' EXIT\n");
        if (key != null) {
            s.append("cat > \"$t/key\"; [ -n \"$(ssh-keygen -F ").append(h).append(" -f \"$t/key\" 2>/dev/null)\" ] "
                    + "|| { echo insane; exit 0; }\n");
        }
        s.append("printf 'file=%s\\n' \"$jp_f\"\n")
                .append("if [ -f \"$jp_f\" ]; then ssh-keygen -F ").append(h).append(" -f \"$jp_f\" > \"$t/o\" 2> \"$t/e\"; "
                        + "printf 'rc=%s\\n' \"$?\"; base64 < \"$t/o\" | tr -d '\\n'; echo; base64 < \"$t/e\" | tr -d '\\n'; "
                        + "echo; base64 < \"$jp_f\" | tr -d '\\n'; echo; else echo absent; fi");
        ExecResult r = ctx.exec(s.toString(), key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new ModuleFailure("cannot read " + path + " on the host: " + r.errTrimmed());
        }
        String[] out = r.out().split("\n", -1);
        if (out[0].equals("nokeygen")) {
            throw new ModuleFailure("known_hosts needs ssh-keygen on the host, and " + ctx.host() + " has none in PATH");
        }
        if (out[0].equals("insane")) {
            throw new ModuleFailure("Host parameter does not match hashed host field in supplied key");
        }
        String file = out[0].substring("file=".length());
        if (out.length < 2 || out[1].equals("absent")) {
            return new Probe(file, false, 1, "", "", "");
        }
        Base64.Decoder d = Base64.getMimeDecoder();
        return new Probe(file, true, Integer.parseInt(out[1].substring(3)), new String(d.decode(out[2]), StandardCharsets.UTF_8),
                new String(d.decode(out[3]), StandardCharsets.UTF_8), new String(d.decode(out[4]), StandardCharsets.UTF_8));
    }

    /** Ansible's normalize_known_hosts_key: options (a leading @marker), host, type, key; the comment dropped. */
    static Map<String, String> normalize(String line) throws ModuleFailure {
        String[] k = line.strip().split("\\s+");
        Map<String, String> d = new java.util.HashMap<>();
        int i = k[0].startsWith("@") ? 1 : 0;
        if (k.length < i + 3) {
            throw new ModuleFailure("not a known_hosts line: " + line.strip());
        }
        if (i == 1) {
            d.put("options", k[0]);
        }
        d.put("host", k[i]);
        d.put("type", k[i + 1]);
        d.put("key", k[i + 2]);
        return d;
    }

    /** Ansible's hash_host_key: the host field replaced by |1|salt|HMAC-SHA1(salt, host). */
    static String hashed(String host, String key) throws ModuleFailure {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] h = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            String[] parts = key.strip().split("\\s+");
            int i = parts[0].startsWith("@") ? 1 : 0;
            parts[i] = "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(h);
            return String.join(" ", parts);
        } catch (GeneralSecurityException e) {
            throw new ModuleFailure("cannot hash the host name: " + e.getMessage());
        }
    }
}
