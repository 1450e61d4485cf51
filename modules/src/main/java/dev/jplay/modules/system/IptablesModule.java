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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Ansible's {@code iptables}: one rule present or absent in a chain (probed with {@code iptables -C}),
 * a chain's policy, a flush, chain creation and removal with chain_management; the same decisions as
 * ansible-core, in one probe round trip. Every value is one quoted argv word; values with line breaks
 * or NUL are refused (they would corrupt iptables-save output). Supported match options are listed in
 * the spec; tcp_flags, set_dscp_mark*, match_set, src_range/dst_range, gid_owner, fragment,
 * set_counters and gateway are not (yet).
 */
public final class IptablesModule implements Module {

    private static final Pattern POLICY = Pattern.compile("\\(policy ([A-Z]+)\\)");
    private static final List<String> VALUES = List.of("chain", "rule_num", "protocol", "source", "destination", "match", "jump",
            "goto", "in_interface", "out_interface", "source_port", "destination_port", "destination_ports", "to_ports",
            "to_destination", "to_source", "ctstate", "limit", "limit_burst", "log_prefix", "log_level", "reject_with", "icmp_type",
            "uid_owner", "comment", "wait");

    private static final ModuleSpec SPEC = buildSpec();

    private static ModuleSpec buildSpec() {
        ModuleSpec.Builder b = ModuleSpec.builder("iptables")
                .describe("Manages one iptables rule (present/absent, appended or inserted), a chain's policy, a flush, and with "
                        + "chain_management the chain itself. Probed with iptables -C; needs root to change anything.")
                .option(OptionSpec.of("table", OptionType.STR, "The table.").choices("filter", "nat", "mangle", "raw", "security")
                        .defaultValue("filter"))
                .option(OptionSpec.of("state", OptionType.STR, "present or absent.").choices("present", "absent").defaultValue("present"))
                .option(OptionSpec.of("action", OptionType.STR, "append (-A) or insert (-I) a new rule.").choices("append", "insert")
                        .defaultValue("append"))
                .option(OptionSpec.of("ip_version", OptionType.STR, "ipv4 (iptables) or ipv6 (ip6tables).").choices("ipv4", "ipv6")
                        .defaultValue("ipv4"))
                .option(OptionSpec.of("chain", OptionType.STR, "The chain (INPUT, FORWARD, OUTPUT, PREROUTING, POSTROUTING, or a user chain)."))
                .option(OptionSpec.of("rule_num", OptionType.STR, "With action insert: the position."))
                .option(OptionSpec.of("protocol", OptionType.STR, "-p: tcp, udp, icmp, all... ('!' negates)."))
                .option(OptionSpec.of("source", OptionType.STR, "-s: address or network."))
                .option(OptionSpec.of("destination", OptionType.STR, "-d: address or network."))
                .option(OptionSpec.of("match", OptionType.LIST, "-m: match modules, in order.").defaultValue(List.of()))
                .option(OptionSpec.of("jump", OptionType.STR, "-j: the target (ACCEPT, DROP, REJECT, LOG, a chain...)."))
                .option(OptionSpec.of("goto", OptionType.STR, "-g: continue in this chain."))
                .option(OptionSpec.of("in_interface", OptionType.STR, "-i"))
                .option(OptionSpec.of("out_interface", OptionType.STR, "-o"))
                .option(OptionSpec.of("source_port", OptionType.STR, "--source-port").aliases("sport"))
                .option(OptionSpec.of("destination_port", OptionType.STR, "--destination-port").aliases("dport"))
                .option(OptionSpec.of("destination_ports", OptionType.LIST, "-m multiport --dports").defaultValue(List.of()))
                .option(OptionSpec.of("to_ports", OptionType.STR, "--to-ports (REDIRECT, MASQUERADE)."))
                .option(OptionSpec.of("to_destination", OptionType.STR, "--to-destination (DNAT)."))
                .option(OptionSpec.of("to_source", OptionType.STR, "--to-source (SNAT)."))
                .option(OptionSpec.of("ctstate", OptionType.LIST, "Connection states (-m conntrack --ctstate).").defaultValue(List.of()))
                .option(OptionSpec.of("syn", OptionType.STR, "--syn: ignore, match or negate.").choices("ignore", "match", "negate")
                        .defaultValue("ignore"))
                .option(OptionSpec.of("limit", OptionType.STR, "-m limit --limit"))
                .option(OptionSpec.of("limit_burst", OptionType.STR, "--limit-burst"))
                .option(OptionSpec.of("log_prefix", OptionType.STR, "--log-prefix (jump LOG)."))
                .option(OptionSpec.of("log_level", OptionType.STR, "--log-level (jump LOG).").choices("0", "1", "2", "3", "4", "5",
                        "6", "7", "emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"))
                .option(OptionSpec.of("reject_with", OptionType.STR, "--reject-with (jump REJECT is implied)."))
                .option(OptionSpec.of("icmp_type", OptionType.STR, "--icmp-type / --icmpv6-type"))
                .option(OptionSpec.of("uid_owner", OptionType.STR, "-m owner --uid-owner"))
                .option(OptionSpec.of("comment", OptionType.STR, "-m comment --comment"))
                .option(OptionSpec.of("wait", OptionType.STR, "-w: seconds to wait for the xtables lock."))
                .option(OptionSpec.of("flush", OptionType.BOOL, "Flush the chain (or the whole table without chain); always a change.")
                        .defaultValue(false))
                .option(OptionSpec.of("policy", OptionType.STR, "Set the chain's policy.").choices("ACCEPT", "DROP", "QUEUE", "RETURN"))
                .option(OptionSpec.of("chain_management", OptionType.BOOL, "Create the chain for a rule if missing; with state absent "
                        + "and no rule, delete the chain.").defaultValue(false))
                .mutuallyExclusive("flush", "policy");
        return b.build();
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        for (String o : VALUES) {
            if (a.raw(o) instanceof List<?> l) {
                for (Object v : l) {
                    SingleLine.require(o, String.valueOf(v));
                }
            } else {
                SingleLine.require(o, a.string(o));
            }
        }
        String chain = a.string("chain");
        boolean flush = a.bool("flush");
        if (!flush && chain == null) {
            throw new ModuleFailure("Either chain or flush parameter must be specified.");
        }
        String jump = a.string("jump");
        if (a.has("log_prefix") || a.has("log_level")) {
            if (jump == null) {
                jump = "LOG";
            } else if (!jump.equals("LOG")) {
                throw new ModuleFailure("Logging options can only be used with the LOG jump target.");
            }
        }
        List<String> rule = IptablesRule.of(a, jump);
        String bin = a.string("ip_version").equals("ipv6") ? "ip6tables" : "iptables";
        String table = a.string("table");
        boolean present = a.string("state").equals("present");
        ModuleResult.Builder b = ModuleResult.ok().value("ip_version", a.string("ip_version")).value("table", table)
                .value("chain", chain).value("flush", flush).value("rule", String.join(" ", IptablesRule.of(a, a.string("jump"))))
                .value("state", a.string("state")).value("chain_management", a.bool("chain_management"));

        String base = bin + " -t " + table;
        String chainWord = chain == null ? "" : " " + quote(chain);
        String ruleWords = words(rule);
        StringBuilder probe = new StringBuilder("export LC_ALL=C; command -v " + bin + " >/dev/null 2>&1 || { echo '" + bin
                + " is not installed on the host' >&2; exit 127; }; echo \"euid=$(id -u)\"; ");
        boolean ruleMode = !flush && !a.has("policy") && !(!present && rule.isEmpty());
        if (ruleMode) {
            probe.append(base).append(" -C").append(chainWord).append(ruleWords).append(" >/dev/null 2>&1; echo \"check_rc=$?\"; ");
        }
        if (!flush && chain != null) {
            probe.append("jp_l=$(").append(base).append(" -L").append(chainWord).append(" 2>&1); echo \"list_rc=$?\"; ")
                    .append("printf 'list_head=%s\\n' \"$(printf '%s\\n' \"$jp_l\" | head -n 1)\"; ");
        }
        ExecResult pr = ctx.exec(probe.append(':').toString());
        if (!pr.ok()) {
            throw new ModuleFailure(pr.exitCode() == 127 ? pr.errTrimmed() : "probing " + bin + " failed (rc " + pr.exitCode() + "): "
                    + pr.errTrimmed());
        }
        ProbeLines p = ProbeLines.parse(pr.out());
        boolean chainPresent = p.is("list_rc", "0");

        String command = null;
        if (flush) {
            command = base + " -F" + chainWord;
        } else if (a.has("policy")) {
            Matcher m = POLICY.matcher(p.get("list_head"));
            if (!m.find()) {
                throw new ModuleFailure("Can't detect current policy");
            }
            if (!m.group(1).equals(a.string("policy"))) {
                command = base + " -P" + chainWord + " " + a.string("policy");
            }
        } else if (!present && rule.isEmpty()) {
            if (chainPresent) {
                b.changed(true);
                if (a.bool("chain_management")) {
                    command = base + " -X" + chainWord;
                }
            }
        } else {
            boolean rulePresent = p.is("check_rc", "0");
            if (rulePresent != present) {
                List<String> cmds = new ArrayList<>();
                if (present) {
                    if (!chainPresent && a.bool("chain_management")) {
                        cmds.add(base + " -N" + chainWord);
                    }
                    boolean insert = a.string("action").equals("insert");
                    cmds.add(base + (insert ? " -I" : " -A") + chainWord
                            + (insert && a.has("rule_num") ? " " + quote(a.string("rule_num")) : "") + ruleWords);
                } else {
                    cmds.add(base + " -D" + chainWord + ruleWords);
                }
                command = String.join(" && ", cmds);
            }
        }
        if (command != null) {
            b.changed(true).msg(command);
        }
        if (command == null || ctx.checkMode()) {
            return b.build();
        }
        if (!p.is("euid", "0")) {
            throw new ModuleFailure("changing " + bin + " rules needs root: run the task with become: true");
        }
        ExecResult r = ctx.exec("export LC_ALL=C; " + command);
        if (!r.ok()) {
            throw new ModuleFailure(bin + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.errTrimmed(), "cmd", command));
        }
        return b.build();
    }

    private static String words(List<String> argv) {
        StringBuilder s = new StringBuilder();
        for (String w : argv) {
            s.append(' ').append(quote(w));
        }
        return s.toString();
    }
}
