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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.builtin.yum_repository: one repository, a [section] of REPOSDIR/FILE.repo, written atomically
 * with its keys in Ansible's (sorted) order and removed with the file when it was the last one. Changed,
 * check mode and the diff compare the sorted dump as Ansible does; values that would break their line are refused.
 */
public final class YumRepositoryModule implements Module {

    private static final String MARK = "--jplay-repo--";
    /** Options that become "key = value" lines, with how Ansible turns them into text. */
    private static final Set<String> BOOLS = Set.of("async", "enabled", "enablegroups", "gpgcheck", "keepalive", "module_hotfixes",
            "protect", "repo_gpgcheck", "s3_enabled", "skip_if_unavailable", "ssl_check_cert_permissions", "sslverify");
    private static final Set<String> LINES = Set.of("baseurl", "gpgkey");
    private static final Set<String> WORDS = Set.of("exclude", "includepkgs");
    private static final List<String> STRINGS = List.of("bandwidth", "cost", "deltarpm_metadata_percentage", "deltarpm_percentage",
            "gpgcakey", "include", "metadata_expire", "metalink", "mirrorlist", "mirrorlist_expire", "priority", "proxy",
            "proxy_username", "retries", "throttle", "timeout", "ui_repoid_vars", "username");

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec.Builder b = ModuleSpec.builder("yum_repository")
                .describe("Adds or removes a YUM/DNF repository in a .repo file (REPOSDIR/FILE.repo).")
                .option(OptionSpec.of("name", OptionType.STR, "The repository id (the [section]).").asRequired())
                .option(OptionSpec.of("description", OptionType.STR, "Human-readable name (the name key); needed with state=present."))
                .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
                .option(OptionSpec.of("file", OptionType.STR, "File name without .repo; default: the repository id."))
                .option(OptionSpec.of("reposdir", OptionType.PATH, "Directory of the .repo files; it must exist.")
                        .defaultValue("/etc/yum.repos.d"))
                .option(OptionSpec.of("params", OptionType.DICT, "Removed in Ansible 2.5; refused."))
                .option(OptionSpec.of("mode", OptionType.MODE, "Permissions of the file."))
                .option(OptionSpec.of("owner", OptionType.STR, "Owner of the file."))
                .option(OptionSpec.of("group", OptionType.STR, "Group of the file."))
                .option(OptionSpec.of("baseurl", OptionType.LIST, "URL(s) of the repository (one per line in the file)."))
                .option(OptionSpec.of("gpgkey", OptionType.LIST, "URL(s) of the GPG key(s)."))
                .option(OptionSpec.of("exclude", OptionType.LIST, "Packages to exclude (blank-separated in the file)."))
                .option(OptionSpec.of("includepkgs", OptionType.LIST, "The only packages to use (blank-separated in the file)."))
                .option(OptionSpec.of("password", OptionType.STR, "Password for basic authentication.").asSecret())
                .option(OptionSpec.of("proxy_password", OptionType.STR, "Proxy password.").asSecret())
                .option(OptionSpec.of("sslcacert", OptionType.STR, "CA certificate file.").aliases("ca_cert"))
                .option(OptionSpec.of("sslclientcert", OptionType.STR, "Client certificate file.").aliases("client_cert"))
                .option(OptionSpec.of("sslclientkey", OptionType.STR, "Client key file.").aliases("client_key"))
                .option(OptionSpec.of("failovermethod", OptionType.STR, "roundrobin or priority.").choices("roundrobin", "priority"))
                .option(OptionSpec.of("http_caching", OptionType.STR, "all, packages or none.").choices("all", "packages", "none"))
                .option(OptionSpec.of("ip_resolve", OptionType.STR, "4, 6, IPv4, IPv6 or whatever.")
                        .choices("4", "6", "IPv4", "IPv6", "whatever"))
                .option(OptionSpec.of("keepcache", OptionType.STR, "0 or 1.").choices("0", "1"))
                .option(OptionSpec.of("metadata_expire_filter", OptionType.STR, "When expired metadata may be used.")
                        .choices("never", "read-only:past", "read-only:present", "read-only:future"));
        for (String bool : BOOLS) {
            OptionSpec o = OptionSpec.of(bool, OptionType.BOOL, "Written as " + bool + " = 1 or 0.");
            b.option(bool.equals("sslverify") ? o.aliases("validate_certs") : o);
        }
        for (String s : STRINGS) {
            b.option(OptionSpec.of(s, OptionType.STR, "Written as " + s + " = VALUE."));
        }
        return b.build();
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        if (!a.map("params").isEmpty()) {
            throw new ModuleFailure("The params option to yum_repository was removed in Ansible 2.5 since it circumvents "
                    + "Ansible's option handling");
        }
        String repoid = SingleLine.require("name", a.string("name"));
        if (repoid.isBlank() || repoid.contains("]") || repoid.contains("[")) {
            throw new ModuleFailure("name '" + repoid + "' cannot be a [section] of a .repo file (blank, or holds [ or ])");
        }
        boolean present = a.string("state").equals("present");
        Map<String, String> settings = present ? settings(a) : null;
        String file = a.string("file") == null ? repoid : SingleLine.field("file", a.string("file"));
        if (file.contains("/")) {
            throw new ModuleFailure("file '" + file + "' must be a file name, without /");
        }
        String reposdir = SingleLine.require("reposdir", a.string("reposdir"));
        String dest = reposdir.endsWith("/") ? reposdir + file + ".repo" : reposdir + "/" + file + ".repo";

