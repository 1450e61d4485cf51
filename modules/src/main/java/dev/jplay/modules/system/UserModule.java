package dev.jplay.modules.system;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code user} (without password handling), plus jplay's subordinate id ranges for
 * rootless podman ({@code subids}, {@code subid_range}). One round trip probes the account
 * ({@code getent}, {@code id -Gn}), the groups named and, when asked, {@code /etc/subuid} and
 * {@code /etc/subgid}; one more runs useradd/usermod/userdel for the differences; the subid files
 * are written atomically only when the user's entry differs.
 */
public final class UserModule implements Module {

    private static final String SEP = "__JPLAY_AFTER__";
    private static final Set<String> NO_HOME = Set.of("/nonexistent", "/", "/dev/null");

    private static final ModuleSpec SPEC = ModuleSpec.builder("user")
            .describe("Manages a user account (useradd/usermod/userdel) and, for rootless podman, its /etc/subuid and "
                    + "/etc/subgid ranges. Needs root (become: true) to change anything.")
            .option(OptionSpec.of("name", OptionType.STR, "User name.").aliases("user").asRequired())
            .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
            .option(OptionSpec.of("uid", OptionType.INT, "The user's uid."))
            .option(OptionSpec.of("group", OptionType.STR, "Primary group (name or gid); it must exist. Default for a new user: "
                    + "the host's useradd default (usually a group named like the user)."))
            .option(OptionSpec.of("groups", OptionType.LIST, "Supplementary groups; they must exist. Without append the user ends "
                    + "up in exactly these (an empty list removes all supplementary groups)."))
            .option(OptionSpec.of("append", OptionType.BOOL, "Add the groups to the user's current ones instead of replacing them.")
                    .defaultValue(false))
            .option(OptionSpec.of("shell", OptionType.STR, "Login shell."))
            .option(OptionSpec.of("home", OptionType.PATH, "Home directory (an existing user's files are not moved)."))
            .option(OptionSpec.of("create_home", OptionType.BOOL, "Create the home directory for a new user, or for an existing "
                    + "user whose home is missing.").aliases("createhome").defaultValue(true))
            .option(OptionSpec.of("system", OptionType.BOOL, "Create a system account (only when the user is created).")
                    .defaultValue(false))
            .option(OptionSpec.of("comment", OptionType.STR, "The GECOS field (full name)."))
            .option(OptionSpec.of("remove", OptionType.BOOL, "With state=absent, also remove the home directory and mail spool "
                    + "(userdel -r).").defaultValue(false))
            .option(OptionSpec.of("force", OptionType.BOOL, "With state=absent, remove the user even while logged in (userdel -f).")
                    .defaultValue(false))
            .option(OptionSpec.of("subids", OptionType.BOOL, "jplay: make sure the user has a range in /etc/subuid and /etc/subgid "
                    + "(rootless podman needs them); a free range of 65536 ids is allocated when missing. Existing ranges are kept.")
                    .defaultValue(false))
            .option(OptionSpec.of("subid_range", OptionType.STR, "jplay: the exact START:COUNT range the user must have in "
                    + "/etc/subuid and /etc/subgid (e.g. 100000:65536); other entries of the user are replaced. Fails when the "
                    + "range overlaps another user's."))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** The account as {@code getent passwd} shows it. */
    record Account(String name, int uid, int gid, String comment, String home, String shell) {
        static Account parse(String line) {
            String[] f = line.split(":", -1);
            return new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f.length > 6 ? f[6] : "");
        }
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = a.requireString("name");
        boolean present = a.string("state").equals("present");
        boolean manageSubids = present && (a.bool("subids") || a.has("subid_range"));
        // null: any range will do (subids: true); parsed first so a malformed range fails before the host is touched
        SubordinateIds.Range wantedRange = a.has("subid_range") ? SubordinateIds.Range.parse(name, a.string("subid_range")) : null;
        List<String> groups = a.has("groups") ? a.stringList("groups").stream().map(String::strip).filter(g -> !g.isEmpty()).toList() : null;

        ExecResult pr = ctx.exec(probeScript(name, present ? a.string("group") : null, present ? groups : null, manageSubids));
        if (!pr.ok()) {
            throw new ModuleFailure("cannot probe user " + name + ": " + pr.errTrimmed(), Map.of("rc", pr.exitCode()));
        }
        ProbeLines p = ProbeLines.parse(pr.out());
        boolean root = p.is("euid", "0");
        Optional<Account> acct = p.has("passwd") ? Optional.of(Account.parse(p.get("passwd"))) : Optional.empty();
        ModuleResult.Builder b = ModuleResult.ok().value("name", name).value("state", present ? "present" : "absent");

