package dev.jplay.modules.podman;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionFactory;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testhosts.NspawnHost;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quadlet through the containers.podman modules on a real systemd + podman 5 host (the trixie nspawn host):
 * podman_container state quadlet writes the .container file, podman_quadlet installs one and reloads the
 * user's manager so systemd generates the service, which then runs the container; absent removes it
 * again. Every task twice, the second run must change nothing. Run it on a host of its own:
 * {@code nspawn-host.sh up pm2 142 trixie} and {@code -Djplay.nspawn.quadlet-host=pm2}.
 */
@Tag("nspawn")
@Timeout(300)
class PodmanQuadletNspawnTest {
    static NspawnHost host;
    static Connection user;
    static final String IMAGE = "localhost/jpquadlet:v1";

    @BeforeAll
    static void connect() throws Exception {
        host = NspawnHost.require(System.getProperty("jplay.nspawn.quadlet-host", "pm2"));
        String version = host.run("root", "podman --version").out();
        assertTrue(version.matches("(?s).*version [5-9]\\..*"), "this test needs podman 5 (the trixie host): " + version);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", host.ip());
        vars.put("ansible_user", host.user());
        vars.put("ansible_ssh_private_key_file", host.privateKey().toString());
        vars.put("jplay_ssh_known_hosts_file", host.knownHosts().toString());
        vars.put("jplay_ssh_config_file", "none");
        user = ConnectionFactory.open(host.name(), vars, SshOptions.NONE, SshEnvironment.current(), w -> { });
        fixture("root", "loginctl enable-linger " + host.user() + "; for i in $(seq 100); do [ -S /run/user/$(id -u "
                + host.user() + ")/bus ] && break; sleep 0.1; done");
        fixture(host.user(), "set -e; mkdir -p ~/jpq-ctx/www ~/jpq-src; cd ~/jpq-ctx; cp /bin/busybox .; echo quadlet > www/index.html; "
                + "printf 'trap \"exit 0\" TERM\\nhttpd -f -v -p 80 -h /www &\\nwait\\n' > start.sh; "
                + "printf '%s' '" + PodmanHost.CONTAINERFILE.replace("'", "'\\''") + "' > Containerfile; podman build -q -t " + IMAGE + " .; "
                + "printf '[Container]\\nImage=" + IMAGE + "\\nContainerName=jpq2\\nPublishPort=127.0.0.1:18082:80\\n' > ~/jpq-src/jpq2.container");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (host == null) {
            return;
        }
        host.run(host.user(), "systemctl --user stop jpq2.service; rm -f ~/.config/containers/systemd/jpq.container "
                + "~/.config/containers/systemd/jpq2.container; systemctl --user daemon-reload; podman rmi -f " + IMAGE
                + "; rm -rf ~/jpq-ctx ~/jpq-src", Duration.ofSeconds(60));
        host.run("root", "loginctl disable-linger " + host.user());
        if (user != null) {
            user.close();
        }
    }

    private static void fixture(String login, String script) {
        NspawnHost.RemoteResult r = host.run(login, script, Duration.ofSeconds(120));
        assertTrue(r.succeeded(), r.describe());
    }

    private static ModuleResult run(Module m, Map<String, Object> args, boolean check) {
        ModuleResult r = ModuleTestKit.of(m).on(user).check(check).run(args);
        assertFalse(r.failed(), () -> m.spec().name() + " failed: " + r.msg() + " " + r.values());
        return r;
    }

    private static ModuleResult twice(Module m, Map<String, Object> args) {
        assertTrue(run(m, args, true).changed(), m.spec().name() + ": check mode predicts the change");
        ModuleResult first = run(m, args, false);
        assertTrue(first.changed(), () -> m.spec().name() + " first run changed nothing: " + first.msg());
        long t0 = System.nanoTime();
        ModuleResult second = run(m, args, false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(second.changed(), () -> m.spec().name() + " second run changed: " + second.msg() + " " + second.values());
        System.out.printf("%s on %s: no-change run %d ms%n", m.spec().name(), host.name(), ms);
        return first;
    }

    @Test
    void quadletFilesBecomeServices() {
        ModuleResult written = twice(new PodmanContainerModule(), Map.of("name", "jpq", "image", IMAGE, "state", "quadlet",
                "publish", List.of("127.0.0.1:18081:80")));
        assertEquals("/home/" + host.user() + "/.config/containers/systemd/jpq.container", written.values().get("quadlet_file"));

        ModuleResult installed = twice(new PodmanQuadletModule(), Map.of("src", "/home/" + host.user() + "/jpq-src/jpq2.container"));
        assertEquals(true, installed.values().get("daemon_reloaded"));
        // the reload ran the generator: both services exist now, and jpq2 runs its container
        fixture(host.user(), "systemctl --user cat jpq.service >/dev/null && systemctl --user start jpq2.service");
        String page = host.run(host.user(), "curl -s --retry 20 --retry-all-errors --retry-delay 1 http://127.0.0.1:18082/",
                Duration.ofSeconds(60)).out();
        assertEquals("quadlet", page);

        fixture(host.user(), "systemctl --user stop jpq2.service");
        twice(new PodmanQuadletModule(), Map.of("state", "absent", "name", List.of("jpq2")));
        NspawnHost.RemoteResult gone = host.run(host.user(), "systemctl --user cat jpq2.service");
        assertFalse(gone.succeeded(), "jpq2.service is gone after the reload: " + gone.describe());
    }
}
