package dev.jplay.app;

import dev.jplay.engine.registry.ModuleDocs;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every built-in module documents EXAMPLES and RETURN values, and each example is a valid task. */
class ModuleDocsE2ETest {
    @TempDir
    Path tmp;

    @Test
    void everyModulesExamplesPassTheSyntaxCheck() {
        Workspace ws = new Workspace(tmp);
        ws.write("templates/app.service.ftl", "[Unit]\nDescription=app\n");
        ws.write("scripts/setup.sh", "#!/bin/sh\necho set up\n");
        ws.write("vars/production.yml", "env: production\n");
        List<Module> modules = ModuleRegistry.load(List.of()).modules();
        assertTrue(modules.size() >= 30, "modules found: " + modules.size());
        for (Module m : modules) {
            ModuleSpec s = ModuleDocs.of(m);
            assertFalse(s.examples().isBlank(), s.name() + " has no EXAMPLES");
            assertTrue(s.returns().stream().anyMatch(r -> r.name().equals("changed")), s.name() + " has no RETURN values");
            String tasks = s.examples().lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n");
            Path pb = ws.write("examples-" + s.name() + ".yml", "- hosts: localhost\n  gather_facts: false\n  tasks:\n" + tasks);
            Jplay.run(pb, "--syntax-check").exits(0);
        }
    }

    @Test
    void docPrintsExamplesAndReturnValuesAsAnsibleDocDoes() {
        RunResult r = Jplay.run("doc", "command").exits(0);
        r.printed("\nEXAMPLES:\n\n- name: Show the kernel\n  command: uname -r\n")
                .printed("\nRETURN VALUES:\n- changed\n").printed("- rc\n        The exit status.\n        returned: always\n        type: int\n");
    }

    @Test
    void docListsTheCollectionOptionsJplayRefuses() {
        RunResult r = Jplay.run("doc", "containers.podman.podman_network").exits(0);
        r.printed("> PODMAN_NETWORK").printed("\nNOT IMPLEMENTED (refused at load): dns, interface_name, ip_range, ipam_driver, ipv6, ");
    }
}
