package dev.jplay.modules.podman;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * podman_image, podman_tag and registry_config against real podman (rootful, and rootless as jpuser)
 * and a real registry on 127.0.0.1: every step twice, the second must report no change.
 */
@Tag("podman")
class PodmanImageRealTest {
    @TempDir
    static Path tmp;
    static LocalRegistry registry;
    static String repo;
    /** Every image ID the runs produced: rebuilds leave the old image untagged, which cleanUp removes too. */
    static final java.util.Set<String> seenIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startRegistry() throws Exception {
        PodmanHost.requirePodman();
        PodmanHost.requireSkopeo();
        registry = LocalRegistry.start(Files.createDirectories(tmp.resolve("registry")));
        repo = PodmanHost.unique("jplaytest-img");
    }

    @AfterAll
    static void cleanUp() {
        for (String tag : new String[] {"v1", "prod", "fb", "nosk"}) {
            PodmanHost.removeImages(image(tag));
        }
        PodmanHost.removeImages(seenIds.toArray(String[]::new));
        if (registry != null) {
            registry.close();
        }
    }

    static String image(String tag) {
        return registry.location() + "/" + repo + ":" + tag;
    }

    private static ModuleResult run(Connection c, Map<String, Object> args, boolean check, boolean diff) {
        ModuleResult r = ModuleTestKit.of(new PodmanImageModule()).on(c).check(check).diff(diff).run(args);
        assertFalse(r.failed(), () -> "failed: " + r.msg() + " " + r.values());
        if (r.values().get("image") instanceof Map<?, ?> m && m.get("Id") != null) {
            seenIds.add(m.get("Id").toString());
        }
        return r;
    }

