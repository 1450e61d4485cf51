package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small parts the podman modules stand on. */
class PodmanPartsTest {

    @ParameterizedTest
    @CsvSource({
            "reg:5000/httpd,        v1, ,                          reg:5000/httpd:v1",
            "reg:5000/httpd:v2,     v1, ,                          reg:5000/httpd:v2",
            "reg:5000/team/httpd,   v1, mirror:5000,               mirror:5000/team/httpd:v1",
            "reg:5000/team/httpd,   v1, mirror:5000/,              mirror:5000/team/httpd:v1",
            "httpd,                 v1, quay.io,                   quay.io/httpd:v1",
            "reg:5000/httpd,        v1, other:5000/web,            other:5000/web:v1",
            "reg:5000/httpd,        v1, other:5000/web:prod,       other:5000/web:prod",
            "localhost/httpd,       v1, reg:5000,                  reg:5000/httpd:v1"})
    void pushDestination(String name, String tag, String dest, String expected) {
        assertEquals(expected, ImageRef.parse(name, tag).pushDestination(dest));
    }

    @Test
    void imageNames() {
        assertEquals("reg:5000/httpd:latest", ImageRef.parse("reg:5000/httpd", null).toString());
        assertEquals("httpd@sha256:abc", ImageRef.parse("httpd@sha256:abc").toString());
        assertTrue(ImageRef.parse("httpd").sameNameAs(ImageRef.parse("docker.io/library/httpd:latest")));
        assertFalse(ImageRef.parse("httpd:v1").sameNameAs(ImageRef.parse("docker.io/library/httpd:latest")));
        assertFalse(ImageRef.parse("reg:5000/a:v1").sameNameAs(ImageRef.parse("reg:5000/a:v2")));
    }

    @Test
    void ports() throws ModuleFailure {
        assertEquals(List.of(new PortMapping("127.0.0.1", "8080", "80", "tcp")), PortMapping.parse("127.0.0.1:8080:80"));
        assertEquals(List.of(new PortMapping("", "", "53", "udp")), PortMapping.parse("53/udp"));
        assertEquals(List.of(new PortMapping("::1", "8080", "80", "tcp")), PortMapping.parse("[::1]:8080:80"));
        assertEquals(List.of(new PortMapping("", "", "80", "tcp")), PortMapping.parse("0.0.0.0::80"));
        assertEquals(3, PortMapping.parse("8000-8002:80-82").size());
        assertThrows(ModuleFailure.class, () -> PortMapping.parse("8000-8002:80"));
        assertThrows(ModuleFailure.class, () -> PortMapping.parse("x:80"));
    }

    @Test
    void commandWords() throws ModuleFailure {
        assertEquals(List.of("sh", "-c", "echo 'a b' \"$X\""), ContainerSpec.shellWords("sh -c \"echo 'a b' \\\"\\$X\\\"\""));
        assertEquals(List.of("a b", "c"), ContainerSpec.shellWords("'a b' c"));
        assertThrows(ModuleFailure.class, () -> ContainerSpec.shellWords("echo 'open"));
    }

    @Test
    void sectionsSurviveARealShell() throws Exception {
        String script = ScriptSections.capture("a", "printf 'x\\ny'", false) + ScriptSections.capture("b", "(echo err >&2; exit 3)", true)
                + ScriptSections.capture("c", "printf ''", false);
        String out;
        try (LocalConnection local = new LocalConnection()) {
            out = local.exec(ExecRequest.of("(" + script + ")")).out();
        }
        ScriptSections s = ScriptSections.parse(out);
        assertEquals("x\ny", s.text("a"));
        assertEquals(0, s.rc("a"));
        assertEquals("err\n", s.text("b"));
        assertEquals(3, s.rc("b"));
        assertEquals("", s.text("c"));
        assertEquals(-1, s.rc("missing"));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("x", "1\n");
        m.put("x.rc", "0");
        assertEquals(m, ScriptSections.parse(ScriptSections.encode(m)).asMap());
    }

    @Test
    void contextDigestCoversContentModesAndNamesButNotTheContainerfile(@TempDir Path ctx) throws Exception {
        Files.writeString(ctx.resolve("a.txt"), "one");
        Files.createDirectories(ctx.resolve("sub"));
        Files.writeString(ctx.resolve("sub/b.txt"), "two");
        Files.writeString(ctx.resolve("Containerfile"), "FROM scratch\n");
        String first = digest(ctx);
        assertEquals(64, first.length());
        assertEquals(first, digest(ctx), "stable");
        Files.writeString(ctx.resolve("Containerfile"), "FROM scratch\nCOPY a.txt /\n");
        assertEquals(first, digest(ctx), "the Containerfile is hashed on its own");
        Files.writeString(ctx.resolve("sub/b.txt"), "TWO");
        String second = digest(ctx);
        assertNotEquals(first, second, "content counts");
        Files.setPosixFilePermissions(ctx.resolve("a.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String third = digest(ctx);
        assertNotEquals(second, third, "modes count");
        Files.move(ctx.resolve("a.txt"), ctx.resolve("c.txt"));
        assertNotEquals(third, digest(ctx), "names count");
    }

    private static String digest(Path ctx) throws Exception {
        try (LocalConnection local = new LocalConnection()) {
            return local.exec(ExecRequest.of("cfrel=Containerfile; " + BuildFingerprint.contextDigestScript(ctx.toString()))).outTrimmed();
        }
    }

    @Test
    void configDigestFromManifestsAndErrors() {
        String sha = "sha256:" + "ab".repeat(32);
        assertEquals(Optional.of(sha), RegistryProbe.configDigest("{\n  \"config\": {\n    \"mediaType\": \"x\",\n    \"digest\": \"" + sha
                + "\"\n  }\n}"));
        assertEquals(Optional.empty(), RegistryProbe.configDigest("{\"manifests\":[{\"digest\":\"" + sha + "\"}]}"),
                "a manifest list has no config");
        assertTrue(RegistryProbe.sameImage(Optional.of(sha), "ab".repeat(32)));
        assertFalse(RegistryProbe.sameImage(Optional.empty(), "ab".repeat(32)));
    }

    @Test
    void unitComparisonIgnoresCommentsAndBlankLines() {
        assertTrue(UnitText.sameUnit("# a\n[Unit]\n\nX=1  \n", "[Unit]\n# b\nX=1\n"));
        assertFalse(UnitText.sameUnit("[Unit]\nX=1\n", "[Unit]\nX=2\n"));
        assertEquals("[Unit]\nStopWhenUnneeded=yes\nDescription=x web\n\n[Service]\nA=1\n",
                UnitText.fromGenerated("# header\n\n[Unit]\nDescription=x jplay-unit-0123456789abcdef\n\n[Service]\nA=1\n\n"
                        + "[Install]\nWantedBy=default.target\n", "web", true, null));
    }

    @Test
    void quadletQuoting() {
        assertEquals("plain", QuadletFile.word("plain"));
        assertEquals("\"a b\"", QuadletFile.word("a b"));
        assertEquals("\"say \\\"hi\\\"\"", QuadletFile.word("say \"hi\""));
        assertEquals("100%%", QuadletFile.word("100%"));
    }
}
