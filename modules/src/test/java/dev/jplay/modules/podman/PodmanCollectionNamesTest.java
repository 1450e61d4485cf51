package dev.jplay.modules.podman;

import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The containers.podman names: each module resolves under the collection's prefix, and every option name
 * and alias of the collection's module (cases/containers_podman_options.yml) is either taken or refused at
 * load as not implemented, by name; none is unknown and none is silently dropped.
 */
class PodmanCollectionNamesTest {
    private static final ModuleRegistry REGISTRY = ModuleRegistry.load(List.of());

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> collectionOptions() {
        try (InputStream in = PodmanCollectionNamesTest.class.getResourceAsStream("/cases/containers_podman_options.yml")) {
            return (Map<String, List<String>>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCollectionOptionIsTakenOrRefusedByName() {
        return collectionOptions().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Module m = REGISTRY.find("containers.podman." + e.getKey()).orElseThrow(() ->
                    new AssertionError("containers.podman." + e.getKey() + " does not resolve"));
            ModuleSpec spec = m.spec();
            assertEquals(e.getKey(), spec.name());
            for (String option : e.getValue()) {
                boolean taken = spec.option(option).isPresent();
                boolean refused = spec.notImplemented().containsKey(option);
                assertTrue(taken ^ refused, e.getKey() + " option '" + option + "': taken=" + taken + " refused=" + refused);
                if (refused) {
                    List<ArgsBinder.Problem> p = ArgsBinder.check(spec, Map.of(option, "x"));
                    assertTrue(p.stream().anyMatch(x -> x.message().contains("option '" + option + "' of module '" + e.getKey()
                            + "' is not implemented by jplay")), option + ": " + p);
                }
            }
        }));
    }

    @Test
    void aCollectionOptionJplayLacksGetsItsOwnMessage() {
        ModuleSpec spec = new PodmanContainerModule().spec();
        List<ArgsBinder.Problem> p = ArgsBinder.check(spec, Map.of("name", "web", "image", "httpd", "cap_drop", List.of("ALL")));
        assertEquals(1, p.size(), p.toString());
        assertEquals("cap_drop", p.get(0).option());
        assertEquals("option 'cap_drop' of module 'podman_container' is not implemented by jplay (a containers.podman.podman_container "
                + "option); remove it or do that step another way", p.get(0).message());
        // a misspelling is still an unknown option with a suggestion
        List<ArgsBinder.Problem> typo = ArgsBinder.check(spec, Map.of("name", "web", "imgae", "httpd"));
        assertTrue(typo.get(0).message().startsWith("unknown option 'imgae'"), typo.toString());
    }

    @Test
    void theCollectionsOptionNamesBindToJplaysOptions() {
        ModuleSpec spec = new PodmanContainerModule().spec();
        Map<String, Object> task = Map.of("name", "web", "image", "httpd", "ports", List.of("8080:80"), "volumes", List.of("/a:/b"),
                "labels", Map.of("a", "b"), "net", List.of("appnet"), "working_dir", "/srv", "env_files", List.of("/e"),
                "restart", true, "state", "quadlet");
        assertEquals(List.of(), ArgsBinder.check(spec, task));
        var bound = ArgsBinder.bind(spec, task);
        assertEquals(List.of("8080:80"), bound.stringList("publish"));
        assertEquals(List.of("appnet"), bound.stringList("network"));
        assertEquals("/srv", bound.string("workdir"));
        assertTrue(bound.bool("force_restart"));
        assertFalse(ArgsBinder.check(spec, Map.of("name", "web", "state", "paused")).isEmpty());
        assertEquals(List.of(), ArgsBinder.check(new PodmanImageModule().spec(),
                Map.of("name", "web", "path", "/ctx", "buildargs", Map.of("file", "Containerfile", "format", "oci"))));
    }
}
