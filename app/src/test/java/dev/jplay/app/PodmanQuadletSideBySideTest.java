package dev.jplay.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * state quadlet of containers.podman.podman_container, podman_network and podman_pod: the same playbook run by
 * ansible-playbook with the real collection and by jplay writes the same Quadlet files, and both report
 * changed=0 on the second run. Needs the collection on disk: {@code -Djplay.podman-collection=DIR} where
 * {@code DIR/ansible_collections/containers/podman} is a checkout of containers/ansible-podman-collections;
 * skipped (never passed) without it or without ansible-playbook.
 */
class PodmanQuadletSideBySideTest {
    private static final String PLAYBOOK = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - containers.podman.podman_container:
                    name: web
                    image: localhost/web:v1
                    state: quadlet
                    quadlet_dir: "{{ playbook_dir }}/out"
                    publish: ["8080:80"]
                    env: {GREETING: hello}
                    label: {app: web}
                    network: [appnet.network]
                    volume: ["/srv:/srv:ro"]
                    user: "1000:1000"
                    workdir: /srv
                    entrypoint: /bin/sh
                    env_file: [/etc/web.env]
                    command: ["/bin/sh", "/start.sh"]
                    quadlet_options: ["AutoUpdate=registry", "[Install]\\nWantedBy=default.target"]
                - containers.podman.podman_network:
                    name: appnet
                    state: quadlet
                    quadlet_dir: "{{ playbook_dir }}/out"
                    subnet: 10.89.40.0/24
                    internal: true
                - containers.podman.podman_pod:
                    name: app
                    state: quadlet
                    quadlet_dir: "{{ playbook_dir }}/out"
                    quadlet_filename: app-pod
                    publish: ["8081:80"]
            """;

    @TempDir
    Path tmp;

    @Test
    void bothWriteTheSameQuadletFilesOnceEach() throws IOException {
        String collection = System.getProperty("jplay.podman-collection", "");
        Assumptions.assumeTrue(!collection.isEmpty() && Files.isDirectory(Path.of(collection, "ansible_collections/containers/podman")),
                "-Djplay.podman-collection=DIR (DIR/ansible_collections/containers/podman) is not given");
        Map<String, String> env = Map.of("ANSIBLE_COLLECTIONS_PATH", collection);
        Path a = Files.createDirectories(tmp.resolve("ansible"));
        Path j = Files.createDirectories(tmp.resolve("jplay"));
        Files.writeString(a.resolve("site.yml"), PLAYBOOK);
        Files.writeString(j.resolve("site.yml"), PLAYBOOK);
        for (int pass = 1; pass <= 2; pass++) {
            SideBySide.Run ar = SideBySide.ansible(a, env, "-i", "localhost,", "-c", "local", "site.yml");
            SideBySide.Run jr = SideBySide.jplay(j, Map.of(), "-i", "localhost,", "-c", "local", "site.yml");
            assertEquals(0, ar.exitCode(), ar.all());
            assertEquals(0, jr.exitCode(), jr.all());
            String changed = pass == 1 ? "changed=3" : "changed=0";
            assertTrue(ar.out().contains(changed), ar.all());
            assertTrue(jr.out().contains(changed), jr.all());
        }
        for (String f : new String[]{"web.container", "appnet.network", "app-pod.pod"}) {
            assertEquals(Files.readString(a.resolve("out").resolve(f)), Files.readString(j.resolve("out").resolve(f)), f);
            assertEquals(Files.getPosixFilePermissions(a.resolve("out").resolve(f)), Files.getPosixFilePermissions(j.resolve("out").resolve(f)), f);
        }
    }
}