    private static Map<String, Object> buildArgs(Path ctx, String tag) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", registry.location() + "/" + repo);
        a.put("tag", tag);
        a.put("path", ctx.toString());
        a.put("containerfile", PodmanHost.CONTAINERFILE);
        a.put("push", true);
        a.put("validate_certs", false);
        return a;
    }

    @Test
    void buildAndPushChangeOnlyWhenTheContextChanges() throws Exception {
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx-build"), "hello from v1");
        Connection local = new LocalConnection();
        Map<String, Object> args = buildArgs(ctx, "v1");

        ModuleResult first = run(local, args, false, false);
        assertTrue(first.changed(), first.msg());
        String id = PodmanHost.imageId(image("v1"));
        assertFalse(id.isEmpty());
        assertEquals(Optional.of("sha256:" + id), registry.configDigest(repo, "v1"), "registry holds the built image");
        assertEquals(PodmanHost.CONTAINERFILE, Files.readString(ctx.resolve("Containerfile")));

        ModuleResult second = run(local, args, false, false);
        assertFalse(second.changed(), () -> "second run changed: " + second.msg() + " " + second.values().get("actions"));

        Files.writeString(ctx.resolve("www/index.html"), "hello again\n");
        ModuleResult check = run(local, args, true, false);
        assertTrue(check.changed(), "check mode sees the changed context file");
        assertEquals(id, PodmanHost.imageId(image("v1")), "check mode built nothing");
        assertEquals(Optional.of("sha256:" + id), registry.configDigest(repo, "v1"), "check mode pushed nothing");

        Map<String, Object> newFile = new LinkedHashMap<>(args);
        newFile.put("containerfile", PodmanHost.CONTAINERFILE.replace("EXPOSE 80", "EXPOSE 8080"));
        ModuleResult diff = run(local, newFile, true, true);
        assertTrue(diff.changed());
        assertEquals(1, diff.diffs().size(), "diff mode shows the Containerfile change");
        assertTrue(diff.diffs().get(0).after().contains("EXPOSE 8080"));
        assertEquals(PodmanHost.CONTAINERFILE, Files.readString(ctx.resolve("Containerfile")), "check mode wrote nothing");

        ModuleResult rebuilt = run(local, args, false, false);
        assertTrue(rebuilt.changed());
        String id2 = PodmanHost.imageId(image("v1"));
        assertNotEquals(id, id2);
        assertEquals(Optional.of("sha256:" + id2), registry.configDigest(repo, "v1"), "the new image was pushed");
        assertFalse(run(local, args, false, false).changed(), "after the rebuild, a run changes nothing");

        Map<String, Object> forced = new LinkedHashMap<>(args);
        forced.put("force", true);
        ModuleResult force = run(local, forced, false, false);
        assertFalse(force.changed(), () -> "a forced, cached rebuild gives the same image: " + force.values().get("actions"));
    }

    @Test
    void tagPushPullAndRemoveAreIdempotent() throws Exception {
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx-tag"), "hello from tag");
        Connection local = new LocalConnection();
        run(local, buildArgs(ctx, "fb"), false, false);
        String id = PodmanHost.imageId(image("fb"));

        Map<String, Object> tag = Map.of("image", image("fb"), "target_names", java.util.List.of(image("prod")));
        ModuleResult t1 = ModuleTestKit.of(new PodmanTagModule()).on(local).run(tag);
        assertTrue(t1.changed(), t1.msg());
        assertEquals(id, PodmanHost.imageId(image("prod")));
        assertFalse(ModuleTestKit.of(new PodmanTagModule()).on(local).run(tag).changed(), "tagging again is no change");

        Map<String, Object> push = Map.of("name", image("prod"), "push", true, "validate_certs", false);
        assertTrue(run(local, push, true, false).changed(), "check mode: the registry has no :prod yet");
        assertEquals(Optional.empty(), registry.configDigest(repo, "prod"));
        assertTrue(run(local, push, false, false).changed());
        assertEquals(Optional.of("sha256:" + id), registry.configDigest(repo, "prod"));
        assertFalse(run(local, push, false, false).changed(), "pushing the same image again is no change");

        PodmanHost.removeImages(image("prod"));
        Map<String, Object> pull = Map.of("name", image("prod"), "validate_certs", false);
        assertTrue(run(local, pull, true, false).changed(), "check mode: would pull the missing image");
        assertEquals("", PodmanHost.imageId(image("prod")));
        assertTrue(run(local, pull, false, false).changed());
        assertEquals(id, PodmanHost.imageId(image("prod")));
        assertFalse(run(local, pull, false, false).changed(), "a present image is not pulled again");
        Map<String, Object> forcePull = Map.of("name", image("prod"), "validate_certs", false, "force", true);
        assertFalse(run(local, forcePull, true, false).changed(), "check mode asks the registry: same image");
        assertFalse(run(local, forcePull, false, false).changed(), "a forced pull of the same image is no change");

        Map<String, Object> absent = Map.of("name", image("prod"), "state", "absent");
        assertTrue(run(local, absent, true, false).changed());
        assertEquals(id, PodmanHost.imageId(image("prod")), "check mode removed nothing");
        assertTrue(run(local, absent, false, false).changed());
        assertEquals("", PodmanHost.imageId(image("prod")));
        assertFalse(run(local, absent, false, false).changed());
    }

    /** Hides skopeo from the module's probe, so it falls back to podman manifest inspect. */
    static final class WithoutSkopeo implements Connection {
        private final LocalConnection local = new LocalConnection();

        @Override
        public ExecResult exec(ExecRequest r) throws ConnectionException {
            return local.exec(new ExecRequest("command() { return 1; }; " + r.script(), r.stdin(), r.become(), r.env(), r.timeout()));
        }

        @Override
        public String describe() {
            return "local without skopeo";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void pushWithoutSkopeoUsesPodmanAndARegistryMarkedInsecure() throws Exception {
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx-fallback"), "hello without skopeo");
        Connection local = new LocalConnection();
        Map<String, Object> insecure = Map.of("location", registry.location(), "insecure", true);
        ModuleResult conf = ModuleTestKit.of(new RegistryConfigModule()).on(local).run(insecure);
        assertTrue(conf.changed(), conf.msg());
        try {
            assertFalse(ModuleTestKit.of(new RegistryConfigModule()).on(local).run(insecure).changed());
            Map<String, Object> args = buildArgs(ctx, "nosk");
            args.remove("validate_certs");
            Connection noSkopeo = new WithoutSkopeo();
            assertTrue(run(noSkopeo, args, false, false).changed());
            String id = PodmanHost.imageId(image("nosk"));
            assertEquals(Optional.of("sha256:" + id), registry.configDigest(repo, "nosk"));
            ModuleResult again = run(noSkopeo, args, false, false);
            assertFalse(again.changed(), () -> "podman manifest inspect found the pushed image: " + again.values().get("actions"));
        } finally {
            Map<String, Object> absent = Map.of("location", registry.location(), "state", "absent");
            assertTrue(ModuleTestKit.of(new RegistryConfigModule()).on(local).run(absent).changed());
        }
    }

    @Test
    void rootlessBuildAsTheBecomeUser() throws Exception {
        if (PodmanHost.run("id", "jpuser").rc() != 0) {
            org.junit.jupiter.api.Assertions.fail("user jpuser is missing: /work/shared/lab/podman-on-vm.sh setup creates it");
        }
        Path ctx = PodmanHost.busyboxContext(tmp.resolve("ctx-rootless"), "hello rootless");
        PodmanHost.openUp(tmp);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "localhost/" + repo);
        args.put("tag", "rootless");
        args.put("path", ctx.toString());
        ModuleTestKit kit = ModuleTestKit.of(new PodmanImageModule()).on(new LocalConnection()).become(Become.sudo("jpuser"));
        Files.writeString(ctx.resolve("Containerfile"), PodmanHost.CONTAINERFILE);
        PodmanHost.openUp(tmp);
        try {
            ModuleResult first = kit.run(args);
            assertFalse(first.failed(), first.msg());
            assertTrue(first.changed());
            assertTrue(PodmanHost.run("sudo", "-u", "jpuser", "-H", "podman", "image", "exists", "localhost/" + repo + ":rootless").ok(),
                    "the image is in jpuser's storage");
            ModuleResult second = kit.run(args);
            assertFalse(second.failed(), second.msg());
            assertFalse(second.changed(), () -> "second rootless run changed: " + second.values().get("actions"));
        } finally {
            PodmanHost.run("sudo", "-u", "jpuser", "-H", "podman", "rmi", "--force", "localhost/" + repo + ":rootless");
        }
    }
}
