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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * ansible.posix's authorized_key: SSH keys in a user's authorized_keys, computed exactly as the
 * collection does ({@link AuthorizedKeys}). One probe round trip reads the user's passwd entry and
 * the file; a change is one more (the .ssh folder, then the atomic write, mode 0600, owned by the user).
 */
public final class AuthorizedKeyModule implements Module {
    private static final String CONTENT = "--jplay-keys--";

    private static final ModuleSpec SPEC = ModuleSpec.builder("authorized_key")
            .describe("Adds or removes SSH public keys in a user's authorized_keys (ansible.posix.authorized_key). "
                    + "key may hold several keys, one per line; a key already there with other options or comment is "
                    + "rewritten; exclusive removes every other key. Returns keyfile, user, key, state, exclusive.")
            .option(OptionSpec.of("user", OptionType.STR, "Whose authorized_keys (their home and owner).").asRequired())
            .option(OptionSpec.of("key", OptionType.STR, "The public key(s), one per line, as in authorized_keys.")
                    .asRequired())
            .option(OptionSpec.of("path", OptionType.PATH, "Another file instead of ~user/.ssh/authorized_keys."))
            .option(OptionSpec.of("manage_dir", OptionType.BOOL, "Create the file's folder (mode 0700, owned by user) when "
                    + "writing.").defaultValue(true))
            .option(OptionSpec.of("state", OptionType.STR, "Whether the keys should be there.").defaultValue("present")
                    .choices("present", "absent"))
            .option(OptionSpec.of("key_options", OptionType.STR, "Options put before each key ('no-pty,from=\"10.0.0.*\"')."))
            .option(OptionSpec.of("exclusive", OptionType.BOOL, "Remove every key not given in key.").defaultValue(false))
            .option(OptionSpec.of("comment", OptionType.STR, "Replace each key's comment."))
            .option(OptionSpec.of("follow", OptionType.BOOL, "Write through a symlinked file to its target.")
                    .defaultValue(false))
            .option(OptionSpec.of("validate_certs", OptionType.BOOL, "For keys from URLs (not supported by jplay).")
                    .defaultValue(true))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String user = HostArgument.checked("user", a.requireString("user"));
        String key = HostArgument.checked("key", a.requireString("key"));
        if (key.startsWith("http") || key.startsWith("file")) {
            throw new ModuleFailure("key from a URL or file: is not supported by jplay; read it on the controller "
                    + "(lookup('file', ...) or lookup('url', ...)) and pass the key text");
        }
        boolean present = "present".equals(a.string("state"));
        String path = HostArgument.checked("path", a.string("path"));