        YumRepoFile before = probe(ctx, reposdir, dest);
        YumRepoFile after = before.with(repoid, settings);
        boolean changed = !before.dump().equals(after.dump());
        FileAttributes attrs = new FileAttributes(FileMode.normalize(a.string("mode")), blank(a.string("owner")), blank(a.string("group")));
        ModuleResult.Builder b = ModuleResult.changed(changed);
        if (changed && ctx.diffMode()) {
            b.diff(FileDiff.of(dest, before.dump(), after.dump()));
        }
        if (changed && !ctx.checkMode()) {
            if (after.isEmpty()) {
                ExecResult r = ctx.exec("rm -f -- " + quote(dest));
                if (!r.ok()) {
                    throw new ModuleFailure("Cannot remove empty repo file " + dest + ": " + r.errTrimmed());
                }
            } else {
                ctx.files().write(dest, after.render().getBytes(StandardCharsets.UTF_8), attrs);
            }
        }
        boolean exists = changed ? !after.isEmpty() : !before.isEmpty();
        if (exists && !attrs.isEmpty() && !(changed && !ctx.checkMode())) {
            changed |= ctx.files().applyAttributes(dest, attrs, ctx.checkMode());
        }
        return b.changed(changed).value("repo", repoid).value("state", a.string("state"))
                .msg(changed ? (present ? "repository " + repoid + " written to " : "repository " + repoid + " removed from ") + dest : "")
                .build();
    }

    /** The section's keys in sorted order, as Ansible sets them: booleans as 1/0, URL lists one per line, package lists blank-separated. */
    private static Map<String, String> settings(ModuleArgs a) throws ModuleFailure {
        if (!a.has("baseurl") && !a.has("metalink") && !a.has("mirrorlist")) {
            throw new ModuleFailure("Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.");
        }
        if (!a.has("description")) {
            throw new ModuleFailure("Parameter 'description' is required.");
        }
        Map<String, String> m = new TreeMap<>();
        m.put("name", SingleLine.require("description", a.string("description")));
        for (String bool : BOOLS) {
            if (a.has(bool)) {
                m.put(bool, a.bool(bool) ? "1" : "0");
            }
        }
        for (String key : LINES) {
            if (a.has(key)) {
                m.put(key, String.join("\n", elements(a, key)));
            }
        }
        for (String key : WORDS) {
            if (a.has(key)) {
                m.put(key, String.join(" ", elements(a, key)));
            }
        }
        for (String key : List.of("password", "proxy_password", "sslcacert", "sslclientcert", "sslclientkey", "failovermethod",
                "http_caching", "ip_resolve", "keepcache", "metadata_expire_filter")) {
            if (a.has(key)) {
                m.put(key, SingleLine.require(key, a.string(key)));
            }
        }
        for (String key : STRINGS) {
            if (a.has(key)) {
                m.put(key, SingleLine.require(key, a.string(key)));
            }
        }
        return new LinkedHashMap<>(m);
    }

    private static List<String> elements(ModuleArgs a, String key) throws ModuleFailure {
        List<String> l = a.stringList(key);
        for (String s : l) {
            SingleLine.require(key, s);
        }
        return l;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** One round trip: does the directory exist, and the file's text when there is one. */
    private static YumRepoFile probe(ModuleContext ctx, String reposdir, String dest) throws ModuleFailure {
        ExecResult r = ctx.exec("jp_d=" + quote(reposdir) + "; jp_f=" + quote(dest) + "; "
                + "if [ ! -d \"$jp_d\" ]; then echo nodir; exit 0; fi; echo '" + MARK + "'; "
                + "if [ -f \"$jp_f\" ]; then cat -- \"$jp_f\" || exit 3; fi");
        if (!r.ok()) {
            throw new ModuleFailure("reading " + dest + " failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        String out = r.out();
        if (out.startsWith("nodir")) {
            throw new ModuleFailure("Repo directory '" + reposdir + "' does not exist.");
        }
        if (!out.startsWith(MARK + "\n")) {
            throw new ModuleFailure("reading " + dest + ": unexpected output: " + r.outTrimmed());
        }
        return YumRepoFile.parse(out.substring(MARK.length() + 1), dest);
    }
}
