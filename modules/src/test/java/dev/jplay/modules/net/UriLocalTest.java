package dev.jplay.modules.net;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** uri for real: curl on this machine, through the local connection, against WireMock on 127.0.0.1. */
class UriLocalTest {

    private static WireMockServer server;
    private static String base;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static ModuleResult uri(Map<String, Object> args) {
        return ModuleTestKit.of(new UriModule()).on(new LocalConnection()).run(args);
    }

    @Test
    void getsJsonAndHeaders() {
        server.stubFor(get(urlEqualTo("/api/v1")).willReturn(okJson("{\"name\": \"app\", \"replicas\": [1, 2]}")
                .withHeader("X-Request-Id", "r-1")));
        ModuleResult r = uri(Map.of("url", base + "/api/v1"));
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed());
        assertEquals(200, r.values().get("status"));
        assertEquals(Map.of("name", "app", "replicas", List.of(1, 2)), r.values().get("json"));
        assertEquals("r-1", r.values().get("x_request_id"));
        assertEquals("application/json", r.values().get("content_type"));
        assertEquals(false, r.values().get("redirected"));
        assertFalse(r.values().containsKey("content"), "content only with return_content");
        assertTrue(r.msg().startsWith("OK ("), r.msg());
        server.verify(1, getRequestedFor(urlEqualTo("/api/v1")).withHeader("User-Agent", equalTo("ansible-httpget")));
    }

    @Test
    void postsJsonAndChecksTheStatus() {
        server.stubFor(post(urlEqualTo("/items")).willReturn(aResponse().withStatus(201).withBody("made")));
        ModuleResult r = uri(Map.of("url", base + "/items", "method", "POST", "body_format", "json",
                "body", Map.of("name", "x y", "n", 3), "status_code", List.of(200, 201), "return_content", true,
                "headers", Map.of("X-Token", "t0k\"en")));
        assertFalse(r.failed(), r.toString());
        assertEquals("made", r.values().get("content"));
        server.verify(postRequestedFor(urlEqualTo("/items")).withRequestBody(equalToJson("{\"name\": \"x y\", \"n\": 3}"))
                .withHeader("Content-Type", equalTo("application/json")).withHeader("X-Token", equalTo("t0k\"en")));
    }

    @Test
    void putsAFormBody() {
        server.stubFor(put(urlEqualTo("/f")).willReturn(aResponse().withStatus(200)));
        ModuleResult r = uri(Map.of("url", base + "/f", "method", "PUT", "body_format", "form-urlencoded",
                "body", new java.util.TreeMap<>(Map.of("a", "1 2", "b", "x&y"))));
        assertFalse(r.failed(), r.toString());
        server.verify(putRequestedFor(urlEqualTo("/f")).withRequestBody(equalTo("a=1+2&b=x%26y"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded")));
    }

    @Test
    void anUnexpectedStatusFailsWithTheBody() {
        server.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("gone")));
        ModuleResult r = uri(Map.of("url", base + "/missing"));
        assertTrue(r.failed());
        assertEquals("Status code was 404 and not [200]: HTTP Error 404: Not Found", r.msg());
        assertEquals("gone", r.values().get("content"));
        assertEquals(404, r.values().get("status"));
    }

    @Test
    void basicAuthWaitsForTheChallengeUnlessForced() {
        server.stubFor(get(urlEqualTo("/secure")).atPriority(1).withBasicAuth("admin", "pa:ss w\"rd")
                .willReturn(aResponse().withStatus(200).withBody("in")));
        server.stubFor(get(urlEqualTo("/secure")).atPriority(2)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
        ModuleResult r = uri(Map.of("url", base + "/secure", "user", "admin", "password", "pa:ss w\"rd"));
        assertFalse(r.failed(), r.toString());
        server.verify(2, getRequestedFor(urlEqualTo("/secure")));
        server.resetRequests();
        ModuleResult forced = uri(Map.of("url", base + "/secure", "url_username", "admin", "url_password", "pa:ss w\"rd",
                "force_basic_auth", true));
        assertFalse(forced.failed(), forced.toString());
        server.verify(1, getRequestedFor(urlEqualTo("/secure")));
        ModuleResult wrong = uri(Map.of("url", base + "/secure", "user", "admin", "password", "nope"));
        assertEquals(401, wrong.values().get("status"));
        assertEquals("Status code was 401 and not [200]: HTTP Error 401: Unauthorized", wrong.msg());
    }

    @Test
    void redirectsAreFollowedSafely() {
        server.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        server.stubFor(post(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/new")));
        server.stubFor(get(urlEqualTo("/new")).willReturn(aResponse().withStatus(200).withBody("here")));
        ModuleResult followed = uri(Map.of("url", base + "/old"));
        assertFalse(followed.failed(), followed.toString());
        assertEquals(true, followed.values().get("redirected"));
        assertEquals(base + "/new", followed.values().get("url"));
        ModuleResult post = uri(Map.of("url", base + "/old", "method", "POST", "body", "x"));
        assertTrue(post.failed(), "safe does not follow a POST");
        assertEquals("Status code was 301 and not [200]: HTTP Error 301: Moved Permanently", post.msg());
        assertEquals(base + "/new", post.values().get("location"));
        ModuleResult none = uri(Map.of("url", base + "/old", "follow_redirects", "none", "status_code", 301));
        assertFalse(none.failed(), none.toString());
        assertEquals(false, none.values().get("redirected"));
    }

    @Test
    void connectionRefusedAndTimeoutAreStatusMinusOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ModuleResult refused = uri(Map.of("url", "http://127.0.0.1:" + closed + "/"));
        assertTrue(refused.failed());
        assertEquals(-1, refused.values().get("status"));
        assertTrue(refused.msg().startsWith("Status code was -1 and not [200]: Request failed: curl: (7)"), refused.msg());

        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
        long start = System.nanoTime();
        ModuleResult slow = uri(Map.of("url", base + "/slow", "timeout", 1));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(slow.failed());
        assertTrue(slow.msg().contains("curl: (28)"), slow.msg());
        assertTrue(ms < 3500, "took " + ms + " ms");
    }

    @Test
    void createsSkipsTheRequest(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("registered");
        Files.writeString(marker, "");
        ModuleResult r = uri(Map.of("url", base + "/register", "method", "POST", "creates", marker.toString()));
        assertFalse(r.failed());
        assertFalse(r.changed());
        assertEquals(0, server.getAllServeEvents().size(), "no request was sent");
    }

    @Test
    void checkModeSendsNothing() {
        ModuleResult r = ModuleTestKit.of(new UriModule()).on(new LocalConnection()).check(true)
                .run(Map.of("url", base + "/api", "method", "DELETE"));
        assertTrue(r.skipped());
        assertEquals(0, server.getAllServeEvents().size());
    }
}
