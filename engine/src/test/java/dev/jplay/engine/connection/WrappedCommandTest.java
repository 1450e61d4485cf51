package dev.jplay.engine.connection;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrappedCommandTest {
    @Test
    void plainCommandsRunAsGivenWithExportsFirst() throws Exception {
        ExecRequest r = ExecRequest.of("echo \"$GREETING\"").withEnv(Map.of("GREETING", "it's me"));
        ExecResult res = new LocalConnection().exec(r);
        assertEquals("it's me", res.outTrimmed());
    }

    @Test
    void becomePasswordGoesOnStdinNeverOnTheCommandLine() {
        ExecRequest r = ExecRequest.of("cat").withStdin("payload".getBytes(StandardCharsets.UTF_8))
                .withBecome(Become.sudo("root").withPassword("s3cret-pw"));
        WrappedCommand w = WrappedCommand.of(r);
        assertFalse(w.commandLine().contains("s3cret-pw"));
        assertTrue(w.commandLine().startsWith("sudo -H -S -p '' -u root"));
        String in = new String(w.stdin(), StandardCharsets.UTF_8);
        assertEquals("s3cret-pw\ns3cret-pw\ns3cret-pw\n" + WrappedCommand.SENTINEL + "\npayload", in);
        assertFalse(r.become().toString().contains("s3cret-pw"));
    }

    @Test
    void stdinPrefixIsSkippedWhenSudoDoesNotReadThePassword() throws Exception {
        // simulate "sudo did not need the password": run the inner shell directly with the whole stdin
        ExecRequest r = ExecRequest.of("cat").withStdin("payload\nline2".getBytes(StandardCharsets.UTF_8))
                .withBecome(Become.sudo("root").withPassword("pw"));
        WrappedCommand w = WrappedCommand.of(r);
        String inner = w.commandLine().substring(w.commandLine().indexOf("-- /bin/sh -c ") + "-- /bin/sh -c ".length());
        ExecResult res = new LocalConnection().exec(new ExecRequest("eval " + inner.replaceFirst("^", ""), w.stdin(), null, null, null));
        assertEquals("payload\nline2", res.out());
    }

    @Test
    void aBecomeCommandLeavesADirectoryItCannotEnter() throws Exception {
        WrappedCommand w = WrappedCommand.of(ExecRequest.of("pwd").withBecome(Become.sudo("jpuser")));
        assertTrue(w.commandLine().endsWith(ShellQuote.quote(WrappedCommand.REACHABLE_CWD + "pwd")), w.commandLine());
        ExecResult stays = new LocalConnection().exec(ExecRequest.of("cd /usr && " + WrappedCommand.REACHABLE_CWD + "pwd"));
        assertEquals("/usr", stays.outTrimmed(), "an enterable directory is kept (SshBecomeTest: one that is not)");
    }

    @Test
    void sudoWithoutPasswordIsNonInteractive() {
        WrappedCommand w = WrappedCommand.of(ExecRequest.of("id -u").withBecome(Become.sudo("jpuser")));
        assertTrue(w.commandLine().startsWith("sudo -H -n -u jpuser -- /bin/sh -c "), w.commandLine());
    }

    @Test
    void suWithPasswordUsesTheSameStdinScheme() {
        Become su = new Become(true, "jppass", Become.BecomeMethod.SU, "pw-su-1");
        WrappedCommand w = WrappedCommand.of(ExecRequest.of("id -un").withStdin("x".getBytes(StandardCharsets.UTF_8)).withBecome(su));
        assertTrue(w.commandLine().startsWith("su -s /bin/sh jppass -c "), w.commandLine());
        assertFalse(w.commandLine().contains("pw-su-1"));
        assertEquals("pw-su-1\npw-su-1\npw-su-1\n" + WrappedCommand.SENTINEL + "\nx", new String(w.stdin(), StandardCharsets.UTF_8));
    }

    /** Issue #10 class 6: a become task's environment values travel like its password, on stdin, never in argv (ps). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sudo", "sudo-pw", "su"})
    void becomeEnvironmentValuesGoOnStdinAndArriveExactly(String how) throws Exception {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("TOKEN", "s3cr3t-token 'q' \"d\" $(id) `x` \\ %b %s");
        env.put("MULTI", "line1\nline2\n\n");
        env.put("WIDE", "日本 7\u00010 end");
        Become b = switch (how) {
            case "sudo" -> Become.sudo("root");
            case "sudo-pw" -> Become.sudo("root").withPassword("pw-not-needed-by-root");
            default -> new Become(true, "root", Become.BecomeMethod.SU, null);
        };
        ExecRequest r = ExecRequest.of("printf '%s|%s|%s' \"$TOKEN\" \"$MULTI\" \"$WIDE\"; cat")
                .withEnv(env).withStdin("payload".getBytes(StandardCharsets.UTF_8)).withBecome(b);
        WrappedCommand w = WrappedCommand.of(r);
        for (String v : env.values()) {
            assertFalse(w.commandLine().contains(v.strip()), w.commandLine());
        }
        assertFalse(w.commandLine().contains("s3cr3t"), w.commandLine());
        ExecResult res = new LocalConnection().exec(r);
        assertEquals(0, res.exitCode(), res.err());
        assertEquals(env.get("TOKEN") + "|" + env.get("MULTI") + "|" + env.get("WIDE") + "payload", res.out());
    }
}
