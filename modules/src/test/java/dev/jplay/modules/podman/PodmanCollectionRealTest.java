package dev.jplay.modules.podman;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The containers.podman modules jplay added (podman_network, podman_pod, podman_quadlet, podman_image_info) and
 * podman_container's collection options (network, pod, generate_systemd, state quadlet), against real podman on
 * this machine: every task twice, the second run must report no change; check mode changes nothing.
 */
@Tag("podman")
@Timeout(180)
class PodmanCollectionRealTest {
    @TempDir
    static Path tmp;
    static String image;
    static String net;
    static String pod;
    static String ctr;

    @BeforeAll
    static void buildImage() throws IOException {
        PodmanHost.requirePodman();
        image = "localhost/" + PodmanHost.unique("jplaytest-coll") + ":v1";
        net = PodmanHost.unique("jplaytest-net");
        pod = PodmanHost.unique("jplaytest-pod");
        ctr = PodmanHost.unique("jplaytest-cc");
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx"), "collection");
        Files.writeString(ctx.resolve("Containerfile"), PodmanHost.CONTAINERFILE);
        PodmanHost.Result r = PodmanHost.podman("build", "-q", "-t", image, ctx.toString());
        assertTrue(r.ok(), r.err());
    }

    @AfterAll
    static void cleanUp() {
        PodmanHost.removeContainers(ctr);
        PodmanHost.podman("pod", "rm", "-f", pod);
        PodmanHost.podman("network", "rm", "-f", net);
        PodmanHost.removeImages(image);
    }

    private static ModuleResult run(Module m, Map<String, Object> args, boolean check) {
        ModuleResult r = ModuleTestKit.of(m).on(new LocalConnection()).check(check).diff(true).run(args);
        assertFalse(r.failed(), () -> "failed: " + r.msg() + " " + r.values());
        return r;
    }

    /** Check mode says it would change, the run changes, the second run does not. */
    private static ModuleResult converge(Module m, Map<String, Object> args) {
        assertTrue(run(m, args, true).changed(), "check mode predicts a change: " + args);
        ModuleResult first = run(m, args, false);
        assertTrue(first.changed(), "first run changes: " + args);
        ModuleResult second = run(m, args, false);
        assertFalse(second.changed(), () -> "second run is no change: " + second.msg() + " " + second.values());
        return first;
    }

    @Test
    void networkPodAndContainerInThem() throws IOException {
        Map<String, Object> network = new LinkedHashMap<>(Map.of("name", net, "subnet", "10.89.231.7/24", "internal", true,
                "label", Map.of("app", "jplay")));
        converge(new PodmanNetworkModule(), network);
        assertTrue(PodmanHost.podman("network", "inspect", net).out().contains("10.89.231.0/24"));
        network.put("subnet", "10.89.232.0/24");
        ModuleResult changed = converge(new PodmanNetworkModule(), network);
        assertEquals(List.of("subnet: 10.89.231.0/24 -> 10.89.232.0/24"), changed.values().get("differences"));

        Map<String, Object> podArgs = new LinkedHashMap<>(Map.of("name", pod, "state", "started", "network", List.of(net),
                "label", Map.of("app", "jplay")));
        converge(new PodmanPodModule(), podArgs);
        assertEquals("Running", PodmanHost.podman("pod", "inspect", "--format", "{{.State}}", pod).out().strip());

        Map<String, Object> c = new LinkedHashMap<>(Map.of("name", ctr, "image", image, "pod", pod, "state", "started",
                "generate_systemd", Map.of("path", tmp.resolve("units").toString(), "new", true, "no_header", true)));
        ModuleResult first = converge(new PodmanContainerModule(), c);
        assertTrue(((Map<?, ?>) first.values().get("podman_systemd")).containsKey("container-" + ctr), first.values().toString());
        assertTrue(Files.readString(tmp.resolve("units/container-" + ctr + ".service")).contains("--pod " + pod)
                || Files.readString(tmp.resolve("units/container-" + ctr + ".service")).contains("--pod=" + pod));

        podArgs.put("state", "stopped");
        converge(new PodmanPodModule(), podArgs);
        c.put("state", "absent");
        converge(new PodmanContainerModule(), c);
        assertFalse(Files.exists(tmp.resolve("units/container-" + ctr + ".service")), "the unit file goes with the container");
        podArgs.put("state", "absent");
        converge(new PodmanPodModule(), podArgs);
        converge(new PodmanNetworkModule(), Map.of("name", net, "state", "absent"));
    }

