package dev.jplay.app.serverless;

import dev.jplay.engine.testhosts.NspawnHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The serverless playbooks, run by jplay over SSH against the real systemd + podman test host (nspawn,
 * {@code testhosts/nspawn-host.sh up n1 101}; {@code -Djplay.nspawn.host=n2} for another, e.g. trixie with
 * podman 5 and Quadlet). The host has no internet, so the air-gapped setup runs, with two apps
 * (test-vars.yml). The steps build on each other and run in order:
 * site.yml converges, a second run and check mode change nothing, the first request starts the
 * container (none ran before) and v1 answers, the container is gone 10-15 s after the last request,
 * verify.yml proves the same, update.yml makes v2 answer (and is idempotent), a rewritten socket unit is
 * restarted (else it keeps listening on the old address), registration runs against
 * the host's subscription-manager stand-in without showing the password, and reset.yml puts back
 * exactly the state the host had before.
 */
@Tag("nspawn")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerlessPlaybookTest {
    /** The apps of test-vars.yml: name, port, the first words of each page. */
    private record App(String name, int port, String greeting) {
        String page(String version) {
            return greeting + " " + name + " " + version;
        }
    }

    private static final List<App> APPS = List.of(new App("httpd", 8080, "hello from"), new App("notes", 8081, "notes from"));
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SCALE_TO_ZERO_BOUND = Duration.ofSeconds(15);
    private static final String RHSM_PASSWORD = "Sl-test-Pa55word-7f3c";

    @TempDir
    static Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private NspawnHost host;
    private Path inventory;
    private Path testVars;
    private Path rhsmVars;
    private String previousHome;
    private ServerlessFootprint before;
    private long lastRequestNanos;

    @BeforeAll
    void bootAndStartFromTheKnownState() throws IOException {
        host = NspawnHost.require();
        Path project = projectRoot();
        // jplay's own templates/ (the launcher passes -Djplay.home); the playbooks use them
        previousHome = System.getProperty("jplay.home");
        System.setProperty("jplay.home", project.toString());
        inventory = work.resolve("inventory.ini");
        Files.writeString(inventory, "[serverless]\n" + host.name() + " ansible_host=" + host.ip() + " ansible_user=" + host.user()
                + " ansible_ssh_private_key_file=" + host.privateKey() + " ansible_ssh_common_args='-o UserKnownHostsFile="
                + host.knownHosts() + " -o StrictHostKeyChecking=yes'\n");
        testVars = copyResource("test-vars.yml");
        rhsmVars = copyResource("rhsm-vars.yml");
        // a host left half set up by an earlier, interrupted run is first put back (a fresh host: nothing to do)
        playbook("reset.yml", "-e", "reset_unregister=true", "-e", "rhsm_on_any_os=true").succeeded();
        before = ServerlessFootprint.of(host);
        assertTrue(before.system().contains("registered: rc 1"), () -> "the host starts unregistered\n" + before);
    }

    @AfterAll
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("jplay.home");
        } else {
            System.setProperty("jplay.home", previousHome);
        }
    }

    @Test
    @Order(1)
    void siteConvergesTheHost() {
        PlaybookRun run = playbook("site.yml").succeeded()
                .printed("Not registering with Red Hat Subscription Management: " + host.name() + " runs Debian, not RHEL");
        assertTrue(run.recap(host.name()).get("changed") > 0, run::all);

        String style = expectedUnitStyle();
        for (App app : APPS) {
            String unit = style.equals("quadlet") ? app.name() + ".service" : "container-" + app.name() + ".service";
            String unitFile = style.equals("quadlet") ? "~/.config/containers/systemd/" + app.name() + ".container"
                    : "~/.config/systemd/user/" + unit;
            asUser("test -f " + unitFile);
            // the unit systemd runs (for Quadlet: the generated one): scale to zero, started only by the proxy
            String container = asUser("systemctl --user cat " + unit);
            assertTrue(container.contains("StopWhenUnneeded=yes"), container);
            assertFalse(container.contains("[Install]"), container);
            assertTrue(container.contains(host.ip() + ":5000/" + app.name() + ":prod"), container);
            String socket = asUser("cat ~/.config/systemd/user/" + app.name() + "-proxy.socket");
            assertTrue(socket.contains("ListenStream=" + host.ip() + ":" + app.port()), socket);
            String proxy = asUser("cat ~/.config/systemd/user/" + app.name() + "-proxy.service");
            assertTrue(proxy.contains("/usr/lib/systemd/systemd-socket-proxyd --exit-idle-time=10 127.0.0.1:" + app.port()), proxy);
            assertTrue(proxy.contains("Requires=" + unit), proxy);
            assertEquals("enabled\nactive", asUser("systemctl --user is-enabled " + app.name() + "-proxy.socket; "
                    + "systemctl --user is-active " + app.name() + "-proxy.socket"));
        }
        asRoot("test -f /var/lib/systemd/linger/" + host.user());
        assertEquals("active enabled", asRoot("echo $(systemctl is-active container-registry.service) "
                + "$(systemctl is-enabled container-registry.service)"));
        String tags = asRoot("curl -sf http://" + host.ip() + ":5000/v2/httpd/tags/list");
        for (String tag : List.of("v1", "v2", "prod")) {
            assertTrue(tags.contains("\"" + tag + "\""), tags);
        }
    }

    @Test
    @Order(2)
    void secondRunChangesNothing() {
        playbook("site.yml").succeeded().changedNothingOn(host.name());
    }

    @Test
    @Order(3)
    void checkModeOnTheConvergedHostChangesNothing() {
        playbook("site.yml", "--check").succeeded().changedNothingOn(host.name());
    }

    @Test
    @Order(4)
    void firstRequestStartsTheContainerAndV1Answers() throws Exception {
        assertEquals(List.of(), runningApps(), "no app container runs before the first request");
        for (App app : APPS) {
            assertEquals(app.page("v1"), get(app).strip());
        }
        lastRequestNanos = System.nanoTime();
        assertEquals(APPS.stream().map(App::name).toList(), runningApps(), "each request started its app's container");
    }

    @Test
    @Order(5)
    void noContainerRunsTenToFifteenSecondsAfterTheLastRequest() throws Exception {
        assertTrue(lastRequestNanos != 0, "needs the requests of the step before");
        // still running shortly before the idle timeout: the proxy keeps it, nothing crashed
        sleepUntil(lastRequestNanos, IDLE_TIMEOUT.minusSeconds(2));
        assertEquals(APPS.stream().map(App::name).toList(), runningApps(), "running 8 s after the last request");
        Duration gone = null;
        while (Duration.ofNanos(System.nanoTime() - lastRequestNanos).compareTo(SCALE_TO_ZERO_BOUND.plusSeconds(5)) < 0) {
            if (runningApps().isEmpty()) {
                gone = Duration.ofNanos(System.nanoTime() - lastRequestNanos);
                break;
            }
            Thread.sleep(250);
        }
        Duration measured = gone;
        assertTrue(measured != null && measured.compareTo(SCALE_TO_ZERO_BOUND) <= 0,
                () -> "containers still run " + (measured == null ? "20 s" : measured.toMillis() + " ms") + " after the last request: "
                        + runningApps());
        assertTrue(measured.compareTo(IDLE_TIMEOUT.minusSeconds(1)) >= 0, "gone too early: " + measured.toMillis() + " ms");
        System.out.println("[serverless] " + host.name() + ": containers gone " + measured.toMillis() + " ms after the last request");
    }

    @Test
    @Order(6)
    void verifyPlaybookProvesTheService() {
        PlaybookRun run = playbook("verify.yml").succeeded().changedNothingOn(host.name());
        for (App app : APPS) {
            run.printed(app.name() + " on " + host.ip() + ":" + app.port() + " answered: " + app.page("v1"));
        }
    }

    @Test
    @Order(7)
    void updateMakesTheNextRequestAnswerFromV2() throws Exception {
        PlaybookRun run = playbook("update.yml").succeeded();
        assertTrue(run.recap(host.name()).get("changed") > 0, run::all);
        for (App app : APPS) {
            assertEquals(app.page("v2"), get(app).strip());
        }
        playbook("update.yml").succeeded().changedNothingOn(host.name());
        playbook("update.yml", "--check").succeeded().changedNothingOn(host.name());
        // site.yml does not move :prod back to v1
        playbook("site.yml").succeeded().changedNothingOn(host.name());
        assertEquals(APPS.get(0).page("v2"), get(APPS.get(0)).strip());
    }

    @Test
    @Order(8)
    void aChangedSocketUnitIsRestarted() throws Exception {
        App app = APPS.get(0);
        // the socket as an older setup left it: listening elsewhere
        asUser("sed -i 's/^ListenStream=.*/ListenStream=" + host.ip() + ":18080/' ~/.config/systemd/user/" + app.name()
                + "-proxy.socket && systemctl --user daemon-reload && systemctl --user restart " + app.name() + "-proxy.socket");
        assertThrows(ConnectException.class, () -> get(app), "the socket moved away from " + app.port());

        // rewriting the unit of an active socket leaves it listening on the old address until it is restarted
        PlaybookRun run = playbook("04-serverless.yml").succeeded();
        assertEquals(2, run.recap(host.name()).get("changed"), () -> "the socket file and its restart\n" + run.changedTasks()
                + "\n" + run.all());
        assertEquals(app.page("v2"), get(app).strip());
        assertEquals(host.ip() + ":" + app.port(), asUser("systemctl --user show -P Listen " + app.name() + "-proxy.socket")
                .replace(" (Stream)", ""));
        playbook("04-serverless.yml").succeeded().changedNothingOn(host.name());
    }

    @Test
    @Order(9)
    void registrationUsesTheSubscriptionManagerAndNeverShowsThePassword() throws IOException {
        Path report = work.resolve("rhsm.json");
        PlaybookRun run = playbook("01-setup-rhel.yml", "-e", "@" + rhsmVars, "-vvv", "--json", report).succeeded();
        assertEquals(2, run.recap(host.name()).get("changed"), () -> run.changedTasks() + "\n" + run.all());
        assertFalse(run.out().contains(RHSM_PASSWORD) || run.err().contains(RHSM_PASSWORD), run::all);
        assertFalse(Files.readString(report).contains(RHSM_PASSWORD), "password in the JSON report");
        assertTrue(asRoot("subscription-manager identity").contains("system identity:"));
        assertTrue(asRoot("subscription-manager repos --list-enabled").contains("rhel-9-for-x86_64-appstream-rpms"));
        String calls = asRoot("cat /var/log/subscription-manager.calls");
        assertFalse(calls.contains(RHSM_PASSWORD), calls);
        playbook("01-setup-rhel.yml", "-e", "@" + rhsmVars).succeeded().changedNothingOn(host.name());
        // the same play without credentials says why it does not register
        playbook("01-setup-rhel.yml", "-e", "rhsm_on_any_os=true").succeeded()
                .printed("Not registering with Red Hat Subscription Management: no credentials given");
    }

    @Test
    @Order(10)
    void resetReturnsTheHostToTheKnownState() {
        PlaybookRun run = playbook("reset.yml", "-e", "reset_unregister=true", "-e", "rhsm_on_any_os=true").succeeded();
        assertTrue(run.recap(host.name()).get("changed") > 0, run::all);
        playbook("reset.yml", "-e", "reset_unregister=true", "-e", "rhsm_on_any_os=true").succeeded().changedNothingOn(host.name());
        assertEquals(before.toString(), ServerlessFootprint.of(host).toString());
        for (App app : APPS) {
            assertThrows(ConnectException.class, () -> get(app), app + " still answers");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private PlaybookRun playbook(String name, Object... more) {
        List<Object> args = new ArrayList<>(List.of(projectRoot().resolve("playbooks").resolve(name), "-i", inventory,
                "-e", "@" + testVars, "-e", "service_user=" + host.user()));
        args.addAll(Arrays.asList(more));
        PlaybookRun run = PlaybookRun.of(args.toArray());
        System.out.println("[serverless] " + host.name() + ": jplay " + name + " " + Arrays.toString(more) + " -> exit "
                + run.exitCode() + " in " + run.took().toMillis() + " ms, recap " + recapOrNothing(run));
        return run;
    }

    private static String recapOrNothing(PlaybookRun run) {
        int at = run.out().lastIndexOf("PLAY RECAP ");
        return at < 0 ? "(none)" : run.out().substring(at).lines().skip(1).findFirst().orElse("").strip();
    }

    /** GET http://HOSTIP:PORT/ from this JVM (over the lab bridge), as a client of the service would. */
    private String get(App app) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.ip() + ":" + app.port() + "/"))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> app + ": " + response.body());
        return response.body();
    }

    /** The apps whose container runs now, in APPS order (podman ps as the service user). */
    private List<String> runningApps() {
        List<String> names = List.of(asUser("podman ps --format '{{.Names}}'").split("\\s+"));
        return APPS.stream().map(App::name).filter(names::contains).toList();
    }

    /** generate below podman 4.4, quadlet from 4.4 on: what the playbooks' default unit_style must pick. */
    private String expectedUnitStyle() {
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(asUser("podman --version"));
        assertTrue(m.find());
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 4 || major == 4 && minor >= 4 ? "quadlet" : "generate";
    }

    private String asUser(String command) {
        return remote(host.user(), command);
    }

    private String asRoot(String command) {
        return remote("root", command);
    }

    private String remote(String login, String command) {
        NspawnHost.RemoteResult r = host.run(login, command);
        if (!r.succeeded()) {
            fail(r.describe());
        }
        return r.out();
    }

    private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
        long left = startNanos + after.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static Path copyResource(String name) throws IOException {
        Path target = work.resolve(name);
        try (var in = ServerlessPlaybookTest.class.getResourceAsStream("/serverless/" + name)) {
            if (in == null) {
                fail("test resource serverless/" + name + " is missing");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** The project folder (with playbooks/site.yml): Maven runs the tests in app/. */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("playbooks/site.yml")) && Files.isDirectory(p.resolve("templates"))) {
                return p;
            }
        }
        throw new IllegalStateException("no playbooks/site.yml above " + Path.of("").toAbsolutePath());
    }
}
