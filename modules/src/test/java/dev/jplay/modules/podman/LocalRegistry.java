package dev.jplay.modules.podman;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A throwaway Docker registry (Debian's {@code docker-registry}) on 127.0.0.1 and a free port, with
 * its own config (Debian's default turns htpasswd auth on) and storage under a temp folder.
 * Stopped by its PID.
 */
final class LocalRegistry implements AutoCloseable {
    private static final String BINARY = "/usr/bin/docker-registry";

    private final Process process;
    final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRegistry start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            fail(BINARY + " is missing: install it (apt-get install -y docker-registry) to run the podman tests");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data")
                + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process p = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry r = new LocalRegistry(p, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 100; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(r.url() + "/v2/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!p.isAlive()) {
                fail("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(50);
        }
        r.close();
        fail("docker-registry did not answer on port " + port + " within 5 s");
        return r;
    }

    String location() {
        return "127.0.0.1:" + port;
    }

    String url() {
        return "http://" + location();
    }

    /** The config digest the registry holds for repo:tag, if any. */
    Optional<String> configDigest(String repo, String tag) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/v2/" + repo + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? RegistryProbe.configDigest(r.body()) : Optional.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
