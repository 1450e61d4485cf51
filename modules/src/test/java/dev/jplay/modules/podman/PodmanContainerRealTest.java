package dev.jplay.modules.podman;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * podman_container and podman_unit (generate style) against real podman on this machine: each run
 * twice, the second must report no change; check mode changes nothing.
 */
@Tag("podman")
class PodmanContainerRealTest {
    @TempDir
    static Path tmp;
    static String image;
    static String name;

    @BeforeAll
    static void buildImage() throws IOException {
        PodmanHost.requirePodman();
        image = "localhost/" + PodmanHost.unique("jplaytest-web") + ":v1";
        name = PodmanHost.unique("jplaytest-web");
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx"), "hello from jplay");
        Files.writeString(ctx.resolve("Containerfile"), PodmanHost.CONTAINERFILE);
        PodmanHost.Result r = PodmanHost.podman("build", "-q", "-t", image, ctx.toString());
        assertTrue(r.ok(), r.err());
    }

    @AfterAll
    static void cleanUp() {
        PodmanHost.removeContainers(name, name + "-u");
        PodmanHost.removeImages(image);
    }

    private static ModuleResult container(Map<String, Object> args, boolean check) {
        ModuleResult r = ModuleTestKit.of(new PodmanContainerModule()).on(new LocalConnection()).check(check).diff(true).run(args);
        assertFalse(r.failed(), () -> "failed: " + r.msg() + " " + r.values());
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String get(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Exception last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Test
    void containerLifecycleIsIdempotent() throws Exception {
        int port = freePort();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", name);
        args.put("image", image);
        args.put("publish", List.of("127.0.0.1:" + port + ":80"));
        args.put("label", Map.of("io.containers.autoupdate", "local"));
        args.put("env", Map.of("GREETING", "hello world"));
        args.put("volume", List.of(tmp.resolve("ctx/www") + ":/data:ro"));

        assertTrue(container(args, true).changed(), "check mode: would create");
        assertEquals("", PodmanHost.containerId(name), "check mode created nothing");

        ModuleResult created = container(args, false);
        assertTrue(created.changed());
        assertEquals("hello from jplay\n", get(port), "the container serves its page");
        String id = PodmanHost.containerId(name);

        ModuleResult again = container(args, false);
        assertFalse(again.changed(), () -> "second run changed: " + again.values().get("differences"));
        assertEquals(id, PodmanHost.containerId(name));

        Map<String, Object> relabeled = new LinkedHashMap<>(args);
        relabeled.put("label", Map.of("io.containers.autoupdate", "registry"));
        ModuleResult check = container(relabeled, true);
        assertTrue(check.changed());
        assertEquals(1, check.diffs().size());
        assertEquals(id, PodmanHost.containerId(name), "check mode did not recreate");
        ModuleResult recreated = container(relabeled, false);
        assertTrue(recreated.changed());
        assertNotEquals(id, PodmanHost.containerId(name), "a changed label recreates the container");
        assertFalse(container(relabeled, false).changed());

        Map<String, Object> stopped = new LinkedHashMap<>(relabeled);
        stopped.put("state", "stopped");
        assertTrue(container(stopped, false).changed());
        assertEquals("false", PodmanHost.podman("container", "inspect", "--format", "{{.State.Running}}", name).out().strip());
        assertFalse(container(stopped, false).changed());
        assertTrue(container(relabeled, false).changed(), "started again");
        assertEquals("hello from jplay\n", get(port));

        Map<String, Object> absent = Map.of("name", name, "state", "absent");
        assertTrue(container(absent, false).changed());
        assertEquals("", PodmanHost.containerId(name));
        assertFalse(container(absent, false).changed());
    }

    @Test
    void generatedUnitIsStableAndLeavesNoContainerBehind() throws Exception {
        Path dest = tmp.resolve("units/container-" + name + "-u.service");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", name + "-u");
        args.put("image", image);
        args.put("publish", List.of("127.0.0.1:18080:80"));
        args.put("auto_update", "registry");
        args.put("stop_when_unneeded", true);
        args.put("dest", dest.toString());
        ModuleTestKit kit = ModuleTestKit.of(new PodmanUnitModule()).on(new LocalConnection());

        ModuleResult check = kit.check(true).run(args);
        assertFalse(check.failed(), check.msg());
        assertTrue(check.changed());
        assertFalse(Files.exists(dest), "check mode wrote nothing");

        ModuleResult first = kit.check(false).run(args);
        assertFalse(first.failed(), first.msg());
        assertTrue(first.changed());
        assertEquals(true, first.values().get("needs_daemon_reload"));
        String unit = Files.readString(dest);
        assertTrue(unit.startsWith("[Unit]\nStopWhenUnneeded=yes\n"), unit);
        assertFalse(unit.contains("#"), "no header comments: " + unit);
        assertFalse(unit.contains("[Install]"), unit);
        assertTrue(unit.contains("--name " + name + "-u "), unit);
        assertTrue(unit.contains("--label io.containers.autoupdate=registry"), unit);
        assertFalse(unit.contains("jplay-unit-"), "the throwaway name is gone: " + unit);
        assertEquals("", PodmanHost.podman("ps", "-a", "--filter", "name=jplay-unit-", "--format", "{{.Names}}").out().strip(),
                "the throwaway container is removed");

        ModuleResult second = kit.run(args);
        assertFalse(second.failed(), second.msg());
        assertFalse(second.changed(), "a second generate (new header timestamp) is no change");

        // the unit's own container running under the real name does not disturb generation
        PodmanHost.Result run = PodmanHost.podman("run", "-d", "--name", name + "-u", image);
        assertTrue(run.ok(), run.err());
        ModuleResult third = kit.run(args);
        assertFalse(third.failed(), third.msg());
        assertFalse(third.changed());
        assertTrue(PodmanHost.containerId(name + "-u").length() > 0, "the running container was left alone");

        Map<String, Object> quadlet = new LinkedHashMap<>(args);
        quadlet.put("style", "quadlet");
        quadlet.put("dest", tmp.resolve("units/" + name + ".container").toString());
        ModuleResult q = kit.run(quadlet);
        String version = PodmanHost.podman("--version").out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            fail("cannot read podman --version: " + version);
        }
        boolean hasQuadlet = Integer.parseInt(m.group(1)) > 4 || (Integer.parseInt(m.group(1)) == 4 && Integer.parseInt(m.group(2)) >= 4);
        if (hasQuadlet) {
            assertTrue(q.changed(), q.msg());
            assertFalse(kit.run(quadlet).changed());
        } else {
            assertTrue(q.failed(), "quadlet must fail on " + version);
            assertTrue(q.msg().contains("use style: generate"), q.msg());
        }
    }
}
