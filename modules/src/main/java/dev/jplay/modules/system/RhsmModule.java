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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * {@code community.general.redhat_subscription}: registers the host with Red Hat Subscription
 * Management through {@code subscription-manager}. Registered means {@code subscription-manager
 * identity} exits 0; then nothing happens unless {@code force_register}. Unlike Ansible it supports
 * check mode, predicted from {@code identity}.
 *
 * <p>Secrets never appear on a command line, in the environment, in output or in values: see
 * {@link RhsmRegistration} for how they reach subscription-manager (D-Bus, or a terminal prompt for
 * the password). The one exception is opt-in: an activation key on a host without rhsm's D-Bus
 * service can only be passed as {@code --activationkey}, which jplay does only with
 * {@code activationkey_in_argv: true}.
 */
public final class RhsmModule implements Module {

    private static final ModuleSpec SPEC = ModuleSpec.builder("rhsm")
            .alias("redhat_subscription")
            .describe("Registers (or unregisters) the host with Red Hat Subscription Management via subscription-manager, "
                    + "keeping the password and activation key off command lines. Needs root (become: true).")
            .option(OptionSpec.of("state", OptionType.STR, "present: registered; absent: unregistered.")
                    .choices("present", "absent").defaultValue("present"))
            .option(OptionSpec.of("username", OptionType.STR, "Red Hat account user (with password)."))
            .option(OptionSpec.of("password", OptionType.STR, "The account's password; given to subscription-manager over D-Bus "
                    + "or at its terminal prompt, never on a command line.").asSecret())
            .option(OptionSpec.of("activationkey", OptionType.STR, "Activation key(s), comma-separated (with org_id); given over "
                    + "D-Bus. Hosts without rhsm's D-Bus service can only take it on the command line: see activationkey_in_argv.")
                    .asSecret())
            .option(OptionSpec.of("org_id", OptionType.STR, "Organization to register to (required with activationkey)."))
            .option(OptionSpec.of("consumer_name", OptionType.STR, "Name of the system in the subscription service (default: "
                    + "the host name)."))
            .option(OptionSpec.of("server_hostname", OptionType.STR, "Subscription server (Satellite) host name."))
            .option(OptionSpec.of("auto_attach", OptionType.BOOL, "Run `subscription-manager attach --auto` after registering "
                    + "(a no-op with Simple Content Access).").aliases("autosubscribe").defaultValue(false))
            .option(OptionSpec.of("pool_ids", OptionType.LIST, "Pools to attach (missing ones are attached; others are kept)."))
            .option(OptionSpec.of("force_register", OptionType.BOOL, "Register again even when registered (always a change).")
                    .defaultValue(false))
            .option(OptionSpec.of("release", OptionType.STR, "Pin the release (subscription-manager release --set)."))
            .option(OptionSpec.of("activationkey_in_argv", OptionType.BOOL, "jplay: when rhsm's D-Bus service is missing, allow "
                    + "passing the activation key as --activationkey, where local users can read it with ps while registration "
                    + "runs. Default false: fail instead.").defaultValue(false))
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        boolean present = a.string("state").equals("present");
        List<String> pools = a.stringList("pool_ids").stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        String release = a.string("release");
        List<String> secrets = new ArrayList<>();
        a.optString("password").ifPresent(secrets::add);
        a.optString("activationkey").ifPresent(secrets::add);

        ExecResult pr = ctx.exec(probeScript(!pools.isEmpty(), release != null));
        ProbeLines p = ProbeLines.parse(pr.out());
        if (p.is("sm", "absent")) {
            throw new ModuleFailure("subscription-manager is not installed on the host (it exists on RHEL; install the "
                    + "subscription-manager package, or skip this task on other systems with `when:`)");
        }
        String idRc = p.get("identity_rc");
        if (!idRc.equals("0") && !idRc.equals("1")) {
            String why = String.join("\n", p.all("identity"));
            String msg = "cannot read the registration (subscription-manager identity, rc " + idRc + "): " + why
                    + (p.is("euid", "0") ? "" : " — subscription-manager needs root: run the task with become: true");
            if (ctx.checkMode()) {
                return ModuleResult.skipped(msg);
            }
            throw new ModuleFailure(msg, Map.of("rc", Integer.parseInt(idRc.isEmpty() ? "-1" : idRc)));
        }
        boolean registered = idRc.equals("0");
        String uuid = p.all("identity").stream().filter(l -> l.startsWith("system identity:"))
                .map(l -> l.substring("system identity:".length()).trim()).findFirst().orElse(null);
        ModuleResult.Builder b = ModuleResult.ok();

