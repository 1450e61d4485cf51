package dev.jplay.modules.system;

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
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code hostname} for Linux, with its strategies: systemd (and debian, which Ansible maps to
 * it) through hostnamectl; redhat through HOSTNAME= in /etc/sysconfig/network; alpine through
 * /etc/hostname plus {@code hostname -F}; and, without {@code use}, systemd when it runs, else the
 * distribution's (Debian family: /etc/hostname; Red Hat family: sysconfig; Alpine). {@code use:
 * generic}, which fails in Ansible 2.14, here means /etc/hostname plus the {@code hostname} command.
 * Facts set: ansible_hostname and ansible_nodename (not ansible_fqdn/ansible_domain, which Ansible
 * reads from the resolver of the host).
 */
public final class HostnameModule implements Module {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final String NETWORK = "/etc/sysconfig/network";
    private static final String NETWORK_MARK = "--jplay-network--";

    private enum Strategy { SYSTEMD, FILE, REDHAT, ALPINE, GENERIC }

    private static final ModuleSpec SPEC = ModuleSpec.builder("hostname")
            .describe("Sets the host's name, now and across reboots (hostnamectl, /etc/hostname or /etc/sysconfig/network).")
            .option(OptionSpec.of("name", OptionType.STR, "The host name.").asRequired())
            .option(OptionSpec.of("use", OptionType.STR, "The strategy (default: systemd when it runs, else the distribution's).")
                    .choices("systemd", "debian", "redhat", "alpine", "generic"))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String name = a.string("name");
        if (!NAME.matcher(name).matches() || name.length() > 253) {
            throw new ModuleFailure("name '" + name + "' is not a host name (letters, digits, '-', '_' and '.', not starting or "
                    + "ending with '-' or '.')");
        }
        String use = a.string("use");
        ExecResult r = ctx.exec(probe(use));
        int mark = r.out().indexOf(NETWORK_MARK + "\n");
        if (!r.ok() || mark < 0) {
            throw new ModuleFailure("probing the host name failed (rc " + r.exitCode() + "): " + r.errTrimmed());
        }
        ProbeLines p = ProbeLines.parse(r.out().substring(0, mark));
        String network = r.out().substring(mark + NETWORK_MARK.length() + 1);
        Strategy s = strategy(use, p);
        if (s == Strategy.SYSTEMD && (!p.is("hostnamectl_rc", "0") || p.has("no_hostnamectl"))) {
            throw new ModuleFailure(p.has("no_hostnamectl") ? "hostnamectl is not installed on the host"
                    : "Command failed rc=" + p.get("hostnamectl_rc") + ", err=" + p.get("hostnamectl_err"));
        }
        String permanent = switch (s) {
            case SYSTEMD -> p.get("static");
            case REDHAT -> networkHostname(network);
            default -> p.get("file");
        };
        String current = switch (s) {
            case SYSTEMD -> p.get("transient");
            case GENERIC -> p.get("kernel");
            default -> permanent;
        };
        if (s == Strategy.SYSTEMD && name.length() > 64 && (!name.equals(current) || !name.equals(permanent))) {
            throw new ModuleFailure("name cannot be longer than 64 characters on systemd servers, try a shorter name");
        }
        boolean setPermanent = !name.equals(permanent);
        boolean setCurrent = !name.equals(current) && s != Strategy.FILE && s != Strategy.REDHAT;
        // as Ansible: FILE and REDHAT read the current name from the file, so a differing file is the one change
        boolean changed = setPermanent || !name.equals(current);
        ModuleResult.Builder b = ModuleResult.changed(changed).value("name", name)
                .fact("ansible_hostname", name.split("\\.")[0]).fact("ansible_nodename", name);
        if (!changed) {
            return b.build();
        }
        String before = !name.equals(current) ? current : permanent;
        b.diff(new FileDiff("", "hostname = " + before + "\n", "", "hostname = " + name + "\n"))
                .msg("hostname " + before + " -> " + name);
        if (ctx.checkMode()) {
            return b.build();
        }
        if (!p.is("euid", "0")) {
            throw new ModuleFailure("changing the host name needs root: run the task with become: true");
        }
        List<String> commands = new ArrayList<>();
        switch (s) {
            case SYSTEMD -> {
                if (setPermanent) {
                    commands.add("hostnamectl --pretty --static set-hostname \"$jp_n\"");
                }
                if (!name.equals(current)) {
                    commands.add("hostnamectl --transient set-hostname \"$jp_n\"");
                }
            }
            case REDHAT -> ctx.files().write(NETWORK, withHostname(network, name).getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
            default -> {
                if (setPermanent) {
                    ctx.files().write("/etc/hostname", (name + "\n").getBytes(StandardCharsets.UTF_8), FileAttributes.NONE);
                }
                if (s == Strategy.ALPINE && !name.equals(current)) {
                    commands.add("hostname -F /etc/hostname");
                } else if (s == Strategy.GENERIC && setCurrent) {
                    commands.add("hostname \"$jp_n\"");
                }
            }
        }
        if (!commands.isEmpty()) {
            ExecResult x = ctx.exec("jp_n=" + quote(name) + "; " + String.join(" && ", commands));
            if (!x.ok()) {
                throw new ModuleFailure("Command failed rc=" + x.exitCode() + ", out=" + x.outTrimmed() + ", err=" + x.errTrimmed());
            }
        }
        return b.build();
    }

