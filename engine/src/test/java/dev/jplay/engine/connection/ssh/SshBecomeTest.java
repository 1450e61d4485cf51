package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Become over SSH with the harness's users: jpuser (sudo NOPASSWD) and jppass (sudo with password;
 * the host asks for it on every sudo). The password must never show up in any output.
 */
@Tag("sshhosts")
class SshBecomeTest {

    private static SshTestHosts hosts;
    private static SshConnection nopasswd;
    private static SshConnection withPassword;
    private static String password;

    @BeforeAll
    static void connect() throws Exception {
        hosts = SshTestHosts.require();
        String h = hosts.first().name();
        nopasswd = hosts.connect(h, SshTestHosts.SUDO_USER);
        withPassword = hosts.connect(h, SshTestHosts.PASSWORD_USER);
        password = hosts.passwordUserPassword();
    }

    @AfterAll
    static void close() {
        if (nopasswd != null) {
            nopasswd.close();
        }
        if (withPassword != null) {
            withPassword.close();
        }
    }

    @Test
    void sudoWithoutPasswordToRootAndToAnotherUser() throws Exception {
        assertEquals("jpuser", nopasswd.exec(ExecRequest.of("id -un")).outTrimmed());
        assertEquals("root", nopasswd.exec(ExecRequest.of("id -un").withBecome(Become.sudo("root"))).outTrimmed());
        ExecResult other = nopasswd.exec(ExecRequest.of("id -un; echo \"$HOME\"").withBecome(Become.sudo("jppass")));
        assertEquals("jppass\n/home/jppass", other.outTrimmed());
    }

    @Test
    void sudoWithPasswordToRootAndToAnotherUserKeepsStdinIntact() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(7).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        Become toRoot = Become.sudo("root").withPassword(password);

        ExecResult r = withPassword.exec(ExecRequest.of("id -un; sha256sum | cut -d' ' -f1").withStdin(payload).withBecome(toRoot));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("root\n" + sha, r.outTrimmed());
        assertNoPassword(r);

        ExecResult other = withPassword.exec(ExecRequest.of("id -un; cat").withStdin("line1\nline2\n".getBytes(StandardCharsets.UTF_8))
                .withBecome(Become.sudo("jpuser").withPassword(password)));
        assertEquals("jpuser\nline1\nline2", other.outTrimmed());
        assertNoPassword(other);
    }

    @Test
    void aTimedOutCommandUnderSudoIsKilledToo() throws Exception {
        ExecResult r = nopasswd.exec(ExecRequest.of("echo $$ > /tmp/jplay-timeout-test.pid; sleep 40")
                .withBecome(Become.sudo("root")).withTimeout(Duration.ofSeconds(1)));
        assertEquals(124, r.exitCode());
        ExecResult left = nopasswd.exec(ExecRequest.of("ps -eo pid,user,args | grep '[s]leep 40' || true"));
        assertEquals("", left.outTrimmed(), "the root-owned sleep must be gone");
    }

    @Test
    void becomingAUserWhoCannotEnterTheLoginUsersHomeStartsInItsOwn() throws Exception {
        // jppass's home is made 0700; becoming jpuser from there must not leave jpuser in a directory it cannot enter
        try (var root = hosts.connect(hosts.first().name(), "root")) {
            String home = root.exec(ExecRequest.of("getent passwd " + SshTestHosts.PASSWORD_USER + " | cut -d: -f6")).outTrimmed();
            String jpHome = root.exec(ExecRequest.of("getent passwd " + SshTestHosts.SUDO_USER + " | cut -d: -f6")).outTrimmed();
            String mode = root.exec(ExecRequest.of("stat -c %a " + home)).outTrimmed();
            root.exec(ExecRequest.of("chmod 700 " + home + " && mkdir -p " + home + "/open && chmod 755 " + home + "/open"));
            try {
                // the home itself, and a folder that is open but inside the closed home
                for (String dir : List.of(home, home + "/open")) {
                    ExecResult r = root.exec(ExecRequest.of("cd " + dir + " && sudo -n -u " + SshTestHosts.SUDO_USER
                            + " sh -c 'cd \"$PWD\" 2>/dev/null && echo enters || echo cannot-enter'"));
                    assertEquals("cannot-enter", r.outTrimmed(), "the situation this test is about, in " + dir);
                    ExecResult inside = root.exec(ExecRequest.of("cd " + dir + " && " + dev.jplay.engine.connection.WrappedCommand.of(
                            ExecRequest.of("pwd").withBecome(Become.sudo(SshTestHosts.SUDO_USER))).commandLine()));
                    assertEquals(jpHome, inside.outTrimmed(), dir + ": " + inside.err());
                }
            } finally {
                root.exec(ExecRequest.of("chmod " + mode + " " + home));
            }
        }
    }

    @Test
    void sudoWithPasswordReallyNeedsIt() throws Exception {
        // jppass has no NOPASSWD rule: without a password sudo -n must refuse
        ExecResult r = withPassword.exec(ExecRequest.of("id -un").withBecome(Become.sudo("root")));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("password is required"), r.err());
    }

    @Test
    void aWrongPasswordFailsTheCommandAndShowsNoPassword() throws Exception {
        String wrong = "not-the-password-42";
        ExecResult r = withPassword.exec(ExecRequest.of("echo ran").withStdin("data\n".getBytes(StandardCharsets.UTF_8))
                .withBecome(Become.sudo("root").withPassword(wrong)));
        assertNotEquals(0, r.exitCode());
        assertFalse(r.out().contains("ran"), "the script must not run: " + r.out());
        assertFalse(r.out().contains(wrong) || r.err().contains(wrong), r.out() + r.err());
        assertNoPassword(r);
        System.out.println("wrong sudo password: exit " + r.exitCode() + ", stderr: " + r.errTrimmed().replace('\n', '|'));
    }

    @Test
    void thePasswordIsNotInTheRequestOrConnectionDescriptions() {
        ExecRequest req = ExecRequest.of("true").withBecome(Become.sudo("root").withPassword(password));
        assertFalse(req.toString().contains(password));
        assertFalse(withPassword.describe().contains(password));
        assertFalse(withPassword.settings().toString().contains(password));
    }

    private static void assertNoPassword(ExecResult r) {
        assertFalse(r.out().contains(password), "password in stdout");
        assertFalse(r.err().contains(password), "password in stderr");
    }
}
