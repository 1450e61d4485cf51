package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * UserManagerAccess's probe and routes, run by the real sh on this machine. There is no systemd here,
 * so a listening socket at /run/user/65534/bus stands in for nobody's bus: enough for the probe to
 * choose a route and for {@code user_systemctl --version} to run through it (runuser as root, or the
 * session-bus variables as nobody via sudo). The real manager is exercised by the nspawn tests.
 */
class UserManagerAccessLocalTest {

    private static final Path NOBODY_RUN = Path.of("/run/user/65534");
    private ServerSocketChannel fakeBus;
    private boolean createdDir;

    /** Runs UserManagerAccess for option {@code user} and returns what it found and printed. */
    static final class Probe implements Module {
        @Override
        public ModuleSpec spec() {
            return ModuleSpec.builder("umprobe").option(OptionSpec.of("user", OptionType.STR, "target"))
                    .option(OptionSpec.of("body", OptionType.STR, "script")).build();
        }

        @Override
        public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
            UserManagerAccess.Run r = UserManagerAccess.run(ctx, ctx.args().string("user"), ctx.args().string("body"), false);
            ExecResult again = ctx.exec(r.manager().request(ctx.args().string("body")));
            return ModuleResult.ok().value("route", r.manager().route().word()).value("user", r.manager().user())
                    .value("uid", r.manager().uid()).value("out", r.result().out()).value("rc", r.result().exitCode())
                    .value("again", again.out()).build();
        }
    }

    @AfterEach
    void removeFakeBus() throws IOException {
        if (fakeBus != null) {
            fakeBus.close();
            Files.deleteIfExists(NOBODY_RUN.resolve("bus"));
            if (createdDir) {
                Files.deleteIfExists(NOBODY_RUN);
            }
        }
    }

    private void startFakeBus() throws IOException {
        assumeTrue(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip().equals("0"), "needs root");
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "a real systemd host: do not fake its user bus");
        assumeFalse(Files.exists(NOBODY_RUN.resolve("bus")), "nobody has a bus here already");
        if (!Files.isDirectory(NOBODY_RUN)) {
            Files.createDirectories(NOBODY_RUN);
            createdDir = true;
        }
        fakeBus = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        fakeBus.bind(UnixDomainSocketAddress.of(NOBODY_RUN.resolve("bus")));
    }

    @Test
    void withoutABusAndWithoutLingerItExplainsWhatToDo() {
        assumeFalse(Files.exists(Path.of("/run/user/0/bus")) || Files.exists(Path.of("/var/lib/systemd/linger/root")));
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new Probe(), Map.of("body", "echo body-ran"));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().startsWith("no systemd user manager is running for root (uid 0)"), r.msg());
        assertEquals(1, run.requests().size(), "the body must not run");
    }

    @Test
    void anUnknownUserIsNamed() {
        ModuleResult r = new RealRun(new LocalConnection()).run(new Probe(), Map.of("user", "jplay-ghost", "body", ":"));
        assertTrue(r.failed());
        assertEquals("user jplay-ghost does not exist on the host, so it has no systemd user manager", r.msg());
    }

    @Test
    void rootReachesAnotherUsersManagerThroughRunuser() throws Exception {
        startFakeBus();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")), "no runuser");
        RealRun run = new RealRun(new LocalConnection());
        ModuleResult r = run.run(new Probe(), Map.of("user", "nobody",
                "body", "user_systemctl --version | head -n1; runuser -u nobody -- env | grep -c XDG_RUNTIME_DIR || true"));
        assertFalse(r.failed(), r.toString());
        assertEquals("runuser", r.values().get("route"));
        assertEquals(65534, r.values().get("uid"));
        String out = (String) r.values().get("out");
        assertTrue(out.startsWith("systemd "), out);
        assertTrue(((String) r.values().get("again")).startsWith("systemd "), r.toString());
        assertEquals(2, run.requests().size(), "probe and body in one round trip, then the follow-up");
    }

    @Test
    void theUserItselfGetsItsRuntimeDirAndBusAddressSetExplicitly() throws Exception {
        startFakeBus();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "no sudo");
        RealRun run = new RealRun(new LocalConnection()).become(Become.sudo("nobody")).env(Map.of("XDG_RUNTIME_DIR", "/wrong/inherited"));
        ModuleResult r = run.run(new Probe(), Map.of("body", "echo \"$(id -un) $XDG_RUNTIME_DIR $DBUS_SESSION_BUS_ADDRESS\"; "
                + "user_systemctl --version | head -n1"));
        assertFalse(r.failed(), r.toString());
        assertEquals("session-bus", r.values().get("route"));
        String[] lines = ((String) r.values().get("out")).split("\n");
        assertEquals("nobody /run/user/65534 unix:path=/run/user/65534/bus", lines[0]);
        assertTrue(lines[1].startsWith("systemd "), lines[1]);
        assertTrue(((String) r.values().get("again")).startsWith("nobody /run/user/65534 unix:path=/run/user/65534/bus"));
    }
}
