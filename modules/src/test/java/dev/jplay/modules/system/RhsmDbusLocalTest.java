package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rhsm's D-Bus registration path for real: a private dbus-daemon stands in for the system bus, and
 * fake_rhsm_service.py for rhsm's com.redhat.RHSM1 service (RegisterServer + a private-socket Register
 * object, with the signatures Ansible's redhat_subscription uses). The module's helper runs with the
 * host's /usr/bin/python3 and dbus-python, exactly as on RHEL; a fake subscription-manager on PATH
 * answers identity/refresh/attach. Proves the password and activation keys travel over D-Bus only.
 * Needs dbus-daemon, python3-dbus and python3-gi (Debian packages) on this machine.
 */
class RhsmDbusLocalTest {

    @TempDir
    Path tmp;
    private Process daemon;
    private Process service;
    private Map<String, String> env;

    @BeforeEach
    void startBusAndService() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dbus-daemon")), "needs dbus-daemon");
        assumeTrue(new ProcessBuilder("/usr/bin/python3", "-c", "import dbus, gi").start().waitFor() == 0,
                "needs /usr/bin/python3 with python3-dbus and python3-gi");
        assumeTrue(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip().equals("0"),
                "runs the module as root, like subscription-manager");
        String bus = "unix:path=" + tmp.resolve("system_bus");
        daemon = new ProcessBuilder("/usr/bin/dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=" + bus,
                "--print-address=1").redirectErrorStream(true).start();
        assertTrue(firstLine(daemon.getInputStream()).startsWith("unix:path="), "dbus-daemon did not start");

        Path script = tmp.resolve("fake_rhsm_service.py");
        try (InputStream in = getClass().getResourceAsStream("/system/fake_rhsm_service.py")) {
            assertNotNull(in);
            Files.write(script, in.readAllBytes());
        }
        service = new ProcessBuilder("/usr/bin/python3", script.toString(), bus, tmp.resolve("calls.jsonl").toString(),
                tmp.resolve("registered").toString(), "unix:tmpdir=" + tmp).redirectErrorStream(true).start();
        assertEquals("ready", firstLine(service.getInputStream()), "fake rhsm service did not start");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path sm = bin.resolve("subscription-manager");
        Files.writeString(sm, "#!/bin/sh\necho \"$*\" >> " + tmp.resolve("sm.calls") + "\ncase \"$1\" in\n"
                + "identity) if [ -f " + tmp.resolve("registered") + " ]; then echo \"system identity: $(cat " + tmp.resolve("registered")
                + ")\"; exit 0; fi; echo 'This system is not yet registered.' >&2; exit 1;;\n"
                + "refresh) echo 'All local data refreshed';;\nesac\nexit 0\n");
        Files.setPosixFilePermissions(sm, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("PATH", bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "DBUS_SYSTEM_BUS_ADDRESS", bus);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : new Process[] {service, daemon}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "" : line.strip();
    }

    private RealRun run() {
        return new RealRun(new LocalConnection()).env(env);
    }

    @Test
    void usernameAndPasswordGoOverTheRhsmPrivateBus() throws IOException {
        String password = "dbus-Pw-0815";
        RealRun run = run();
        ModuleResult r = run.run(new RhsmModule(), Map.of("username", "alice", "password", password, "org_id", "4242",
                "consumer_name", "n1", "server_hostname", "satellite.example", "auto_attach", true));
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertEquals("dbus", r.values().get("method"));
        assertEquals(Files.readString(tmp.resolve("registered")).strip(), r.values().get("uuid"));
        String call = Files.readString(tmp.resolve("calls.jsonl"));
        assertTrue(call.contains("\"method\": \"Register\", \"org\": \"4242\", \"user\": \"alice\", \"password\": \"" + password + "\""), call);
        assertTrue(call.contains("\"opts\": {\"name\": \"n1\"}, \"conn\": {\"host\": \"satellite.example\"}, \"locale\": \"C\""), call);
        assertTrue(run.scripts().stream().noneMatch(s -> s.contains(password)));
        assertFalse(r.toString().contains(password));
        List<String> smCalls = Files.readAllLines(tmp.resolve("sm.calls"));
        assertTrue(smCalls.containsAll(List.of("refresh", "attach --auto")), smCalls.toString());
        assertTrue(smCalls.stream().noneMatch(c -> c.startsWith("register")), "the CLI must not have registered: " + smCalls);

        ModuleResult again = run().run(new RhsmModule(), Map.of("username", "alice", "password", password));
        assertFalse(again.changed());
    }

    @Test
    void activationKeysGoOverDbusWithoutNeedingTheArgvOptIn() throws IOException {
        RealRun run = run();
        ModuleResult r = run.run(new RhsmModule(), Map.of("activationkey", "AK-one,AK-two", "org_id", "4242"));
        assertFalse(r.failed(), r.toString());
        assertEquals("dbus", r.values().get("method"));
        String call = Files.readString(tmp.resolve("calls.jsonl"));
        assertTrue(call.contains("\"method\": \"RegisterWithActivationKeys\", \"org\": \"4242\", \"keys\": [\"AK-one\", \"AK-two\"]"), call);
        assertTrue(run.scripts().stream().noneMatch(s -> s.contains("AK-one")));
    }

    @Test
    void aRefusalOverDbusIsReportedWithRhsmsMessage() {
        ModuleResult r = run().run(new RhsmModule(), Map.of("username", "alice", "password", "wrong"));
        assertTrue(r.failed(), r.toString());
        assertEquals("registration failed (rc 70, via dbus): registration refused: Invalid username or password", r.msg());
        assertFalse(Files.exists(tmp.resolve("registered")));
    }
}
