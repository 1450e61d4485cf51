package dev.jplay.engine.testhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the nspawn test host is what jplay's serverless playbooks need: systemd as PID 1 with a
 * finished boot, user managers that run without a login session once linger is on, rootless podman,
 * and the recording subscription-manager stand-in. Needs {@code testhosts/nspawn-host.sh up n1 101}.
 */
@Tag("nspawn")
class NspawnHostSmokeTest {

    private static NspawnHost host;

    @BeforeAll
    static void hostIsUp() {
        host = NspawnHost.require();
    }

    @Test
    void systemdIsPid1AndTheBootFinished() {
        NspawnHost.RemoteResult pid1 = host.run("root", "cat /proc/1/comm");
        assertEquals("systemd", pid1.out(), pid1::describe);

        NspawnHost.RemoteResult state = host.run("root", "timeout 60 systemctl is-system-running --wait");
        assertEquals("running", state.out(),
                () -> state.describe() + "\nfailed units:\n" + host.run("root", "systemctl --failed --no-legend").stdout());
    }

    @Test
    void lingeringUserManagerRunsWithoutALoginSession() {
        String user = host.user();
        String userUnit = "user@$(id -u " + user + ").service";
        try {
            // start from no user manager at all (an earlier ssh login keeps one for UserStopDelaySec)
            NspawnHost.RemoteResult stopped = host.run("root", "loginctl terminate-user " + user + " 2>/dev/null;"
                    + " for i in $(seq 100); do systemctl is-active -q " + userUnit + " || exit 0; sleep 0.1; done; exit 1");
            assertTrue(stopped.succeeded(), () -> "user manager still running: " + stopped.describe());

            // linger alone must start the manager: no session of the user exists
            NspawnHost.RemoteResult started = host.run("root", "loginctl enable-linger " + user + " &&"
                    + " for i in $(seq 100); do systemctl is-active -q " + userUnit + " && exit 0; sleep 0.1; done; exit 1");
            assertTrue(started.succeeded(), () -> "linger did not start the user manager: " + started.describe());
            // State and the class of each session: systemd >= 256 gives the manager a session of class
            // "manager" itself; any other class would be a login that could have started the manager
            NspawnHost.RemoteResult lingering = host.run("root", "loginctl show-user " + user + " --property=State --value;"
                    + " for s in $(loginctl show-user " + user + " --property=Sessions --value); do"
                    + " loginctl show-session $s --property=Class --value; done");
            List<String> lines = lingering.stdout().lines().toList();
            assertEquals("lingering", lines.isEmpty() ? "" : lines.get(0), lingering::describe);
            assertTrue(lines.stream().skip(1).allMatch(sessionClass -> sessionClass.startsWith("manager")),
                    lingering::describe);

            // and root reaches it the way a become-to-user task would (-M starts a session for the call)
            NspawnHost.RemoteResult manager = host.run("root",
                    "timeout 30 systemctl --user -M " + user + "@ is-system-running --wait");
            assertEquals("running", manager.out(), manager::describe);
        } finally {
            host.run("root", "loginctl disable-linger " + user);   // leave the host as `up` made it
        }
    }

    @Test
    void rootlessPodmanRunsForTheTestUser() {
        NspawnHost.RemoteResult info = host.run(host.user(),
                "podman info --format '{{.Host.CgroupsVersion}} {{.Host.Security.Rootless}}'");
        assertEquals("v2 true", info.out(), info::describe);
    }

    @Test
    void subscriptionManagerStandInRecordsCallsWithoutSecrets() {
        String secret = "smoke-secret-" + System.nanoTime();
        // `identity` with a password is a usage error whether registered or not: no state changes
        NspawnHost.RemoteResult call = host.run("root", "subscription-manager identity --password=" + secret);
        assertTrue(call.exitCode() == 1 || call.exitCode() == 64, call::describe);

        NspawnHost.RemoteResult log = host.run("root", "tail -n 1 /var/log/subscription-manager.calls");
        assertTrue(log.out().endsWith("subscription-manager identity --password=<redacted>"), log::describe);
        assertFalse(log.stdout().contains(secret), log::describe);
    }
}
