package dev.jplay.app.serverless;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a host: every serverless playbook passes jplay's whole load-time validation (modules, options,
 * expression syntax, literal template names found and parsed in templates/), so a broken playbook or template
 * fails the default test run, not only the nspawn one.
 */
class ServerlessPlaybooksSyntaxTest {
    private static String previousHome;

    @BeforeAll
    static void useTheProjectTemplates() {
        previousHome = System.getProperty("jplay.home");
        System.setProperty("jplay.home", projectRoot().toString());
    }

    @AfterAll
    static void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("jplay.home");
        } else {
            System.setProperty("jplay.home", previousHome);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"site.yml", "01-setup-rhel.yml", "02-config-registry.yml", "03-build-containers.yml",
            "04-serverless.yml", "update.yml", "verify.yml", "reset.yml"})
    void playbookIsValid(String name) {
        PlaybookRun run = PlaybookRun.of(projectRoot().resolve("playbooks").resolve(name), "--syntax-check");
        assertEquals(0, run.exitCode(), run::all);
        assertTrue(run.out().contains("playbook: "), run::all);
    }

    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("playbooks/site.yml")) && Files.isDirectory(p.resolve("templates"))) {
                return p;
            }
        }
        throw new IllegalStateException("no playbooks/site.yml above " + Path.of("").toAbsolutePath());
    }
}