        if (!present) {
            if (!registered) {
                return b.value("registered", false).build();
            }
            b.changed(true).value("registered", false).msg("unregistered system " + (uuid == null ? "" : uuid));
            if (!ctx.checkMode()) {
                ExecResult r = ctx.exec("subscription-manager unregister");
                if (!r.ok()) {
                    throw new ModuleFailure("subscription-manager unregister failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                            Map.of("rc", r.exitCode(), "stdout", r.outTrimmed(), "stderr", r.errTrimmed()));
                }
            }
            return b.build();
        }

        boolean register = !registered || a.bool("force_register");
        List<String> post = new ArrayList<>();
        List<String> did = new ArrayList<>();
        if (register) {
            checkCredentials(a);
            did.add(registered ? "registered again (force_register)" : "registered");
            if (a.bool("auto_attach")) {
                post.add("subscription-manager attach --auto");
            }
        }
        List<String> consumed = register ? List.of() : p.all("pool").stream().map(String::strip).toList();
        List<String> attach = pools.stream().filter(x -> !consumed.contains(x)).toList();
        for (String pool : attach) {
            post.add("subscription-manager attach " + quote("--pool=" + pool));
        }
        if (!attach.isEmpty()) {
            did.add("attached " + String.join(", ", attach));
        }
        if (release != null && (register || !currentRelease(p).equals(release))) {
            post.add("subscription-manager release " + quote("--set=" + release));
            did.add("release " + release);
        }
        b.value("subscribed_pool_ids", pools);
        if (did.isEmpty()) {
            if (uuid != null) {
                b.value("uuid", uuid);
            }
            return b.value("registered", true).build();
        }
        b.changed(true).msg(String.join("; ", did)).value("registered", true);
        if (ctx.checkMode()) {
            if (!p.is("euid", "0")) {
                b.warn("subscription-manager needs root: run the task with become: true");
            }
            if (!register && uuid != null) {
                b.value("uuid", uuid);
            }
            return b.build();
        }
        String postScript = post.isEmpty() ? "" : "; " + String.join(" && ", post);
        ExecResult r;
        if (register) {
            RhsmRegistration.Request req = new RhsmRegistration.Request(a.string("username"), a.string("org_id"),
                    a.string("consumer_name"), a.string("server_hostname"), a.has("activationkey"), a.bool("activationkey_in_argv"),
                    registered);
            r = ctx.exec("{ " + RhsmRegistration.script(req) + "; } && { :" + postScript + "; }",
                    RhsmRegistration.stdin(a.string("password"), a.string("activationkey")));
        } else {
            r = ctx.exec(":" + postScript);
        }
        String out = scrub(r.outTrimmed(), secrets);
        String err = scrub(r.errTrimmed(), secrets);
        ProbeLines after = ProbeLines.parse(out);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", r.exitCode());
        values.put("stdout", out);
        values.put("stderr", err);
        if (!r.ok()) {
            throw new ModuleFailure(failureMessage(r.exitCode(), out, err, after.get("method")), values);
        }
        if (after.has("method")) {
            b.value("method", after.get("method"));
        }
        String newUuid = after.has("uuid") ? after.get("uuid") : uuid;
        if (newUuid != null) {
            b.value("uuid", newUuid);
        }
        return b.values(values).build();
    }

    private static void checkCredentials(ModuleArgs a) throws ModuleFailure {
        if (a.has("activationkey")) {
            if (!a.has("org_id")) {
                throw new ModuleFailure("activationkey needs org_id");
            }
            if (a.has("username") || a.has("password")) {
                throw new ModuleFailure("give either username and password, or activationkey and org_id, not both");
            }
        } else if (!a.has("username") || !a.has("password")) {
            throw new ModuleFailure("registering needs username and password, or activationkey and org_id");
        }
        for (String secret : new String[] {a.string("password"), a.string("activationkey")}) {
            if (secret != null && (secret.contains("\n") || secret.contains("\r"))) {
                throw new ModuleFailure("password and activationkey must be one line");
            }
        }
    }

    private static String failureMessage(int rc, String out, String err, String method) {
        List<String> lines = (err + "\n" + out).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("method=") && !l.startsWith("uuid=")).toList();
        String detail = String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
        return switch (rc) {
            case RhsmRegistration.KEY_NEEDS_ARGV -> "this host has no rhsm D-Bus service (rhsm.service), so subscription-manager "
                    + "could only take the activation key on its command line, where local users can read it with ps; set "
                    + "activationkey_in_argv: true to accept that, or register with username and password";
            case RhsmRegistration.NO_PTY_TOOL -> "script(1) from util-linux is needed to give subscription-manager its password at "
                    + "a terminal prompt (this host has no rhsm D-Bus service)";
            default -> "registration failed (rc " + rc + (method.isEmpty() ? "" : ", via " + method) + "): " + detail;
        };
    }

    /** Replaces each secret in text (output of tools that echo what they were given). */
    static String scrub(String text, List<String> secrets) {
        String s = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                s = s.replace(secret, "********");
            }
        }
        return s;
    }

    private static String currentRelease(ProbeLines p) {
        for (String l : p.all("release")) {
            if (l.startsWith("Release:")) {
                return l.substring("Release:".length()).trim();
            }
        }
        return "";
    }

    static String probeScript(boolean pools, boolean release) {
        StringBuilder s = new StringBuilder("export LC_ALL=C; if ! command -v subscription-manager >/dev/null 2>&1; then echo sm=absent; "
                + "exit 0; fi; echo sm=present; echo \"euid=$(id -u)\"; jp_o=$(subscription-manager identity 2>&1); jp_rc=$?; "
                + "echo \"identity_rc=$jp_rc\"; printf '%s\\n' \"$jp_o\" | sed 's/^/identity=/'; if [ $jp_rc = 0 ]; then :");
        if (pools) {
            s.append("; subscription-manager list --consumed --pool-only 2>/dev/null | sed 's/^/pool=/'");
        }
        if (release) {
            s.append("; subscription-manager release --show 2>&1 | sed 's/^/release=/'");
        }
        return s.append("; fi").toString();
    }
}
