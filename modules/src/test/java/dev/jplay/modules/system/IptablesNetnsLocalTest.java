package dev.jplay.modules.system;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jplay.engine.connection.ShellQuote.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * iptables for real, in a network namespace of its own (unshare -n, entered with nsenter for every
 * command), so this machine's firewall is never touched. The sequence and its expected changed values
 * and rules are what ansible-core 2.14's iptables module did in such a namespace (same tasks, run with
 * {@code unshare -n ansible-playbook -i localhost, -c local}).
 */
class IptablesNetnsLocalTest {

    private Process namespace;
    private Connection conn;

    @BeforeEach
    void privateNetwork() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables")) || Files.isExecutable(Path.of("/sbin/iptables")), "no iptables");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/bin/nsenter")), "no unshare/nsenter");
        namespace = new ProcessBuilder("unshare", "-n", "sleep", "600").start();
        Thread.sleep(200);
        assumeTrue(namespace.isAlive(), "cannot create a network namespace here");
        String ns = "/proc/" + namespace.pid() + "/ns/net";
        LocalConnection local = new LocalConnection();
        conn = new Connection() {
            @Override
            public ExecResult exec(ExecRequest r) throws ConnectionException {
                return local.exec(new ExecRequest("exec nsenter --net=" + ns + " sh -c " + quote(r.script()), r.stdin(), r.become(), r.env(),
                        r.timeout()));
            }

            @Override
            public String describe() {
                return "netns";
            }

            @Override
            public void close() {
                local.close();
            }
        };
        ModuleResult probe = new RealRun(conn).check(true).run(new IptablesModule(), Map.of("chain", "INPUT", "jump", "ACCEPT"));
        assumeTrue(!probe.failed(), "iptables does not work in the namespace: " + probe.msg());
    }

    @AfterEach
    void endNamespace() throws Exception {
        if (namespace != null) {
            namespace.destroy();
            namespace.waitFor();
        }
    }

    @Test
    void theSequenceChangesWhatAnsibleChangesAndLeavesTheSameRules() throws Exception {
        Map<String, Object> ssh = Map.of("chain", "INPUT", "protocol", "tcp", "destination_port", "22", "ctstate", List.of("NEW"),
                "jump", "ACCEPT", "comment", "ssh in");
        Map<String, Object> sshAbsent = new java.util.LinkedHashMap<>(ssh);
        sshAbsent.put("state", "absent");
        List<Map<String, Object>> tasks = List.of(ssh, ssh,
                Map.of("chain", "INPUT", "action", "insert", "rule_num", "1", "source", "!10.0.0.0/8", "protocol", "tcp",
                        "destination_ports", List.of("80", "443"), "jump", "DROP"),
                Map.of("chain", "INPUT", "policy", "DROP"), Map.of("chain", "INPUT", "policy", "DROP"),
                Map.of("chain", "JPLAY", "jump", "ACCEPT", "source", "192.0.2.0/24", "chain_management", true),
                sshAbsent, sshAbsent, Map.of("chain", "INPUT", "log_prefix", "IN: ", "log_level", "info"));
        List<Boolean> changed = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (Map<String, Object> t : tasks) {
            ModuleResult check = new RealRun(conn).check(true).run(new IptablesModule(), t);
            ModuleResult r = new RealRun(conn).run(new IptablesModule(), t);
            assertFalse(r.failed(), t + ": " + r);
            assertEquals(check.changed(), r.changed(), "check mode predicted otherwise for " + t);
            changed.add(r.changed());
            rules.add((String) r.values().get("rule"));
        }
        assertEquals(List.of(true, false, true, true, false, true, true, false, true), changed);
        assertEquals("-p tcp -j ACCEPT --destination-port 22 -m conntrack --ctstate NEW -m comment --comment ssh in", rules.get(0));
        assertEquals("--log-prefix IN:  --log-level info", rules.get(8));
        ExecResult s = conn.exec(ExecRequest.of("iptables -S; iptables -S JPLAY"));
        assertEquals(String.join("\n", "-P INPUT DROP", "-P FORWARD ACCEPT", "-P OUTPUT ACCEPT", "-N JPLAY",
                "-A INPUT ! -s 10.0.0.0/8 -p tcp -m multiport --dports 80,443 -j DROP",
                "-A INPUT -j LOG --log-prefix \"IN: \" --log-level 6", "-A JPLAY -s 192.0.2.0/24 -j ACCEPT",
                "-N JPLAY", "-A JPLAY -s 192.0.2.0/24 -j ACCEPT"), s.outTrimmed());
    }
}