        if (!present) {
            if (acct.isEmpty()) {
                return b.build();
            }
            String cmd = "userdel" + (a.bool("force") ? " -f" : "") + (a.bool("remove") ? " -r" : "") + " -- " + quote(name);
            b.changed(true).msg("removed user " + name);
            if (!ctx.checkMode()) {
                run(ctx, cmd, root, "removing user " + name);
            }
            return b.build();
        }

        List<String> missing = p.all("missing_group");
        if (!missing.isEmpty()) {
            throw new ModuleFailure("group(s) " + String.join(", ", missing) + " do not exist: create them first (group module)");
        }
        String groupGid = null;
        if (a.has("group")) {
            if (!p.has("group")) {
                throw new ModuleFailure("primary group " + a.string("group") + " does not exist: create it first (group module)");
            }
            groupGid = p.get("group").split(":", -1)[2];
        }
        List<String> wantedGroups = groups == null ? null : p.all("grp");

        List<String> changes = new ArrayList<>();
        String cmd;
        if (acct.isEmpty()) {
            cmd = useradd(a, name, wantedGroups);
            changes.add("created user " + name);
        } else {
            cmd = changeExisting(a, acct.get(), p, groupGid, wantedGroups, changes);
        }

        SubidFiles subidFiles = manageSubids ? SubidFiles.of(lines(p, "subuid"), lines(p, "subgid")) : null;
        if (ctx.checkMode()) {
            if (manageSubids && acct.isPresent()) {
                subidFiles.apply(ctx, name, acct.get().uid(), wantedRange, changes, b, true);
            } else if (manageSubids) {
                changes.add("subordinate ids for " + name);
            }
            if (!changes.isEmpty() && !root) {
                b.warn("changing users needs root: run the task with become: true");
            }
            return b.changed(!changes.isEmpty()).msg(String.join("; ", changes)).build();
        }
        if (cmd != null) {
            String script = "export LC_ALL=C; set -e; " + cmd + "; echo " + SEP + "; getent passwd -- " + quote(name) + " | sed 's/^/passwd=/'"
                    + (manageSubids ? "; " + subidDump() : "");
            ExecResult r = run(ctx, script, root, (acct.isEmpty() ? "creating" : "changing") + " user " + name);
            String after = r.out().substring(Math.max(0, r.out().indexOf(SEP)));
            ProbeLines pa = ProbeLines.parse(after);
            if (pa.has("passwd")) {
                acct = Optional.of(Account.parse(pa.get("passwd")));
            }
            if (manageSubids) {
                subidFiles = SubidFiles.of(lines(pa, "subuid"), lines(pa, "subgid"));
            }
        }
        if (manageSubids) {
            int uid = acct.map(Account::uid).orElseThrow(() -> new ModuleFailure("user " + name + " not found after useradd"));
            if (!root && subidFiles.apply(ctx, name, uid, wantedRange, new ArrayList<>(), ModuleResult.ok(), true)) {
                throw new ModuleFailure("changing /etc/subuid and /etc/subgid needs root: run the task with become: true");
            }
            subidFiles.apply(ctx, name, uid, wantedRange, changes, b, false);
        }
        acct.ifPresent(u -> b.value("uid", u.uid()).value("group", u.gid()).value("home", u.home()).value("shell", u.shell())
                .value("comment", u.comment()));
        return b.changed(!changes.isEmpty()).msg(String.join("; ", changes)).build();
    }

    /**
     * The usermod (and home creation) commands that bring an existing account to what the task asks, or
     * null when it already is; each difference is added to {@code changes}.
     */
    private static String changeExisting(ModuleArgs a, Account u, ProbeLines p, String groupGid, List<String> wantedGroups,
                                         List<String> changes) {
        String name = u.name();
        List<String> flags = new ArrayList<>();
        if (a.has("uid") && a.integer("uid", -1) != u.uid()) {
            flags.add("-u " + a.integer("uid", -1));
            changes.add("uid " + u.uid() + " -> " + a.integer("uid", -1));
        }
        if (groupGid != null && !groupGid.equals(Integer.toString(u.gid()))) {
            flags.add("-g " + quote(groupGid));
            changes.add("primary group -> " + a.string("group"));
        }
        if (wantedGroups != null) {
            Set<String> current = new LinkedHashSet<>(List.of(p.get("groups").isEmpty() ? new String[0] : p.get("groups").split(",")));
            current.remove(p.get("primary"));
            Set<String> wanted = new LinkedHashSet<>(wantedGroups);
            if (a.bool("append")) {
                wanted.removeAll(current);
                if (!wanted.isEmpty()) {
                    flags.add("-a -G " + quote(String.join(",", wanted)));
                    changes.add("added to groups " + String.join(", ", wanted));
                }
            } else if (!wanted.equals(current)) {
                flags.add("-G " + quote(String.join(",", wanted)));
                changes.add("groups " + String.join(",", current) + " -> " + String.join(",", wanted));
            }
        }
        if (a.has("shell") && !a.string("shell").equals(u.shell())) {
            flags.add("-s " + quote(a.string("shell")));
            changes.add("shell -> " + a.string("shell"));
        }
        if (a.has("home") && !a.string("home").equals(u.home())) {
            flags.add("-d " + quote(a.string("home")));
            changes.add("home -> " + a.string("home"));
        }
        if (a.has("comment") && !a.string("comment").equals(u.comment())) {
            flags.add("-c " + quote(a.string("comment")));
            changes.add("comment -> " + a.string("comment"));
        }
        List<String> cmds = new ArrayList<>();
        if (!flags.isEmpty()) {
            cmds.add("usermod " + String.join(" ", flags) + " -- " + quote(name));
        }
        String home = a.has("home") ? a.string("home") : u.home();
        // a moved home (usermod -d) is not created, as in Ansible without move_home; a missing current one is
        boolean homeMissing = home.equals(u.home()) && p.is("home_exists", "no");
        if (a.bool("create_home") && homeMissing && !NO_HOME.contains(home)) {
            cmds.add("if [ ! -d " + quote(home) + " ]; then if command -v mkhomedir_helper >/dev/null 2>&1; then mkhomedir_helper "
                    + quote(name) + "; else install -d -m 0700 -o " + quote(name) + " -g " + (groupGid != null ? groupGid : u.gid())
                    + " -- " + quote(home) + "; fi; fi");
            changes.add("created home " + home);
        }
        return cmds.isEmpty() ? null : String.join(" && ", cmds);
    }

    private static String useradd(ModuleArgs a, String name, List<String> groups) {
        StringBuilder s = new StringBuilder("useradd");
        if (a.has("uid")) {
            s.append(" -u ").append(a.integer("uid", -1));
        }
        if (a.has("group")) {
            s.append(" -g ").append(quote(a.string("group")));
        }
        if (groups != null && !groups.isEmpty()) {
            s.append(" -G ").append(quote(String.join(",", groups)));
        }
        if (a.has("shell")) {
            s.append(" -s ").append(quote(a.string("shell")));
        }
        if (a.has("home")) {
            s.append(" -d ").append(quote(a.string("home")));
        }
        if (a.has("comment")) {
            s.append(" -c ").append(quote(a.string("comment")));
        }
        s.append(a.bool("create_home") ? " -m" : " -M");
        if (a.bool("system")) {
            s.append(" -r");
        }
        return s.append(" -- ").append(quote(name)).toString();
    }

    static String probeScript(String name, String group, List<String> groups, boolean subids) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; jp_n=").append(quote(name)).append("; echo \"euid=$(id -u)\"; ")
                .append("if jp_p=$(getent passwd -- \"$jp_n\"); then printf 'passwd=%s\\n' \"$jp_p\"; ")
                .append("echo \"groups=$(id -Gn -- \"$jp_n\" 2>/dev/null | tr ' ' ',')\"; ")
                .append("jp_gid=$(printf '%s\\n' \"$jp_p\" | cut -d: -f4); echo \"primary=$(getent group \"$jp_gid\" | cut -d: -f1)\"; ")
                .append("jp_h=$(printf '%s\\n' \"$jp_p\" | cut -d: -f6); if [ -d \"$jp_h\" ]; then echo home_exists=yes; else echo home_exists=no; fi; fi; ");
        if (group != null) {
            s.append("if jp_g=$(getent group -- ").append(quote(group)).append("); then printf 'group=%s\\n' \"$jp_g\"; fi; ");
        }
        if (groups != null && !groups.isEmpty()) {
            s.append("for jp_x in ").append(String.join(" ", groups.stream().map(g -> quote(g)).toList()))
                    .append("; do if jp_r=$(getent group -- \"$jp_x\"); then echo \"grp=${jp_r%%:*}\"; else echo \"missing_group=$jp_x\"; fi; done; ");
        }
        if (subids) {
            s.append(subidDump()).append("; ");
        }
        return s.append(':').toString();
    }

    private static String subidDump() {
        return "for jp_f in subuid subgid; do if [ -r /etc/$jp_f ]; then sed \"s/^/$jp_f=/\" /etc/$jp_f; fi; done";
    }

    private static List<String> lines(ProbeLines p, String key) {
        return p.all(key).stream().filter(l -> !l.isBlank()).toList();
    }

    private static ExecResult run(ModuleContext ctx, String script, boolean root, String what) throws ModuleFailure {
        if (!root) {
            throw new ModuleFailure(what + " needs root: run the task with become: true");
        }
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure(what + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.errTrimmed()));
        }
        return r;
    }
}
