package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionFactory;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testhosts.NspawnHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The system modules over SSH on the real systemd host (testhosts/nspawn-host.sh; host n1 unless
 * JPLAY_NSPAWN_HOST names another): user-scope units as jpuser with nothing set by the caller, linger,
 * a socket whose unit file changes while it listens, a generated unit, and registration against the
 * subscription-manager stand-in. Every task runs twice: the second run must report no change.
 * The tests leave the host as they found it (linger off, units and files removed, unregistered).
 * They end jpuser's sessions and toggle its linger: do not run them at the same time as other tests
 * that use jpuser on the same host.
 */
@Tag("nspawn")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemModulesNspawnTest {

    private static final String USER_UNITS = "/home/jpuser/.config/systemd/user";
    private static NspawnHost host;
    private static Connection root;

    @BeforeAll
    static void connect() throws Exception {
        host = NspawnHost.require(System.getProperty("jplay.nspawn.system-host", "sy1")); // its own host: it toggles linger and ends sessions
        root = ssh("root");
    }

    @AfterAll
    static void cleanUp() {
        if (host == null) {
            return;
        }
        host.run("jpuser", "export XDG_RUNTIME_DIR=/run/user/1000; systemctl --user disable --now jplay-sleep.service 2>/dev/null; "
                + "systemctl --user stop jplay-echo.socket jplay-gen.service 2>/dev/null; rm -f " + USER_UNITS + "/jplay-*; "
                + "systemctl --user daemon-reload; true");
        host.run("root", "rm -f /etc/systemd/user-generators/jplay-gen; loginctl disable-linger jpuser; "
                + "subscription-manager unregister >/dev/null 2>&1; true");
        if (root != null) {
            root.close();
        }
    }

    private static Connection ssh(String login) throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", host.ip());
        vars.put("ansible_user", login);
        vars.put("ansible_ssh_private_key_file", host.privateKey().toString());
        vars.put("jplay_ssh_known_hosts_file", host.knownHosts().toString());
        vars.put("jplay_ssh_config_file", "none");
        return ConnectionFactory.open(host.name(), vars, SshOptions.NONE, SshEnvironment.current(), w -> { });
    }

    private static RealRun asJpuserViaSudo() {
        return new RealRun(root).become(Become.sudo("jpuser"));
    }

    private static void sh(String login, String command) {
        NspawnHost.RemoteResult r = host.run(login, command);
        if (!r.succeeded()) {
            fail(r.describe());
        }
    }

    private static String out(String login, String command) {
        return host.run(login, command).out();
    }

    private static String userSystemctl(String args) {
        return out("root", "runuser -u jpuser -- env XDG_RUNTIME_DIR=/run/user/1000 systemctl --user " + args);
    }

    @Test
    @Order(1)
    void userScopeUnderBecomeExplainsLingerThenWorksOnceLingerIsOn() throws Exception {
        // no linger, no session: the manager must not be running
        sh("root", "loginctl disable-linger jpuser; loginctl terminate-user jpuser 2>/dev/null; "
                + "systemctl stop user@1000.service; for i in $(seq 50); do [ -S /run/user/1000/bus ] || exit 0; sleep 0.1; done; exit 1");
        Map<String, Object> unit = Map.of("name", "jplay-sleep.service", "scope", "user", "state", "started", "enabled", true,
                "daemon_reload", true);

        ModuleResult noManager = asJpuserViaSudo().run(new SystemdModule(), unit);
        assertTrue(noManager.failed(), noManager.toString());
        assertTrue(noManager.msg().startsWith("no systemd user manager is running for jpuser (uid 1000)"), noManager.msg());
        ModuleResult checkSkips = asJpuserViaSudo().check(true).run(new SystemdModule(), unit);
        assertTrue(checkSkips.skipped(), checkSkips.toString());

        ModuleResult linger = new RealRun(root).run(new LingerModule(), Map.of("user", "jpuser"));
        assertTrue(linger.changed(), linger.toString());
        assertEquals(true, linger.values().get("manager_running"));
        sh("root", "test -e /var/lib/systemd/linger/jpuser && test -S /run/user/1000/bus");
        RealRun again = new RealRun(root);
        assertFalse(again.run(new LingerModule(), Map.of("user", "jpuser")).changed());
        assertEquals(1, again.requests().size());

        sh("root", "install -d -o jpuser -g jpuser /home/jpuser/.config /home/jpuser/.config/systemd " + USER_UNITS
                + " && printf '[Unit]\\nDescription=jplay test\\n[Service]\\nExecStart=/bin/sleep 100000\\n[Install]\\nWantedBy=default.target\\n' > "
                + USER_UNITS + "/jplay-sleep.service && chown jpuser: " + USER_UNITS + "/jplay-sleep.service");

        RealRun first = asJpuserViaSudo();
        long t0 = System.nanoTime();
        ModuleResult started = first.run(new SystemdModule(), unit);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(started.failed(), started.toString());
        assertTrue(started.changed(), started.toString());
        assertEquals(2, first.requests().size(), "probe (with daemon-reload) and one action");
        assertEquals("active", userSystemctl("is-active jplay-sleep.service"));
        assertEquals("enabled", userSystemctl("is-enabled jplay-sleep.service"));

        RealRun second = asJpuserViaSudo();
        t0 = System.nanoTime();
        ModuleResult same = second.run(new SystemdModule(), unit);
        long secondMs = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(same.changed(), same.toString());
        assertEquals(1, second.requests().size());
        System.out.printf("systemd scope=user via sudo over ssh: first run %d ms (2 round trips), converged run %d ms (1)%n",
                firstMs, secondMs);

        Map<String, Object> stop = Map.of("name", "jplay-sleep.service", "scope", "user", "state", "stopped");
        assertTrue(asJpuserViaSudo().run(new SystemdModule(), stop).changed());
        RealRun converged = asJpuserViaSudo();
        t0 = System.nanoTime();
        assertFalse(converged.run(new SystemdModule(), stop).changed());
        System.out.printf("systemd scope=user via sudo over ssh, converged, no daemon-reload: %d ms (%d round trip)%n",
                (System.nanoTime() - t0) / 1_000_000, converged.requests().size());
        assertEquals("inactive", userSystemctl("is-active jplay-sleep.service"));
    }

    @Test
    @Order(2)
    void anActiveSocketWhoseFileChangedIsRestartedSoItListensWhereItShould() throws Exception {
        sh("root", "loginctl enable-linger jpuser");
        try (Connection jp = ssh("jpuser")) {
            writeSocket(18081);
            Map<String, Object> task = Map.of("name", "jplay-echo.socket", "scope", "user", "state", "started", "daemon_reload", true);
            RealRun run = new RealRun(jp);
            ModuleResult r1 = run.run(new SystemdModule(), task);
            assertTrue(r1.changed(), r1.toString());
            assertEquals("session-bus", route(jp));
            assertTrue(listening(18081));
            assertFalse(run.run(new SystemdModule(), task).changed());

            // rewritten while listening, reloaded, but not restarted (Ansible's behaviour): the new port is dead
            Thread.sleep(1100); // file mtimes have one-second resolution
            writeSocket(18082);
            Map<String, Object> noRefresh = new LinkedHashMap<>(task);
            noRefresh.put("refresh_stale_socket", false);
            ModuleResult r2 = run.run(new SystemdModule(), noRefresh);
            assertTrue(r2.changed(), "the daemon-reload loaded a changed unit: " + r2);
            assertFalse(r2.msg().contains("restart"), r2.msg());
            assertFalse(listening(18082), "systemd left the rewritten socket on its old port");

            // jplay's default: the stale socket is restarted, found by mtime (the reload already happened)
            ModuleResult r3 = run.run(new SystemdModule(), task);
            assertTrue(r3.changed(), r3.toString());
            assertTrue(r3.msg().contains("was restarted: its unit file changed after it started listening"), r3.msg());
            assertTrue(listening(18082));
            assertFalse(listening(18081));
            assertFalse(run.run(new SystemdModule(), task).changed());
        }
    }

    @Test
    @Order(3)
    void aGeneratedUnitCannotBeEnabledAndIsSatisfiedWithANote() {
        sh("root", "loginctl enable-linger jpuser; mkdir -p /etc/systemd/user-generators && printf '%s\\n' '#!/bin/sh' "
                + "'printf \"[Service]\\nExecStart=/bin/sleep 100000\\n\" > \"$1/jplay-gen.service\"' "
                + "'mkdir -p \"$1/default.target.wants\" && ln -sf ../jplay-gen.service \"$1/default.target.wants/\"' "
                + "> /etc/systemd/user-generators/jplay-gen && chmod 755 /etc/systemd/user-generators/jplay-gen");
        Map<String, Object> task = Map.of("name", "jplay-gen.service", "scope", "user", "enabled", true, "daemon_reload", true);
        ModuleResult r = asJpuserViaSudo().run(new SystemdModule(), task);
        assertFalse(r.failed(), r.toString());
        assertEquals("generated", userSystemctl("is-enabled jplay-gen.service"));
        assertTrue(r.msg().contains("is generated") && r.msg().contains("already pulled in by default.target"), r.msg());
        ModuleResult twice = asJpuserViaSudo().run(new SystemdModule(), task);
        assertFalse(twice.changed(), twice.toString());
        ModuleResult disable = asJpuserViaSudo().run(new SystemdModule(), Map.of("name", "jplay-gen.service", "scope", "user",
                "enabled", false));
        assertTrue(disable.failed(), disable.toString());
        assertTrue(disable.msg().startsWith("cannot disable jplay-gen.service: it is generated"), disable.msg());
    }

    @Test
    @Order(4)
    void rootReachesJpusersManagerThroughRunuser() {
        sh("root", "loginctl enable-linger jpuser; for i in $(seq 50); do [ -S /run/user/1000/bus ] && exit 0; sleep 0.1; done; exit 1");
        ModuleResult r = new RealRun(root).run(new UserManagerAccessLocalTest.Probe(),
                Map.of("user", "jpuser", "body", "user_systemctl is-system-running; user_systemctl show -p Id --value default.target"));
        assertFalse(r.failed(), r.toString());
        assertEquals("runuser", r.values().get("route"));
        String out = (String) r.values().get("out");
        assertTrue(out.matches("(?s)(running|degraded|starting)\\ndefault.target\\n"), out);
    }

    @Test
    @Order(5)
    void rhsmRegistersWithTheStandinKeepingThePasswordOffEveryCommandLine() {
        String password = "nspawn-Pw-31337";
        host.run("root", "subscription-manager unregister >/dev/null 2>&1; : > /var/log/subscription-manager.calls");
        Map<String, Object> reg = Map.of("username", "alice", "password", password, "org_id", "4242");
        RealRun run = new RealRun(root);
        ModuleResult r = run.run(new RhsmModule(), reg);
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertEquals("cli", r.values().get("method"), "no rhsm D-Bus service on the stand-in host");
        assertFalse(r.toString().contains(password));
        assertTrue(run.scripts().stream().noneMatch(s -> s.contains(password)));
        String calls = out("root", "cat /var/log/subscription-manager.calls");
        assertTrue(calls.contains("register --username=alice --org=4242"), calls);
        assertFalse(calls.contains(password) || calls.contains("--password"), calls);
        assertEquals(r.values().get("uuid"), out("root", "subscription-manager identity | sed -n 's/^system identity: //p'"));
        assertFalse(new RealRun(root).run(new RhsmModule(), reg).changed());
        assertTrue(new RealRun(root).run(new RhsmModule(), Map.of("state", "absent")).changed());
        assertFalse(new RealRun(root).run(new RhsmModule(), Map.of("state", "absent")).changed());
    }

    @Test
    @Order(6)
    void installedPackagesOverSshCostOneRoundTrip() {
        RealRun run = new RealRun(root);
        long t0 = System.nanoTime();
        ModuleResult r = run.run(new PackageModule(), Map.of("name", List.of("systemd", "openssh-server", "podman")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed(), r.toString());
        assertEquals(1, run.requests().size());
        System.out.printf("package (3 installed) over ssh: %d ms%n", ms);
    }

    private static void writeSocket(int port) {
        sh("root", "install -d -o jpuser -g jpuser /home/jpuser/.config /home/jpuser/.config/systemd " + USER_UNITS
                + " && printf '[Socket]\\nListenStream=127.0.0.1:" + port + "\\n' > " + USER_UNITS + "/jplay-echo.socket"
                + " && printf '[Service]\\nExecStart=/bin/true\\n' > " + USER_UNITS + "/jplay-echo.service"
                + " && chown jpuser: " + USER_UNITS + "/jplay-echo.*");
    }

    private static boolean listening(int port) {
        return out("root", "ss -Hltn 'sport = :" + port + "' | wc -l").equals("1");
    }

    private static String route(Connection c) throws Exception {
        ModuleResult r = new RealRun(c).run(new UserManagerAccessLocalTest.Probe(), Map.of("body", ":"));
        return String.valueOf(r.values().get("route"));
    }
}
