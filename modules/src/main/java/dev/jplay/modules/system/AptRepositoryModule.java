package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.host.FileMode;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.builtin.apt_repository for one-line {@code deb}/{@code deb-src} sources: reads sources.list and
 * sources.list.d/*.list where apt-config says they are, enables or appends (to the file named as Ansible
 * derives it) or removes the source, rewrites the changed files normalised as Ansible does, and runs
 * apt-get update after a change (reverting the files when it keeps failing, as Ansible). PPAs need
 * Launchpad's signing key and are refused at run time.
 */
public final class AptRepositoryModule implements Module {

    private static final String MARK = "--jplay-apt-source--";
    private static final String END = "--jplay-apt-source-end--";
    private static final Pattern OPTIONS = Pattern.compile("\\[[^\\]]+\\]");
    private static final Pattern SCHEME = Pattern.compile("\\w+://");

    private static final ModuleSpec SPEC = ModuleSpec.builder("apt_repository")
            .describe("Adds or removes an APT source line (deb / deb-src) in sources.list.d, then updates the cache.")
            .option(OptionSpec.of("repo", OptionType.STR, "The source line, e.g. 'deb http://host/debian bookworm main'.").asRequired())
            .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
            .option(OptionSpec.of("mode", OptionType.MODE, "Mode of a file a source is appended to (default 0644)."))
            .option(OptionSpec.of("update_cache", OptionType.BOOL, "Run apt-get update after a change.").defaultValue(true)
                    .aliases("update-cache"))
            .option(OptionSpec.of("update_cache_retries", OptionType.INT, "Tries of apt-get update.").defaultValue(5))
            .option(OptionSpec.of("update_cache_retry_max_delay", OptionType.INT, "Longest wait between tries, seconds.")
                    .defaultValue(12))
            .option(OptionSpec.of("filename", OptionType.STR, "File name in sources.list.d, without .list (default derived from "
                    + "the URL, as Ansible)."))
            .option(OptionSpec.of("codename", OptionType.STR, "Distribution codename for PPAs (which jplay refuses)."))
            .option(OptionSpec.of("validate_certs", OptionType.BOOL, "For PPA key downloads (which jplay refuses).").defaultValue(true))
            .option(OptionSpec.of("install_python_apt", OptionType.BOOL, "Accepted; jplay needs no Python on the host.")
                    .defaultValue(true))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String repo = SingleLine.require("repo", a.string("repo"));
        if (repo.isBlank()) {
            throw new ModuleFailure("Please set argument 'repo' to a non-empty value");
        }
        if (repo.strip().startsWith("ppa:")) {
            throw new ModuleFailure("PPA repositories (" + repo.strip() + ") are not supported by jplay: they need Launchpad's "
                    + "signing key; give the deb line and the key (get_url to /etc/apt/keyrings) instead");
        }
        boolean present = a.string("state").equals("present");
        String source = AptSources.normalise(repo);
        if (source == null) {
            throw new ModuleFailure("Invalid repository string: " + repo.strip());
        }
        String filename = a.string("filename");
        if (filename != null) {
            SingleLine.field("filename", filename);
        }