        Probe p = probe(ctx, user, path, a.bool("follow"));
        AuthorizedKeys keys = AuthorizedKeys.parse(p.content());
        String before = p.content();
        int existing = keys.size();
        boolean write = false;
        List<String> wanted = new ArrayList<>();
        int rank = 0;
        for (String line : key.split("\n")) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            AuthorizedKeys.Entry k = AuthorizedKeys.parseKey(line, rank);
            if (k == null || k.raw() != null) {
                throw new ModuleFailure("invalid key specified: " + line);
            }
            if (a.has("key_options")) {
                k = new AuthorizedKeys.Entry(k.id(), k.type(), AuthorizedKeys.parseOptions(a.string("key_options")),
                        k.comment(), k.rank(), null);
            }
            if (a.has("comment")) {
                k = new AuthorizedKeys.Entry(k.id(), k.type(), k.options(), a.string("comment"), k.rank(), null);
            }
            AuthorizedKeys.Entry old = keys.get(k.id());
            boolean matched = old != null && (k.sameAs(old) || !present);
            if (present) {
                wanted.add(k.id());
                if (old != null && !matched) {
                    keys.remove(k.id());
                    write = true;
                }
                if (!matched) {
                    keys.put(k.withRank(existing + rank));
                    write = true;
                }
            } else if (matched) {
                keys.remove(k.id());
                write = true;
            }
            rank++;
        }
        if (present && a.bool("exclusive")) {
            Set<String> remove = new HashSet<>(keys.ids());
            remove.removeAll(wanted);
            for (String id : remove) {
                keys.remove(id);
                write = true;
            }
        }
        ModuleResult.Builder res = ModuleResult.changed(write)
                .value("user", user).value("key", key).value("keyfile", p.file()).value("path", path)
                .value("state", a.string("state")).value("exclusive", a.bool("exclusive"))
                .value("manage_dir", a.bool("manage_dir")).value("key_options", a.string("key_options"))
                .value("comment", a.string("comment")).value("follow", a.bool("follow"))
                .value("validate_certs", a.bool("validate_certs"));
        if (!write) {
            return res.build();
        }
        String after = keys.text();
        if (ctx.diffMode()) {
            res.diff(new FileDiff(p.file(), before, p.file(), after));
        }
        if (!ctx.checkMode()) {
            if (p.uid().isEmpty()) {
                throw new ModuleFailure("Failed to lookup user " + user + ": no such user on the host");
            }
            prepareFolder(ctx, p, a.bool("manage_dir"));
            ctx.files().write(p.file(), after.getBytes(StandardCharsets.UTF_8), new FileAttributes("0600", p.uid(), p.gid()));
        }
        return res.build();
    }

    /** The user's passwd fields and the key file's path and content, in one round trip. */
    private record Probe(String uid, String gid, String file, String dir, String content) {
    }

    private static Probe probe(ModuleContext ctx, String user, String path, boolean follow) throws ModuleFailure {
        String u = quote(user);
        StringBuilder s = new StringBuilder("jp_pw=$(getent passwd ").append(u).append(" 2>/dev/null || awk -F: -v u=")
                .append(u).append(" '$1==u' /etc/passwd); jp_pw=${jp_pw%%\n*}\n")
                .append("jp_home=$(printf '%s' \"$jp_pw\" | cut -d: -f6)\n")
                .append("printf 'uid=%s\\ngid=%s\\n' \"$(printf '%s' \"$jp_pw\" | cut -d: -f3)\" \"$(printf '%s' \"$jp_pw\" | cut -d: -f4)\"\n");
        if (path == null) {
            s.append("[ -n \"$jp_pw\" ] || { echo nouser; exit 0; }\njp_f=$jp_home/.ssh/authorized_keys\n");
        } else {
            s.append("jp_f=").append(quote(path)).append('\n');
        }
        if (follow) {
            s.append("jp_r=$(readlink -f -- \"$jp_f\") && jp_f=$jp_r\n");
        }
        s.append("printf 'file=%s\\n' \"$jp_f\"\n")
                .append("if [ -f \"$jp_f\" ]; then [ -r \"$jp_f\" ] || { echo denied; exit 0; }; echo ").append(CONTENT)
                .append("; exec cat -- \"$jp_f\"; fi");
        ExecResult r = ctx.exec(s.toString());
        String out = r.out();
        if (!r.ok()) {
            throw new ModuleFailure("cannot read the authorized keys on the host: " + r.errTrimmed());
        }
        int c = out.indexOf(CONTENT + "\n");
        String head = c < 0 ? out : out.substring(0, c);
        String content = c < 0 ? "" : out.substring(c + CONTENT.length() + 1);
        String uid = "";
        String gid = "";
        String file = "";
        for (String line : head.split("\n")) {
            if (line.equals("nouser")) {
                throw new ModuleFailure(ctx.checkMode()
                        ? "Either user must exist or you must provide full path to key file in check mode"
                        : "Failed to lookup user " + ctx.args().string("user") + ": no such user on the host");
            }
            if (line.equals("denied")) {
                throw new ModuleFailure("Permission denied on file or path for authorized keys file: " + file);
            }
            if (line.startsWith("uid=")) {
                uid = line.substring(4);
            } else if (line.startsWith("gid=")) {
                gid = line.substring(4);
            } else if (line.startsWith("file=")) {
                file = line.substring(5);
            }
        }
        return new Probe(uid, gid, file, PosixPath.parentOrDot(file), content);
    }

    private static void prepareFolder(ModuleContext ctx, Probe p, boolean manage) throws ModuleFailure {
        String d = quote(p.dir());
        String script = manage
                ? "[ -d " + d + " ] || mkdir -m 700 -- " + d + " || exit 1; chown " + p.uid() + ":" + p.gid() + " -- " + d
                + " && chmod 700 -- " + d
                : "[ -d " + d + " ] || mkdir -p -- " + d;
        ExecResult r = ctx.exec(script);
        if (!r.ok()) {
            throw new ModuleFailure("Failed to create directory " + p.dir() + " : " + r.errTrimmed(), Map.of("rc", r.exitCode()));
        }
    }
}
