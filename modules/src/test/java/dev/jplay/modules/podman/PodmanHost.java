package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Podman on this machine for the real tests (@Tag("podman")): runs podman directly to set up and
 * check, and builds FROM-scratch busybox contexts (no base images: no internet).
 */
final class PodmanHost {
    /** A Containerfile for a busybox httpd that exits on SIGTERM (busybox as PID 1 ignores it). */
    static final String CONTAINERFILE = """
            FROM scratch
            COPY busybox /bin/busybox
            COPY www /www
            COPY start.sh /start.sh
            RUN ["/bin/busybox","--install","-s","/bin"]
            EXPOSE 80
            CMD ["/bin/sh","/start.sh"]
            """;

    private PodmanHost() {
    }

    record Result(int rc, String out, String err) {
        boolean ok() {
            return rc == 0;
        }
    }

    static void requirePodman() {
        if (!Files.isExecutable(Path.of("/usr/bin/podman")) && run("sh", "-c", "command -v podman").rc() != 0) {
            fail("podman is not installed: apt-get install -y podman uidmap slirp4netns fuse-overlayfs crun conmon "
                    + "containernetworking-plugins busybox-static docker-registry skopeo (and /work/shared/lab/podman-on-vm.sh setup "
                    + "on a machine without systemd)");
        }
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            fail("/bin/busybox is missing: apt-get install -y busybox-static");
        }
    }

    /** skopeo reads registry manifests with --tls-verify=false where podman 4.3's manifest inspect cannot. */
    static void requireSkopeo() {
        if (run("sh", "-c", "command -v skopeo").rc() != 0) {
            fail("skopeo is not installed: apt-get install -y skopeo (with podman < 4.4, podman_image can tell whether a push "
                    + "to a registry used with validate_certs: false would change anything only through skopeo)");
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    static Result podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static Result run(String... cmd) {
        try (LocalConnection local = new LocalConnection()) {
            // from /: "sudo -u jpuser podman" fails in a folder jpuser cannot enter (the build's, in a 0700 checkout)
            ExecResult r = local.exec(ExecRequest.of("cd / && " + PodmanCommand.quoteAll(List.of(cmd))).withTimeout(Duration.ofSeconds(120)));
            return new Result(r.exitCode(), r.out(), r.err());
        } catch (ConnectionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image's ID, or "" when it is not there. */
    static String imageId(String ref) {
        Result r = podman("image", "inspect", "--format", "{{.Id}}", ref);
        return r.ok() ? r.out().strip() : "";
    }

    /** The container's ID, or "" when it is not there. */
    static String containerId(String name) {
        Result r = podman("container", "inspect", "--format", "{{.Id}}", name);
        return r.ok() ? r.out().strip() : "";
    }

    /** A build context: busybox, www/index.html with this page, the SIGTERM-trapping start script. */
    static Path busyboxContext(Path dir, String page) throws IOException {
        Files.createDirectories(dir.resolve("www"));
        Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("www/index.html"), page + "\n");
        Files.writeString(dir.resolve("start.sh"), "trap \"exit 0\" TERM\nhttpd -f -v -p 80 -h /www &\nwait\n");
        return dir;
    }

    /** Makes a temp tree readable by other users (a rootless become user builds from it). */
    static void openUp(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) || Files.isExecutable(p)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void removeImages(String... refs) {
        for (String r : refs) {
            podman("rmi", "--force", r);
        }
    }

    static void removeContainers(String... names) {
        for (String n : names) {
            podman("rm", "--force", "--time", "0", n);
        }
    }
}
