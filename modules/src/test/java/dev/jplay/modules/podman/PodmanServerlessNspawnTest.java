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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serverless chain of podman modules over SSH on the systemd + podman nspawn host, as the lab's
 * serverless-demo.sh does it by hand: insecure registry config (root), rootless build and push of
 * v1 and v2, tag v1 as prod, the container's unit (generate style on podman 4.3, Quadlet on podman
 * 4.4+) with daemon-reload, then the registry's prod moved to v2 by root and podman auto-update
 * rolling the running service forward. Every module runs twice; the second run must change nothing.
 *
 * <p>The registry service, linger and starting the unit are fixtures here (plain ssh): they belong
 * to other modules (template, systemd, linger). The test changes the host (registry on :5000,
 * linger for the user, units): run it on a host of its own, e.g. {@code nspawn-host.sh up pm1 141} and
 * {@code -Djplay.nspawn.host=pm1}; {@code down} throws every change away.
 */
@Tag("nspawn")
class PodmanServerlessNspawnTest {
    static NspawnHost host;
    static Connection root;
    static Connection user;
    static String registry;
    static boolean quadlet;
    static String unit;

    @BeforeAll
    static void connect() throws Exception {
        host = NspawnHost.require(System.getProperty("jplay.nspawn.podman-host", "pm1")); // its own host: the chain changes it
        root = open("root");
        user = open(host.user());
        registry = host.name() + ":5000";
        String version = host.run("root", "podman --version").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        assertTrue(m.find(), version);
        int major = Integer.parseInt(m.group(1));
        quadlet = major > 4 || (major == 4 && Integer.parseInt(m.group(2)) >= 4);
        unit = quadlet ? "jpweb.service" : "container-jpweb.service";
        // fixture: the registry service (the playbook does this with template + systemd) and linger
        fixture("root", "set -e; printf 'version: 0.1\\nstorage:\\n  filesystem:\\n    rootdirectory: /var/lib/docker-registry\\n"
                + "  delete:\\n    enabled: true\\nhttp:\\n  addr: :5000\\n' > /etc/docker/registry/config.yml; "
                + "systemctl restart docker-registry; loginctl enable-linger " + host.user() + "; "
                + "for i in $(seq 100); do curl -sf http://" + registry + "/v2/ >/dev/null && break; sleep 0.1; done; "
                + "for i in $(seq 100); do [ -S /run/user/$(id -u " + host.user() + ")/bus ] && break; sleep 0.1; done");
        for (String v : List.of("v1", "v2")) {
            fixture(host.user(), "set -e; mkdir -p ~/jpctx-" + v + "/www; cd ~/jpctx-" + v + "; cp /bin/busybox .; "
                    + "echo 'hello from " + v + "' > www/index.html; "
                    + "printf 'trap \"exit 0\" TERM\\nhttpd -f -v -p 80 -h /www &\\nwait\\n' > start.sh");
        }
    }

    @AfterAll
    static void cleanUp() {
        if (host == null) {
            return;
        }
        host.run(host.user(), "systemctl --user stop " + unit + "; rm -f ~/.config/systemd/user/container-jpweb.service "
                + "~/.config/containers/systemd/jpweb.container; systemctl --user daemon-reload; "
                + "podman rmi -f " + registry + "/jphttpd:v1 " + registry + "/jphttpd:v2 " + registry + "/jphttpd:prod; rm -rf ~/jpctx-v1 ~/jpctx-v2");
        host.run("root", "podman rmi -f " + registry + "/jphttpd:v2 " + registry + "/jphttpd:prod; "
                + "rm -f /etc/containers/registries.conf.d/50-jplay-" + registry + ".conf; loginctl disable-linger " + host.user()
                + "; systemctl stop docker-registry; rm -rf /var/lib/docker-registry/docker");
        if (root != null) {
            root.close();
        }
        if (user != null) {
            user.close();
        }
    }