        Probe p = probe(ctx);
        AptSources before = AptSources.of(p.texts());
        String target = expand(p.parts(), suggestFilename(source, filename));
        AptSources after = present ? before.add(source, target) : before.remove(source);
        Map<String, String> was = before.dump();
        Map<String, String> now = after.dump();
        boolean changed = !was.equals(now);
        ModuleResult.Builder b = ModuleResult.changed(changed).value("repo", repo).value("state", a.string("state"));
        if (!changed) {
            return b.build();
        }
        Set<String> paths = new LinkedHashSet<>(was.keySet());
        paths.addAll(now.keySet());
        if (ctx.diffMode()) {
            for (String f : paths) {
                b.diff(new FileDiff(was.containsKey(f) ? f : "/dev/null", was.getOrDefault(f, ""), now.containsKey(f) ? f : "/dev/null",
                        now.getOrDefault(f, "")));
            }
        }
        b.msg((present ? "added " : "removed ") + source);
        if (ctx.checkMode()) {
            return b.build();
        }
        boolean appended = !before.files().getOrDefault(target, java.util.List.of()).equals(after.files().getOrDefault(target,
                java.util.List.of())) && present;
        String mode = a.string("mode") == null ? "0644" : FileMode.normalize(a.string("mode"));
        save(ctx, p, after, appended ? target : null, mode);
        if (a.bool("update_cache")) {
            String err = update(ctx, (int) a.integer("update_cache_retries", 5), (int) a.integer("update_cache_retry_max_delay", 12));
            if (err != null) {
                save(ctx, new Probe(p.parts(), after.dump()), before, null, null);
                throw new ModuleFailure("Failed to update apt cache: " + err);
            }
        }
        return b.build();
    }

    /** Writes every file whose normalised text differs from what was read; removes files left without lines. */
    private static void save(ModuleContext ctx, Probe p, AptSources sources, String appendedTo, String mode) throws ModuleFailure {
        Map<String, String> dump = sources.dump();
        Set<String> all = new LinkedHashSet<>(sources.files().keySet());
        all.addAll(p.texts().keySet());
        for (String f : all) {
            String text = dump.get(f);
            if (text == null) {
                if (p.texts().containsKey(f)) {
                    ExecResult r = ctx.exec("rm -f -- " + quote(f));
                    if (!r.ok()) {
                        throw new ModuleFailure("removing " + f + " failed: " + r.errTrimmed());
                    }
                }
            } else if (!text.equals(p.texts().get(f)) || f.equals(appendedTo)) {
                if (!p.texts().containsKey(f)) {
                    ctx.exec("mkdir -p -- " + quote(f.substring(0, Math.max(1, f.lastIndexOf('/')))));
                }
                ctx.files().write(f, text.getBytes(StandardCharsets.UTF_8),
                        f.equals(appendedTo) ? new FileAttributes(mode, null, null) : FileAttributes.NONE);
            }
        }
    }

    /** apt-get update, tried as Ansible does (exponential back-off up to the max delay); the last error or null. */
    private static String update(ModuleContext ctx, int retries, int maxDelay) throws ModuleFailure {
        String err = "";
        for (int i = 0; i < Math.max(1, retries); i++) {
            ExecResult r = ctx.exec("export LANG=C LC_ALL=C DEBIAN_FRONTEND=noninteractive; apt-get update -q");
            if (r.ok()) {
                return null;
            }
            err = (r.err() + r.out()).strip();
            long delay = Math.min((1L << i), maxDelay);
            if (i + 1 < retries) {
                try {
                    Thread.sleep(delay * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModuleFailure("interrupted while waiting to retry apt-get update");
                }
            }
        }
        return err;
    }

    /** Ansible's _suggest_filename: the host and path of the URL (no options, scheme, credentials) as name_parts.list. */
    static String suggestFilename(String source, String filename) {
        if (filename != null) {
            return filename + ".list";
        }
        String line = SCHEME.matcher(OPTIONS.matcher(source).replaceAll("")).replaceAll("");
        String first = "";
        for (String part : line.strip().split("\\s+")) {
            if (!part.equals("deb") && !part.equals("deb-src")) {
                first = part;
                break;
            }
        }
        int at = first.indexOf('@');
        if (at >= 0) {
            first = first.substring(at + 1);
        }
        return String.join("_", first.replaceAll("[^a-zA-Z0-9]", " ").strip().split("\\s+")) + ".list";
    }

    private static String expand(String parts, String name) {
        return name.contains("/") ? name : parts + "/" + name;
    }

    /** Where apt keeps its sources, and every sources file's text by path. */
    private record Probe(String parts, Map<String, String> texts) {
    }

    private static Probe probe(ModuleContext ctx) throws ModuleFailure {
        ExecResult r = ctx.exec("command -v apt-config >/dev/null 2>&1 || { echo 'apt_repository needs apt (apt-config not found): "
                + "Debian and Ubuntu hosts only' >&2; exit 127; }; "
                + "eval \"$(apt-config shell jp_list Dir::Etc::sourcelist/f jp_parts Dir::Etc::sourceparts/d 2>/dev/null)\"; "
                + "jp_parts=${jp_parts%/}; printf 'parts=%s\\n' \"$jp_parts\"; "
                + "for f in \"$jp_list\" \"$jp_parts\"/*.list; do [ -f \"$f\" ] || continue; printf '%s %s\\n' " + MARK + " \"$f\"; "
                + "cat -- \"$f\" || exit 3; printf '\\n" + END + "\\n'; done");
        if (!r.ok()) {
            throw new ModuleFailure("reading the APT sources failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        String out = r.out();
        String parts = out.startsWith("parts=") ? out.substring(6, Math.max(6, out.indexOf('\n'))) : null;
        Map<String, String> texts = new LinkedHashMap<>();
        String head = "\n" + MARK + " ";
        String tail = "\n" + END + "\n";
        for (int at = out.indexOf(head); at >= 0; at = out.indexOf(head, at + 1)) {
            int nl = out.indexOf('\n', at + head.length());
            int end = out.indexOf(tail, nl);
            if (nl < 0 || end < 0) {
                throw new ModuleFailure("reading the APT sources: unexpected output: " + r.outTrimmed());
            }
            texts.put(out.substring(at + head.length(), nl), out.substring(nl + 1, end));
            at = end;
        }
        if (parts == null || parts.isEmpty()) {
            throw new ModuleFailure("apt-config did not say where sources.list.d is: " + r.outTrimmed());
        }
        return new Probe(parts, texts);
    }
}
