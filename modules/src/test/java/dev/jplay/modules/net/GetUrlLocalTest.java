package dev.jplay.modules.net;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * get_url for real against WireMock on 127.0.0.1, once with curl and once with wget as the host's
 * downloader (a PATH without curl).
 */
class GetUrlLocalTest {
    private static WireMockServer server;
    private static String base;
    @TempDir
    static Path bins;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
        // a PATH with every program of /usr/bin and /bin except curl
        Path noCurl = bins.resolve("nocurl");
        Files.createDirectories(noCurl);
        for (String d : new String[] {"/usr/bin", "/bin"}) {
            try (Stream<Path> s = Files.list(Path.of(d))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path link = noCurl.resolve(p.getFileName().toString());
                    if (!p.getFileName().toString().equals("curl") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(get(urlEqualTo("/app.tar")).willReturn(aResponse().withBody("release 1\n")));
    }

    private static Connection host(String tool) {
        return new EnvConnection(tool.equals("curl") ? Map.of() : Map.of("PATH", bins.resolve("nocurl").toString()));
    }

    private static ModuleResult getUrl(String tool, Map<String, Object> args) {
        return ModuleTestKit.of(new GetUrlModule()).on(host(tool)).run(args);
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl", "wget"})
    void downloadsOnceThenAsksIfModifiedSince(String tool) throws IOException {
        Path dest = tmp.resolve("-app.tar");
        var a = args("url", base + "/app.tar", "dest", dest.toString(), "headers", Map.of("X-Token", "t1"));
        ModuleResult first = getUrl(tool, a);
        assertFalse(first.failed(), first.toString());
        assertTrue(first.changed());
        assertEquals("release 1\n", Files.readString(dest));
        assertEquals("OK (10 bytes)", first.msg());
        assertEquals(200, first.values().get("status_code"));
        assertEquals("0644", String.format("%04o", mode(dest)));
        server.verify(getRequestedFor(urlEqualTo("/app.tar")).withHeader("X-Token", equalTo("t1")));

        ModuleResult second = getUrl(tool, a);
        assertFalse(second.failed(), second.toString());
        assertFalse(second.changed(), "same content: not changed");
        server.verify(getRequestedFor(urlEqualTo("/app.tar")).withHeader("If-Modified-Since", matching(".+ GMT")));

        server.stubFor(get(urlEqualTo("/app.tar")).withHeader("If-Modified-Since", matching(".*"))
                .willReturn(aResponse().withStatus(304)));
        ModuleResult third = getUrl(tool, a);
        assertFalse(third.failed(), third.toString());
        assertFalse(third.changed());
        assertEquals(304, third.values().get("status_code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl", "wget"})
    void aMatchingChecksumSkipsTheDownloadAndAWrongOneLeavesDestAlone(String tool) throws Exception {
        Path dest = tmp.resolve("app.tar");
        String sha256 = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("release 1\n".getBytes()));
        var a = args("url", base + "/app.tar", "dest", dest.toString(), "checksum", sha256, "mode", "0640");
        ModuleResult first = getUrl(tool, a);
        assertFalse(first.failed(), first.toString());
        assertTrue(first.changed());
        assertEquals("0640", String.format("%04o", mode(dest)));
        server.resetRequests();
        ModuleResult second = getUrl(tool, a);
        assertFalse(second.changed());
        assertEquals("file already exists", second.msg());
        assertEquals(0, server.getAllServeEvents().size(), "no request when the checksum matches");

        Files.writeString(dest, "old\n");
        ModuleResult wrong = getUrl(tool, args("url", base + "/app.tar", "dest", dest.toString(), "checksum", "sha1:" + "0".repeat(40)));
        assertTrue(wrong.failed());
        assertTrue(wrong.msg().startsWith("The checksum for " + dest + " did not match"), wrong.msg());
        assertEquals("old\n", Files.readString(dest), "a download that fails its checksum never replaces dest");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temp folder left behind");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"curl", "wget"})
    void credentialsFoldersErrorsAndCheckMode(String tool) throws IOException {
        server.stubFor(get(urlEqualTo("/private/data.bin")).withBasicAuth("ann", "s3cr'et $x")
                .willReturn(aResponse().withBody("data")));
        ModuleResult auth = getUrl(tool, args("url", base + "/private/data.bin", "dest", tmp.toString(),
                "url_username", "ann", "url_password", "s3cr'et $x", "force_basic_auth", true));
        assertFalse(auth.failed(), auth.toString());
        assertEquals(tmp.resolve("data.bin").toString(), auth.values().get("dest"));
        assertEquals("data", Files.readString(tmp.resolve("data.bin")));

        ModuleResult missing = getUrl(tool, args("url", base + "/nothing", "dest", tmp.resolve("n").toString()));
        assertTrue(missing.failed());
        assertEquals("Request failed", missing.msg());
        assertEquals(404, missing.values().get("status_code"));
        assertFalse(Files.exists(tmp.resolve("n")));

        ModuleResult check = ModuleTestKit.of(new GetUrlModule()).on(host(tool)).check(true)
                .run(args("url", base + "/app.tar", "dest", tmp.resolve("c").toString()));
        assertTrue(check.changed(), check.toString());
        assertFalse(Files.exists(tmp.resolve("c")), "check mode writes nothing");
    }

    private static int mode(Path p) throws IOException {
        String s = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        int m = 0;
        for (char c : s.toCharArray()) {
            m = (m << 1) | (c == '-' ? 0 : 1);
        }
        return m;
    }
}
