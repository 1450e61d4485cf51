package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rhsm for real against the project's subscription-manager stand-in (testhosts/), installed in a
 * temp dir with its state, call log and config moved there, and put first on PATH. The stand-in
 * behaves like the real tool where it matters here: it needs root, refuses credentials from stdin
 * without a terminal, and prompts for the password on /dev/tty. The host has no rhsm D-Bus service
 * (DBUS_SYSTEM_BUS_ADDRESS points nowhere), so this runs the terminal-prompt path.
 */
class RhsmStandinLocalTest {

    private static final String PASSWORD = "pw-Sekrit-4711";
    private static final Path STANDIN = Path.of("..", "testhosts", "subscription-manager-standin");

    @TempDir
    Path tmp;
    private Path calls;
    private Path conf;
    private Map<String, String> env;

    @BeforeEach
    void installStandin() throws Exception {
        assumeTrue(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip().equals("0"),
                "the stand-in, like subscription-manager, needs root");
        assumeTrue(Files.isRegularFile(STANDIN), "stand-in not found at " + STANDIN.toAbsolutePath());
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isExecutable(Path.of("/usr/bin/script")), "needs bash and script(1)");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        calls = tmp.resolve("calls.log");
        conf = tmp.resolve("standin.conf");
        String text = Files.readString(STANDIN, StandardCharsets.UTF_8)
                .replace("CALLS=/var/log/subscription-manager.calls", "CALLS=" + calls)
                .replace("STATE=/var/lib/subscription-manager-standin", "STATE=" + tmp.resolve("state"))
                .replace("CONF=/etc/subscription-manager-standin.conf", "CONF=" + conf);
        assertTrue(text.contains("CALLS=" + calls) && text.contains("CONF=" + conf), "stand-in paths not rewritten");
        Path sm = bin.resolve("subscription-manager");
        Files.writeString(sm, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(sm, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("PATH", bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + tmp.resolve("no-system-bus"));
    }

    private RealRun run() {
        return new RealRun(new LocalConnection()).env(env);
    }

    @Test
    void registersWithThePasswordTypedAtThePromptNeverOnACommandLineThenConverges() throws IOException {
        Map<String, Object> args = Map.of("username", "alice", "password", PASSWORD, "consumer_name", "n1-test");
        RealRun first = run();
        ModuleResult r = first.run(new RhsmModule(), args);
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertEquals("cli", r.values().get("method"));
        assertTrue(r.values().get("uuid").toString().matches("[0-9a-f-]{36}"), r.toString());
        assertFalse(r.toString().contains(PASSWORD), "password in the result");
        assertTrue(first.scripts().stream().noneMatch(s -> s.contains(PASSWORD)), "password in a script");
        String log = Files.readString(calls, StandardCharsets.UTF_8);
        assertTrue(log.contains("subscription-manager register --username=alice --name=n1-test"), log);
        assertFalse(log.contains(PASSWORD), log);
        assertFalse(log.contains("--password"), "the password went on argv: " + log);

        RealRun second = run();
        ModuleResult r2 = second.run(new RhsmModule(), args);
        assertFalse(r2.changed(), r2.toString());
        assertEquals(r.values().get("uuid"), r2.values().get("uuid"));
        assertEquals(1, second.requests().size());

        ModuleResult check = run().check(true).run(new RhsmModule(), Map.of("state", "absent"));
        assertTrue(check.changed());
        ModuleResult gone = run().run(new RhsmModule(), Map.of("state", "absent"));
        assertTrue(gone.changed(), gone.toString());
        assertFalse(run().run(new RhsmModule(), Map.of("state", "absent")).changed());
    }

    @Test
    void aWrongPasswordFailsWithTheServersWordsAndWithoutThePassword() throws IOException {
        Files.writeString(conf, "STANDIN_USERNAME=alice\nSTANDIN_PASSWORD=the-right-one\n");
        ModuleResult r = run().run(new RhsmModule(), Map.of("username", "alice", "password", PASSWORD));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().contains("Invalid username or password"), r.msg());
        assertTrue(r.msg().startsWith("registration failed (rc 70, via cli)"), r.msg());
        assertFalse(r.toString().contains(PASSWORD));
        assertFalse(Files.exists(tmp.resolve("state").resolve("identity")));
    }

    @Test
    void anActivationKeyIsRefusedOnACommandLineUnlessAllowed() throws IOException {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("activationkey", "AK-secret-99", "org_id", "4242"));
        ModuleResult refused = run().run(new RhsmModule(), args);
        assertTrue(refused.failed(), refused.toString());
        assertTrue(refused.msg().contains("set activationkey_in_argv: true"), refused.msg());
        assertFalse(Files.readString(calls, StandardCharsets.UTF_8).contains("register"), "register must not have run");

        args.put("activationkey_in_argv", true);
        RealRun allowed = run();
        ModuleResult r = allowed.run(new RhsmModule(), args);
        assertFalse(r.failed(), r.toString());
        assertTrue(r.changed());
        assertTrue(allowed.scripts().stream().noneMatch(s -> s.contains("AK-secret-99")));
        assertFalse(r.toString().contains("AK-secret-99"));
        String log = Files.readString(calls, StandardCharsets.UTF_8);
        assertTrue(log.contains("register --org=4242 --activationkey=<redacted>"), log);
    }
}