    private static String probe(String use) {
        boolean maybeSystemd = use == null || use.equals("systemd") || use.equals("debian");
        StringBuilder s = new StringBuilder("export LC_ALL=C; echo \"euid=$(id -u)\"; [ -d /run/systemd/system ] && echo systemd=yes; ")
                .append("[ -r /etc/os-release ] && sed -n 's/^ID=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}$/os_id=\\1/p; ")
                .append("s/^ID_LIKE=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}$/os_like=\\1/p' /etc/os-release; ")
                .append("[ -f /etc/hostname ] && printf 'file=%s\\n' \"$(tr -d ' \\t\\r\\n' < /etc/hostname)\"; ")
                .append("printf 'kernel=%s\\n' \"$(cat /proc/sys/kernel/hostname 2>/dev/null || uname -n)\"; ");
        if (maybeSystemd) {
            s.append("if ").append(use == null ? "[ -d /run/systemd/system ]" : "true").append("; then ")
                    .append("if command -v hostnamectl >/dev/null 2>&1; then ")
                    .append("jp_t=$(hostnamectl --transient status 2>&1); jp_r=$?; ")
                    .append("if [ $jp_r = 0 ]; then jp_s=$(hostnamectl --static status 2>&1); jp_r=$?; else jp_s=; fi; ")
                    .append("echo \"hostnamectl_rc=$jp_r\"; [ $jp_r = 0 ] || printf 'hostnamectl_err=%s\\n' \"$(printf '%s %s' \"$jp_t\" \"$jp_s\" | tr '\\n' ' ')\"; ")
                    .append("printf 'transient=%s\\nstatic=%s\\n' \"$jp_t\" \"$jp_s\"; else echo no_hostnamectl=yes; fi; fi; ");
        }
        return s.append("echo '").append(NETWORK_MARK).append("'; [ -f ").append(NETWORK).append(" ] && cat ").append(NETWORK).append("; :")
                .toString();
    }

    private static Strategy strategy(String use, ProbeLines p) throws ModuleFailure {
        if (use != null) {
            return switch (use) {
                case "systemd", "debian" -> Strategy.SYSTEMD;
                case "redhat" -> Strategy.REDHAT;
                case "alpine" -> Strategy.ALPINE;
                default -> Strategy.GENERIC;
            };
        }
        if (p.is("systemd", "yes")) {
            return Strategy.SYSTEMD;
        }
        String ids = (p.get("os_id") + " " + p.get("os_like")).toLowerCase(Locale.ROOT);
        if (ids.contains("alpine")) {
            return Strategy.ALPINE;
        }
        if (ids.matches(".*\\b(rhel|fedora|centos|rocky|almalinux|ol|amzn)\\b.*")) {
            return Strategy.REDHAT;
        }
        if (ids.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return Strategy.FILE;
        }
        throw new ModuleFailure("hostname module cannot be used on platform Linux (" + p.get("os_id") + "): set use");
    }

    /** The HOSTNAME= value of /etc/sysconfig/network (Ansible fails when there is none; so does this). */
    private static String networkHostname(String text) throws ModuleFailure {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("HOSTNAME")) {
                String[] kv = t.split("=");
                if (kv.length == 2) {
                    return kv[1].strip();
                }
            }
        }
        throw new ModuleFailure("Unable to locate HOSTNAME entry in " + NETWORK);
    }

    private static String withHostname(String text, String name) {
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (String line : text.split("(?<=\n)")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.strip().startsWith("HOSTNAME")) {
                out.append("HOSTNAME=").append(name).append('\n');
                found = true;
            } else {
                out.append(line);
            }
        }
        if (!found) {
            out.append("HOSTNAME=").append(name).append('\n');
        }
        return out.toString();
    }
}
