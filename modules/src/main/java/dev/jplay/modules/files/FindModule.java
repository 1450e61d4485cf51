package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.regex.PythonRegex;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.modules.commands.ExpandingQuoter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's find: files below folders chosen by name, type, age, size and content. The first round
 * trip lists every folder with {@code find ... -exec stat} (NUL-separated, so any name is safe); the
 * entries are put back in os.walk's order and filtered here exactly as Ansible filters them. Only when
 * contains or get_checksum asks for it, a second round trip sends the candidates' content/SHA-1.
 */
public final class FindModule implements Module {
    private static final String STAT_FORMAT = "E|%F|%a|%u|%g|%U|%G|%s|%i|%d|%h|%.9X|%.9Y|%.9Z|%n\\0";
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)([smhdw])?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)([bkmgt])?$");

    private static final ModuleSpec SPEC = ModuleSpec.builder("find")
            .describe("Finds files (or folders, links) below folders on the host by name patterns, age, size and content. "
                    + "Returns files (each with path and stat keys), matched, examined, skipped_paths, msg. Never changes "
                    + "anything. Needs GNU find and stat on the host.")
            .option(OptionSpec.of("paths", OptionType.LIST, "Folders to search ($VAR and ~ expanded).").asRequired()
                    .aliases("name", "path"))
            .option(OptionSpec.of("patterns", OptionType.LIST, "Base-name patterns, any of which must match: shell globs, or "
                    + "Python regexps with use_regex. Default all.").defaultValue(List.of()).aliases("pattern"))
            .option(OptionSpec.of("excludes", OptionType.LIST, "Base-name patterns that rule a match out.").aliases("exclude"))
            .option(OptionSpec.of("contains", OptionType.STR, "A Python regexp a line must match from its start (file_type "
                    + "file only); with read_whole_file, searched in the whole content."))
            .option(OptionSpec.of("read_whole_file", OptionType.BOOL, "Search contains in the whole file, not per line.")
                    .defaultValue(false))
            .option(OptionSpec.of("file_type", OptionType.STR, "What to find.").defaultValue("file")
                    .choices("any", "directory", "file", "link"))
            .option(OptionSpec.of("age", OptionType.STR, "At least this old ('2d', '1w', '30m', seconds), or with a minus "
                    + "at most ('-1h')."))
            .option(OptionSpec.of("age_stamp", OptionType.STR, "Which time age looks at.").defaultValue("mtime")
                    .choices("atime", "ctime", "mtime"))
            .option(OptionSpec.of("size", OptionType.STR, "At least this big ('10k', '1m', bytes), or with a minus at most; "
                    + "regular files only."))
            .option(OptionSpec.of("recurse", OptionType.BOOL, "Look in subfolders too.").defaultValue(false))
            .option(OptionSpec.of("hidden", OptionType.BOOL, "Include names starting with a dot.").defaultValue(false))
            .option(OptionSpec.of("follow", OptionType.BOOL, "Descend into symlinked folders.").defaultValue(false))
            .option(OptionSpec.of("get_checksum", OptionType.BOOL, "Add the SHA-1 of matched regular files as checksum.")
                    .defaultValue(false))
            .option(OptionSpec.of("use_regex", OptionType.BOOL, "patterns and excludes are Python regexps (matched at the "
                    + "name's start), not globs.").defaultValue(false))
            .option(OptionSpec.of("depth", OptionType.INT, "With recurse, how many levels down at most (1: direct children)."))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        boolean regex = a.bool("use_regex");
        List<NamePattern> patterns = compile(a.stringList("patterns").isEmpty() ? List.of(regex ? ".*" : "*")
                : a.stringList("patterns"), regex, "patterns");
        List<NamePattern> excludes = compile(a.stringList("excludes"), regex, "excludes");
        Long age = a.has("age") ? amount(a.string("age"), AGE, Map.of("s", 1L, "m", 60L, "h", 3600L, "d", 86400L,
                "w", 604800L), "failed to process age") : null;
        Long size = a.has("size") ? amount(a.string("size"), SIZE, Map.of("b", 1L, "k", 1024L, "m", 1L << 20, "g", 1L << 30,
                "t", 1L << 40), "failed to process size") : null;
        PythonRegex contains = a.has("contains") ? RegexOption.compile(a.string("contains"), "contains") : null;
        String fileType = a.string("file_type");
        boolean recurse = a.bool("recurse");
        int depth = (int) a.integer("depth", 0);
        List<String> paths = new ArrayList<>();
        for (String p : a.stringList("paths")) {
            paths.add(HostArgument.checked("paths", p));
        }

        FindListing listing = list(ctx, paths, recurse, depth, a.bool("follow"));
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<FoundEntry> matched = new ArrayList<>();
        int examined = 0;
        for (int k = 0; k < paths.size(); k++) {
            FindListing.Root root = listing.roots().get(k);
            if (root == null || !root.isDirectory()) {
                String shown = root == null ? paths.get(k) : root.path();
                skipped.put(shown, "'" + shown + "' is not a directory");
                warnings.add("Skipped '" + shown + "' path due to this access issue: '" + shown + "' is not a directory\n");
                continue;
            }
            if (!root.error().isEmpty()) {
                skipped.put(root.path(), root.error());
                warnings.add("Skipped '" + root.path() + "' path due to this access issue: " + root.error() + "\n");
            }
            List<FoundEntry> walked = root.walkOrder(recurse, a.bool("follow"));
            examined += walked.size();
            for (FoundEntry e : walked) {
                if (depth > 0 && e.depth() > depth) {
                    continue;
                }
                if (e.name().startsWith(".") && !a.bool("hidden")) {
                    continue;
                }
                if (!nameMatches(e.name(), patterns, excludes) || !ageMatches(e, listing.now(), age, a.string("age_stamp"))) {
                    continue;
                }
                boolean take = switch (fileType) {
                    case "any" -> !e.isFile() || sizeMatches(e, size);
                    case "directory" -> e.type().equals("directory");
                    case "link" -> e.type().equals("link");
                    default -> e.isFile() && sizeMatches(e, size);
                };
                if (take) {
                    matched.add(e);
                }
            }
        }

        boolean wantContent = contains != null && fileType.equals("file");
        boolean wantChecksum = a.bool("get_checksum") && (fileType.equals("file") || fileType.equals("any"));
        Map<String, FileFacts> facts = wantContent || wantChecksum
                ? FileFacts.read(ctx, matched.stream().filter(FoundEntry::isFile).map(FoundEntry::path).toList(), wantContent,
                wantChecksum) : Map.of();
        List<Map<String, Object>> files = new ArrayList<>();
        for (FoundEntry e : matched) {
            FileFacts f = facts.get(e.path());
            if (wantContent && (f == null || !contentMatches(f.content(), contains, a.bool("read_whole_file")))) {
                continue;
            }
            Map<String, Object> info = e.info();
            if (wantChecksum && e.isFile() && f != null && f.sha1() != null) {
                info.put("checksum", f.sha1());
            }
            files.add(info);
        }
        ModuleResult.Builder res = ModuleResult.ok()
                .msg(warnings.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details")
                .value("files", files).value("matched", files.size()).value("examined", examined)
                .value("skipped_paths", skipped);
        warnings.forEach(res::warn);
        return res.build();
    }

    private static List<NamePattern> compile(List<String> texts, boolean regex, String option) throws ModuleFailure {
        List<NamePattern> out = new ArrayList<>();
        for (String t : texts) {
            out.add(NamePattern.of(t, regex, option));
        }
        return out;
    }

    private static Long amount(String text, Pattern syntax, Map<String, Long> units, String error) throws ModuleFailure {
        Matcher m = syntax.matcher(text.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new ModuleFailure(error + ": " + text);
        }
        return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1L : units.get(m.group(2)));
    }

    /** Ansible's pfilter: a pattern matches and no exclude does. */
    private static boolean nameMatches(String name, List<NamePattern> patterns, List<NamePattern> excludes) {
        return patterns.stream().anyMatch(p -> p.matches(name)) && excludes.stream().noneMatch(x -> x.matches(name));
    }

    private static boolean ageMatches(FoundEntry e, double now, Long age, String stamp) {
        if (age == null) {
            return true;
        }
        double old = now - e.time(stamp);
        return age >= 0 ? old >= Math.abs(age) : old <= Math.abs(age);
    }

    private static boolean sizeMatches(FoundEntry e, Long size) {
        return size == null || (size >= 0 ? e.size() >= Math.abs(size) : e.size() <= Math.abs(size));
    }

    /** Ansible's contentfilter: re.match on each line (keeping its newline), or re.search on the whole text. */
    private static boolean contentMatches(byte[] content, PythonRegex contains, boolean wholeFile) {
        String text = content == null ? null : FileContentWriter.utf8(content);
        if (text == null) {
            return false;
        }
        if (wholeFile) {
            return contains.search(text);
        }
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            if (contains.matcher(text.substring(start, end)).lookingAt()) {
                return true;
            }
            start = end;
        }
        return false;
    }

    /** The first round trip: the host's time, then each path's listing. */
    private static FindListing list(ModuleContext ctx, List<String> paths, boolean recurse, int depth, boolean follow)
            throws ModuleFailure {
        ExpandingQuoter q = new ExpandingQuoter();
        String maxDepth = !recurse ? " -maxdepth 1" : depth > 0 ? " -maxdepth " + (depth + 1) : "";
        String walk = follow ? "-L" : "-H";
        StringBuilder body = new StringBuilder("printf 'now=%s\\0' \"$(date +%s)\"\n");
        for (int k = 0; k < paths.size(); k++) {
            body.append("jp_p=").append(q.word(paths.get(k))).append("; case $jp_p in -*) jp_p=./$jp_p;; esac\n")
                    .append("if [ -d \"$jp_p\" ]; then printf 'D").append(k).append("|%s\\0' \"$jp_p\"; ")
                    .append("jp_e=$(find ").append(walk).append(" \"$jp_p\" -mindepth 1").append(maxDepth)
                    .append(" -exec stat --printf '").append(STAT_FORMAT).append("' -- {} + 2>&1 >&3); jp_rc=$?; ")
                    .append("find ").append(walk).append(" \"$jp_p\" -mindepth 1").append(maxDepth)
                    .append(follow ? " -type d -xtype l" : " -type l -xtype d").append(" -exec printf 'S%s\\0' {} + 2>/dev/null; ")
                    .append("printf 'X").append(k).append("|%s|%s\\0' \"$jp_rc\" \"$jp_e\"; ")
                    .append("else printf 'N").append(k).append("|%s\\0' \"$jp_p\"; fi\n");
        }
        ExecResult r = ctx.exec("exec 3>&1\n" + q.prelude() + "\n" + body);
        if (!r.ok()) {
            throw new ModuleFailure("cannot list the paths on the host: " + r.errTrimmed(), Map.of("rc", r.exitCode()));
        }
        return FindListing.parse(new String(r.stdout(), StandardCharsets.UTF_8));
    }
}