    @Test
    void imageInfoReturnsOnlyImagesThatExist() {
        ModuleResult r = run(new PodmanImageInfoModule(), Map.of("name", List.of(image, "localhost/jplay-no-such-image:x")), false);
        assertFalse(r.changed());
        List<?> images = (List<?>) r.values().get("images");
        assertEquals(1, images.size());
        assertEquals(PodmanHost.imageId(image), ((Map<?, ?>) images.get(0)).get("Id"));
        List<?> all = (List<?>) run(new PodmanImageInfoModule(), Map.of(), false).values().get("images");
        assertTrue(all.stream().anyMatch(i -> ((Map<?, ?>) i).get("Id").equals(PodmanHost.imageId(image))));
    }

    @Test
    void stateQuadletWritesTheFileOnce() throws IOException {
        Path dir = tmp.resolve("quadlets");
        Map<String, Object> c = new LinkedHashMap<>(Map.of("name", "web", "image", image, "state", "quadlet",
                "quadlet_dir", dir.toString(), "publish", List.of("8080:80"), "env", Map.of("GREETING", "hello world"),
                "network", List.of("appnet.network"), "quadlet_options", List.of("AutoUpdate=registry", "[Install]\nWantedBy=default.target")));
        converge(new PodmanContainerModule(), c);
        assertEquals("""
                [Container]
                ContainerName=web
                Environment="GREETING=hello world"
                Image=%s
                Network=appnet.network
                PublishPort=8080:80
                AutoUpdate=registry

                [Install]
                WantedBy=default.target
                """.formatted(image), Files.readString(dir.resolve("web.container")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("web.container"))));
        converge(new PodmanNetworkModule(), Map.of("name", "appnet", "state", "quadlet", "quadlet_dir", dir.toString(),
                "subnet", "10.89.40.0/24"));
        assertEquals("[Network]\nNetworkName=appnet\nSubnet=10.89.40.0/24\n", Files.readString(dir.resolve("appnet.network")));
        converge(new PodmanPodModule(), Map.of("name", "app", "state", "quadlet", "quadlet_dir", dir.toString(),
                "quadlet_filename", "app-pod", "publish", List.of("8081:80")));
        assertEquals("[Pod]\nPodName=app\nPublishPort=8081:80\n", Files.readString(dir.resolve("app-pod.pod")));
        // a newline in a value would start a new key: refused
        c.put("image", "x\nExecStartPre=/bin/evil");
        ModuleResult bad = ModuleTestKit.of(new PodmanContainerModule()).on(new LocalConnection()).run(c);
        assertTrue(bad.failed() && bad.msg().contains("control character"), bad.msg());
    }

    @Test
    void podmanQuadletInstallsAndRemovesFilesOnce() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(src.resolve("api.container"), "[Container]\nImage=" + image + "\n");
        Files.writeString(src.resolve("api.env"), "A=1\n");
        Path dir = tmp.resolve("installed");
        Map<String, Object> install = Map.of("src", src.toString(), "quadlet_dir", dir.toString(), "reload_systemd", false);
        ModuleResult first = converge(new PodmanQuadletModule(), install);
        assertEquals(2, ((List<?>) first.values().get("quadlets")).size());
        assertEquals("A=1\n", Files.readString(dir.resolve("api.env")));
        Files.writeString(src.resolve("api.container"), "[Container]\nImage=" + image + "\nExec=sleep 1\n");
        ModuleResult update = converge(new PodmanQuadletModule(), install);
        assertEquals(List.of(dir.resolve("api.container").toString()), update.values().get("quadlets"));
        assertEquals(1, update.diffs().size());
        converge(new PodmanQuadletModule(), Map.of("state", "absent", "name", List.of("api"), "quadlet_dir", dir.toString(),
                "reload_systemd", false));
        assertFalse(Files.exists(dir.resolve("api.container")));
        ModuleResult url = ModuleTestKit.of(new PodmanQuadletModule()).on(new LocalConnection())
                .run(Map.of("src", "https://example.com/a.container", "reload_systemd", false));
        assertTrue(url.failed() && url.msg().contains("is a URL"), url.msg());
    }
}