    private static Connection open(String login) throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", host.ip());
        vars.put("ansible_user", login);
        vars.put("ansible_ssh_private_key_file", host.privateKey().toString());
        vars.put("jplay_ssh_known_hosts_file", host.knownHosts().toString());
        vars.put("jplay_ssh_config_file", "none");
        return ConnectionFactory.open(host.name(), vars, SshOptions.NONE, SshEnvironment.current(), w -> { });
    }

    private static void fixture(String login, String script) {
        NspawnHost.RemoteResult r = host.run(login, script, Duration.ofSeconds(60));
        assertTrue(r.succeeded(), r.describe());
    }

    private static ModuleResult run(Module m, Connection c, Map<String, Object> args, boolean check) {
        ModuleResult r = ModuleTestKit.of(m).on(c).check(check).run(args);
        assertFalse(r.failed(), () -> m.spec().name() + " failed: " + r.msg() + " " + r.values());
        return r;
    }

    /** Runs the module twice: the first run must change the host, the second must not. */
    private static ModuleResult twice(Module m, Connection c, Map<String, Object> args) {
        ModuleResult first = run(m, c, args, false);
        assertTrue(first.changed(), () -> m.spec().name() + " first run changed nothing: " + first.msg());
        long t0 = System.nanoTime();
        ModuleResult second = run(m, c, args, false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(second.changed(), () -> m.spec().name() + " second run changed: " + second.msg() + " " + second.values());
        // measurement for the report (surefire keeps it in the test's -output.txt)
        System.out.printf("%s on %s: no-change run %d ms%n", m.spec().name(), host.name(), ms);
        return first;
    }

    private static String curl() {
        return host.run(host.user(), "curl -s --retry 20 --retry-all-errors --retry-delay 1 http://127.0.0.1:18080/",
                Duration.ofSeconds(60)).out();
    }

    @Test
    void buildPushUnitAndAutoUpdate() {
        twice(new RegistryConfigModule(), root, Map.of("location", registry, "insecure", true));

        for (String v : List.of("v1", "v2")) {
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("name", registry + "/jphttpd");
            build.put("tag", v);
            build.put("path", "/home/" + host.user() + "/jpctx-" + v);
            build.put("containerfile", PodmanHost.CONTAINERFILE);
            build.put("push", true);
            twice(new PodmanImageModule(), user, build);
        }
        twice(new PodmanTagModule(), user, Map.of("image", registry + "/jphttpd:v1", "target_names", List.of(registry + "/jphttpd:prod")));
        twice(new PodmanImageModule(), user, Map.of("name", registry + "/jphttpd:prod", "push", true));

        Map<String, Object> unitArgs = new LinkedHashMap<>();
        unitArgs.put("name", "jpweb");
        unitArgs.put("style", quadlet ? "quadlet" : "generate");
        unitArgs.put("image", registry + "/jphttpd:prod");
        unitArgs.put("publish", List.of("127.0.0.1:18080:80"));
        unitArgs.put("auto_update", "registry");
        unitArgs.put("daemon_reload", true);
        ModuleResult written = twice(new PodmanUnitModule(), user, unitArgs);
        assertEquals(unit, written.values().get("unit_name"));
        assertEquals(true, written.values().get("daemon_reloaded"));

        fixture(host.user(), "systemctl --user start " + unit);
        assertEquals("hello from v1", curl());

        // the registry's prod moves to v2, pushed by root from its own storage (as in the lab)
        run(new PodmanImageModule(), root, Map.of("name", registry + "/jphttpd:v2"), false);
        twice(new PodmanTagModule(), root, Map.of("image", registry + "/jphttpd:v2", "target_names", List.of(registry + "/jphttpd:prod")));
        twice(new PodmanImageModule(), root, Map.of("name", registry + "/jphttpd:prod", "push", true));

        ModuleResult dry = run(new PodmanAutoUpdateModule(), user, Map.of(), true);
        assertTrue(dry.changed(), () -> "dry run sees the update: " + dry.values());
        assertEquals(List.of(unit), dry.values().get("updated"));
        assertEquals("hello from v1", curl(), "the dry run changed nothing");

        ModuleResult update = run(new PodmanAutoUpdateModule(), user, Map.of(), false);
        assertTrue(update.changed(), () -> "auto-update updated the unit: " + update.values());
        assertEquals("hello from v2", curl());
        ModuleResult again = run(new PodmanAutoUpdateModule(), user, Map.of(), false);
        assertFalse(again.changed(), () -> "a second auto-update finds nothing newer: " + again.values());

        fixture(host.user(), "systemctl --user stop " + unit);
        Map<String, Object> absent = new LinkedHashMap<>(unitArgs);
        absent.put("state", "absent");
        twice(new PodmanUnitModule(), user, absent);
    }
}
