package dev.jplay.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user moving from the containers.podman collection to jplay: what ansible-playbook created with the real
 * collection (a network, a pod, a container in both), jplay finds as wanted (changed=0) on the same
 * playbook, and the other way round. Real podman on this machine; needs the collection
 * ({@code -Djplay.podman-collection=DIR}, see {@link PodmanQuadletSideBySideTest}) and is skipped without it.
 */
@Tag("podman")
@Timeout(300)
class PodmanCollectionInteropTest {
    @TempDir
    Path tmp;
    private final String suffix = Long.toHexString(System.nanoTime());
    private final String image = "localhost/jplay-interop-" + suffix + ":v1";

    private static String playbook(String s, String image) {
        return """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - containers.podman.podman_network:
                        name: jpi-net-%1$s
                        subnet: 10.89.233.0/24
                        internal: true
                    - containers.podman.podman_pod:
                        name: jpi-pod-%1$s
                        state: started
                        network: [jpi-net-%1$s]
                        label: {app: interop}
                    - containers.podman.podman_container:
                        name: jpi-ctr-%1$s
                        image: %2$s
                        pod: jpi-pod-%1$s
                        env: {GREETING: hello}
                        label: {app: interop}
                        state: started
                """.formatted(s, image);
    }

    private static int sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
        return p.exitValue();
    }

    private void cleanUp() throws Exception {
        sh("podman rm -f jpi-ctr-" + suffix + "; podman pod rm -f jpi-pod-" + suffix + "; podman network rm -f jpi-net-" + suffix
                + "; podman rmi -f " + image);
    }

    @AfterEach
    void after() throws Exception {
        cleanUp();
    }

    @Test
    void whatOneCreatedTheOtherFindsAsWanted() throws Exception {
        String collection = System.getProperty("jplay.podman-collection", "");
        Assumptions.assumeTrue(!collection.isEmpty() && Files.isDirectory(Path.of(collection, "ansible_collections/containers/podman")),
                "-Djplay.podman-collection=DIR (DIR/ansible_collections/containers/podman) is not given");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "/bin/busybox is missing");
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"));
        Files.writeString(ctx.resolve("Containerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\",\"sleep\",\"600\"]\n");
        assertEquals(0, sh("podman build -q -t " + image + " " + ctx));
        Map<String, String> env = Map.of("ANSIBLE_COLLECTIONS_PATH", collection);
        Files.writeString(tmp.resolve("site.yml"), playbook(suffix, image));
        for (List<String> order : List.of(List.of("ansible", "jplay"), List.of("jplay", "ansible"))) {
            cleanUp();
            assertEquals(0, sh("podman build -q -t " + image + " " + ctx));
            SideBySide.Run first = run(order.get(0), env);
            assertTrue(first.out().contains("changed=3"), first.all());
            SideBySide.Run second = run(order.get(1), env);
            assertTrue(second.out().contains("changed=0"), order + ": the second program found everything as wanted\n" + second.all());
        }
    }

    private SideBySide.Run run(String program, Map<String, String> env) {
        SideBySide.Run r = program.equals("ansible")
                ? SideBySide.ansible(tmp, env, "-i", "localhost,", "-c", "local", "site.yml")
                : SideBySide.jplay(tmp, Map.of(), "-i", "localhost,", "-c", "local", "site.yml");
        assertEquals(0, r.exitCode(), r.all());
        return r;
    }
}
