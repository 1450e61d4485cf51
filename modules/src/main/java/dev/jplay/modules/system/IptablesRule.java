package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleArgs;

import java.util.ArrayList;
import java.util.List;

/**
 * The argv of an iptables rule built from the module's options in ansible-core's order
 * (construct_rule), so {@code rule} reads as Ansible's and {@code -C}/{@code -A}/{@code -D} get the same
 * words. A value starting with '!' is negated, as in Ansible.
 */
final class IptablesRule {
    private IptablesRule() {
    }

    static List<String> of(ModuleArgs a, String jump) {
        List<String> r = new ArrayList<>();
        String wait = a.string("wait");
        if (wait != null && !wait.isEmpty()) {
            r.add("-w");
            r.add(wait);
        }
        param(r, a.string("protocol"), "-p");
        param(r, a.string("source"), "-s");
        param(r, a.string("destination"), "-d");
        for (String m : a.stringList("match")) {
            param(r, m, "-m");
        }
        param(r, jump, "-j");
        param(r, a.string("log_prefix"), "--log-prefix");
        param(r, a.string("log_level"), "--log-level");
        param(r, a.string("to_destination"), "--to-destination");
        List<String> dports = a.stringList("destination_ports");
        if (!dports.isEmpty()) {
            r.addAll(List.of("-m", "multiport", "--dports", String.join(",", dports)));
        }
        param(r, a.string("to_source"), "--to-source");
        param(r, a.string("goto"), "-g");
        param(r, a.string("in_interface"), "-i");
        param(r, a.string("out_interface"), "-o");
        param(r, a.string("source_port"), "--source-port");
        param(r, a.string("destination_port"), "--destination-port");
        param(r, a.string("to_ports"), "--to-ports");
        String syn = a.string("syn");
        if (syn.equals("match")) {
            r.add("--syn");
        } else if (syn.equals("negate")) {
            r.addAll(List.of("!", "--syn"));
        }
        List<String> match = a.stringList("match");
        List<String> ctstate = a.stringList("ctstate");
        if (match.contains("conntrack")) {
            csv(r, ctstate, "--ctstate");
        } else if (match.contains("state")) {
            csv(r, ctstate, "--state");
        } else if (!ctstate.isEmpty()) {
            r.addAll(List.of("-m", "conntrack"));
            csv(r, ctstate, "--ctstate");
        }
        if (a.has("limit") || a.has("limit_burst")) {
            r.addAll(List.of("-m", "limit"));
        }
        param(r, a.string("limit"), "--limit");
        param(r, a.string("limit_burst"), "--limit-burst");
        if (a.has("uid_owner")) {
            r.addAll(List.of("-m", "owner"));
        }
        param(r, a.string("uid_owner"), "--uid-owner");
        if (jump == null && a.has("reject_with")) {
            r.addAll(List.of("-j", "REJECT"));
        }
        param(r, a.string("reject_with"), "--reject-with");
        param(r, a.string("icmp_type"), a.string("ip_version").equals("ipv6") ? "--icmpv6-type" : "--icmp-type");
        if (a.has("comment")) {
            r.addAll(List.of("-m", "comment"));
        }
        param(r, a.string("comment"), "--comment");
        return r;
    }

    private static void param(List<String> r, String value, String flag) {
        if (value == null) {
            return;
        }
        if (value.startsWith("!")) {
            r.addAll(List.of("!", flag, value.substring(1)));
        } else {
            r.addAll(List.of(flag, value));
        }
    }

    private static void csv(List<String> r, List<String> values, String flag) {
        if (!values.isEmpty()) {
            r.addAll(List.of(flag, String.join(",", values)));
        }
    }
}
