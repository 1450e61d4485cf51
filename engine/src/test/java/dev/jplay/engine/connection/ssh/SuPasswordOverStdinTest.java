package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.testhosts.SshTestHosts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence for WrappedCommand (owned by the engine): {@code su} with a password needs no terminal on
 * util-linux su + Linux-PAM, because PAM's text conversation reads the password one byte at a time up
 * to the newline when stdin is not a tty. So su can use sudo's scheme (password, sentinel line, then
 * the script's stdin) and the script still gets its stdin byte for byte. The command line is built
 * here the way WrappedCommand builds its sudo one.
 */
@Tag("sshhosts")
class SuPasswordOverStdinTest {

    private static final String SENTINEL = "__JPLAY_STDIN_BEGINS__";

    private static ExecRequest su(String target, String body, String password, byte[] stdin) {
        String skip = "IFS= read -r __jp_l; [ \"$__jp_l\" = " + SENTINEL + " ] || IFS= read -r __jp_l; unset __jp_l; ";
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes((password + "\n" + SENTINEL + "\n").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(stdin);
        return ExecRequest.of("su -s /bin/sh " + ShellQuote.quote(target) + " -c " + ShellQuote.quote(skip + body))
                .withStdin(in.toByteArray());
    }

    @Test
    void suWithPasswordOnStdinKeepsTheScriptsStdinIntact() throws Exception {
        SshTestHosts hosts = SshTestHosts.require();
        byte[] payload = new byte[512 * 1024];
        new Random(3).nextBytes(payload);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        try (SshConnection c = hosts.connect(hosts.first().name(), SshTestHosts.PASSWORD_USER)) {
            ExecResult ok = c.exec(su("root", "id -un; sha256sum | cut -d' ' -f1", hosts.rootPassword(), payload));
            assertEquals(0, ok.exitCode(), ok.err());
            assertEquals("root\n" + sha, ok.outTrimmed());
            assertFalse(ok.out().contains(hosts.rootPassword()) || ok.err().contains(hosts.rootPassword()));
            System.out.println("su stderr (its prompt cannot be silenced): " + ok.err().replace("\n", "\\n"));

            ExecResult bad = c.exec(su("root", "echo ran", "wrong-root-pw", "data\n".getBytes(StandardCharsets.UTF_8)));
            assertNotEquals(0, bad.exitCode());
            assertFalse(bad.out().contains("ran"));
            assertTrue(bad.err().contains("Authentication failure"), bad.err());
        }
        try (SshConnection root = hosts.connect(hosts.first().name(), "root")) {
            // root's su asks for no password: the prefix skips password and sentinel, stdin stays intact
            ExecResult r = root.exec(su("jpuser", "id -un; cat", "unused", "line\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals("jpuser\nline", r.outTrimmed());
        }
    }
}
