package dev.jplay.modules.podman;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #10 classes 3 and 4 for the podman modules: a value with a newline never reaches a unit file
 * (quadlet or generate style, in any option), and a value podman reads as an operand or name never
 * starts with '-'. Each attack fails the task before any command runs on the host.
 */
class PodmanInjectionTest {
    private static final String NEWLINE = "x\nExecStartPre=/bin/touch /tmp/pwned\n[Service]\nExecStart=/bin/sh";

    private static Map<String, Object> unitArgs(String style) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "web");
        a.put("image", "localhost/httpd:v1");
        a.put("style", style);
        return a;
    }

    static Stream<Arguments> unitSites() {
        List<Arguments> out = new ArrayList<>();
        for (String style : List.of("quadlet", "generate")) {
            out.add(Arguments.of(style, "description", NEWLINE));
            out.add(Arguments.of(style, "wanted_by", NEWLINE));
            out.add(Arguments.of(style, "image", NEWLINE));
            out.add(Arguments.of(style, "name", NEWLINE));
            out.add(Arguments.of(style, "publish", List.of("8080:80\nExecStartPre=/bin/id")));
            out.add(Arguments.of(style, "volume", List.of("/a:/b\r[Service]")));
            out.add(Arguments.of(style, "env", Map.of("K", NEWLINE)));
            out.add(Arguments.of(style, "env", Map.of("K\nExecStartPre=/bin/id", "v")));
            out.add(Arguments.of(style, "label", Map.of("l", NEWLINE)));
            out.add(Arguments.of(style, "command", List.of("httpd", NEWLINE)));
            out.add(Arguments.of(style, "command", "httpd -D\u001bFOREGROUND"));
            out.add(Arguments.of(style, "dest", "/tmp/x\n[Service]"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unitSites")
    void controlCharactersNeverReachAUnitFile(String style, String option, Object value) {
        Map<String, Object> a = unitArgs(style);
        a.put(option, value);
        assertRefusedBeforeAnythingRuns(new PodmanUnitModule(), a, "control character");
    }

    static Stream<Arguments> operandSites() {
        return Stream.of(
                Arguments.of(new PodmanContainerModule(), Map.of("name", "web", "image", "--privileged")),
                Arguments.of(new PodmanContainerModule(), Map.of("name", "--rm", "image", "httpd")),
                Arguments.of(new PodmanContainerModule(), Map.of("name", "web", "image", "httpd", "executable", "-x")),
                Arguments.of(new PodmanUnitModule(), Map.of("name", "web", "image", "--privileged")),
                Arguments.of(new PodmanUnitModule(), Map.of("name", "-web", "image", "httpd")),
                Arguments.of(new PodmanUnitModule(), Map.of("name", "web", "image", "httpd", "wanted_by", "--now")),
                Arguments.of(new PodmanImageModule(), Map.of("name", "--all")),
                Arguments.of(new PodmanImageModule(), Map.of("name", "httpd", "tag", "-v1")),
                Arguments.of(new PodmanImageModule(), Map.of("name", "httpd", "path", "-ctx")),
                Arguments.of(new PodmanImageModule(), Map.of("name", "httpd", "push", true, "push_args", Map.of("dest", "--tls-verify=false"))),
                Arguments.of(new PodmanTagModule(), Map.of("image", "--all", "target_names", List.of("a:v1"))),
                Arguments.of(new PodmanTagModule(), Map.of("image", "httpd", "target_names", List.of("ok:v1", "-x"))),
                Arguments.of(new PodmanContainerModule(), Map.of("name", "web", "image", "httpd", "pod", "--privileged")),
                Arguments.of(new PodmanContainerModule(), Map.of("name", "web", "image", "httpd", "network", List.of("podman", "-x"))),
                Arguments.of(new PodmanNetworkModule(), Map.of("name", "--force")),
                Arguments.of(new PodmanNetworkModule(), Map.of("name", "n", "driver", "--internal")),
                Arguments.of(new PodmanPodModule(), Map.of("name", "-p")),
                Arguments.of(new PodmanPodModule(), Map.of("name", "p", "infra_image", "--privileged")),
                Arguments.of(new PodmanPodModule(), Map.of("name", "p", "network", List.of("--x"))),
                Arguments.of(new PodmanImageInfoModule(), Map.of("name", List.of("httpd", "--format=json"))),
                Arguments.of(new PodmanQuadletModule(), Map.of("state", "absent", "name", List.of("-rf"))));
    }

    @ParameterizedTest
    @MethodSource("operandSites")
    void leadingDashesNeverBecomePodmanOptions(Module module, Map<String, Object> args) {
        assertRefusedBeforeAnythingRuns(module, new LinkedHashMap<>(args), "starts with '-'");
    }

    private static void assertRefusedBeforeAnythingRuns(Module module, Map<String, Object> args, String why) {
        ScriptedConnection host = new ScriptedConnection();
        ModuleResult r = ModuleTestKit.of(module).on(host).run(args);
        assertTrue(r.failed(), () -> "expected a refusal, got " + r);
        assertTrue(r.msg().contains(why), r.msg());
        assertEquals(List.of(), host.scripts(), "nothing may run on the host");
    }

    @Test
    void percentInDescriptionIsNotASpecifier() {
        String unit = QuadletFile.render("web", new ContainerSpec("httpd", null, null, null, null, null, null, null, null),
                new QuadletFile.UnitSettings("100% %h", false, null, null, null, null));
        assertTrue(unit.contains("Description=100%% %%h\n"), unit);
        assertFalse(unit.contains("%h\n[") );
    }
}
