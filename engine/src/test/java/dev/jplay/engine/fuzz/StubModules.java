package dev.jplay.engine.fuzz;

import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

/**
 * Modules with the specs (names, option types, choices, free form) of common built-in ones, so the
 * fuzzed playbooks get past "unknown module" into option binding and expression checks. The engine's
 * tests cannot see the real modules (they depend on the engine); run, each one succeeds without a change.
 */
final class StubModules {
    private StubModules() {
    }

    static ModuleRegistry registry() {
        return ModuleRegistry.of(
                stub(ModuleSpec.builder("debug")
                        .option(OptionSpec.of("msg", OptionType.RAW, "message"))
                        .option(OptionSpec.of("var", OptionType.STR, "variable"))
                        .option(OptionSpec.of("verbosity", OptionType.INT, "level"))
                        .mutuallyExclusive("msg", "var")),
                stub(ModuleSpec.builder("command").freeForm()
                        .option(OptionSpec.of("cmd", OptionType.STR, "command"))
                        .option(OptionSpec.of("chdir", OptionType.PATH, "folder"))
                        .option(OptionSpec.of("creates", OptionType.PATH, "file"))
                        .option(OptionSpec.of("removes", OptionType.PATH, "file"))
                        .option(OptionSpec.of("stdin", OptionType.STR, "input"))),
                stub(ModuleSpec.builder("shell").freeForm()
                        .option(OptionSpec.of("cmd", OptionType.STR, "command"))
                        .option(OptionSpec.of("chdir", OptionType.PATH, "folder"))
                        .option(OptionSpec.of("creates", OptionType.PATH, "file"))),
                stub(ModuleSpec.builder("copy")
                        .option(OptionSpec.of("src", OptionType.PATH, "source"))
                        .option(OptionSpec.of("content", OptionType.STR, "content"))
                        .option(OptionSpec.of("dest", OptionType.PATH, "target").asRequired())
                        .option(OptionSpec.of("force", OptionType.BOOL, "overwrite").defaultValue(true))
                        .option(OptionSpec.of("mode", OptionType.MODE, "mode"))
                        .option(OptionSpec.of("owner", OptionType.STR, "owner"))
                        .option(OptionSpec.of("backup", OptionType.BOOL, "backup"))
                        .mutuallyExclusive("src", "content").requiredOneOf("src", "content")),
                stub(ModuleSpec.builder("file")
                        .option(OptionSpec.of("path", OptionType.PATH, "path").asRequired().aliases("dest", "name"))
                        .option(OptionSpec.of("state", OptionType.STR, "state").choices("absent", "directory", "file", "link", "touch"))
                        .option(OptionSpec.of("mode", OptionType.MODE, "mode"))
                        .option(OptionSpec.of("recurse", OptionType.BOOL, "recurse"))),
                stub(ModuleSpec.builder("template")
                        .option(OptionSpec.of("src", OptionType.PATH, "template").asRequired())
                        .option(OptionSpec.of("dest", OptionType.PATH, "target").asRequired())
                        .option(OptionSpec.of("mode", OptionType.MODE, "mode"))),
                stub(ModuleSpec.builder("lineinfile")
                        .option(OptionSpec.of("path", OptionType.PATH, "file").asRequired().aliases("dest"))
                        .option(OptionSpec.of("line", OptionType.STR, "line"))
                        .option(OptionSpec.of("regexp", OptionType.STR, "regexp"))
                        .option(OptionSpec.of("state", OptionType.STR, "state").choices("present", "absent"))
                        .option(OptionSpec.of("create", OptionType.BOOL, "create"))),
                stub(ModuleSpec.builder("set_fact").anyOptions()),
                stub(ModuleSpec.builder("assert")
                        .option(OptionSpec.of("that", OptionType.LIST, "conditions").asRequired())
                        .option(OptionSpec.of("fail_msg", OptionType.STR, "message"))),
                stub(ModuleSpec.builder("fail").option(OptionSpec.of("msg", OptionType.STR, "message"))),
                stub(ModuleSpec.builder("meta").freeForm()),
                stub(ModuleSpec.builder("pause").option(OptionSpec.of("seconds", OptionType.INT, "seconds"))),
                stub(ModuleSpec.builder("systemd")
                        .option(OptionSpec.of("name", OptionType.STR, "unit"))
                        .option(OptionSpec.of("state", OptionType.STR, "state").choices("started", "stopped", "restarted", "reloaded"))
                        .option(OptionSpec.of("enabled", OptionType.BOOL, "enabled"))
                        .option(OptionSpec.of("scope", OptionType.STR, "scope").choices("system", "user"))),
                stub(ModuleSpec.builder("package")
                        .option(OptionSpec.of("name", OptionType.LIST, "packages").asRequired())
                        .option(OptionSpec.of("state", OptionType.STR, "state").choices("present", "absent", "latest"))),
                stub(ModuleSpec.builder("uri")
                        .option(OptionSpec.of("url", OptionType.STR, "url").asRequired())
                        .option(OptionSpec.of("status_code", OptionType.LIST, "codes"))
                        .option(OptionSpec.of("timeout", OptionType.INT, "seconds"))));
    }

    private static Module stub(ModuleSpec.Builder spec) {
        ModuleSpec built = spec.build();
        return new Module() {
            @Override
            public ModuleSpec spec() {
                return built;
            }

            @Override
            public ModuleResult run(ModuleContext ctx) {
                // the fuzzer runs accepted playbooks against stub hosts: every module simply succeeds
                return ModuleResult.ok().build();
            }
        };
    }
}
