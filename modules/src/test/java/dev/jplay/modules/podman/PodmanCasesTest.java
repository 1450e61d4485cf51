package dev.jplay.modules.podman;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** The data-driven cases of every podman module: src/test/resources/cases/MODULE.yml. */
class PodmanCasesTest {

    @TestFactory
    Stream<DynamicTest> podmanImage() {
        return HostCases.of("podman_image.yml", new PodmanImageModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanTag() {
        return HostCases.of("podman_tag.yml", new PodmanTagModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanContainer() {
        return HostCases.of("podman_container.yml", new PodmanContainerModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanUnit() {
        return HostCases.of("podman_unit.yml", new PodmanUnitModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanAutoUpdate() {
        return HostCases.of("podman_auto_update.yml", new PodmanAutoUpdateModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanNetwork() {
        return HostCases.of("podman_network.yml", new PodmanNetworkModule());
    }

    @TestFactory
    Stream<DynamicTest> podmanPod() {
        return HostCases.of("podman_pod.yml", new PodmanPodModule());
    }

    @TestFactory
    Stream<DynamicTest> registryConfig() {
        return HostCases.of("registry_config.yml", new RegistryConfigModule());
    }
}
