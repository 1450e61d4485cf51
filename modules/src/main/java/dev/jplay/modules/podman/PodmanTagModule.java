package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives a local image more names (containers.podman.podman_tag). A name that already points at the
 * image is not a change; the collection's module reports every run as changed (#900, #934).
 * One round trip when every name is in place, two when some are tagged.
 */
public final class PodmanTagModule implements Module {

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("podman_tag")
                .describe("Tag a local image with more names; a name that already points at the image is no change.")
                .option(OptionSpec.of("image", OptionType.STR, "the image to tag (name:tag or ID)").asRequired())
                .option(OptionSpec.of("target_names", OptionType.LIST, "names to give it, e.g. reg:5000/httpd:prod; a name without "
                        + "tag gets :latest").asRequired())
                .option(PodmanCommand.executableOption())
                .build();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        PodmanOperands.check(ctx.args(), "image", "target_names", PodmanCommand.EXECUTABLE);
        PodmanCommand podman = PodmanCommand.from(ctx.args());
        String image = ctx.args().requireString("image");
        List<String> targets = ctx.args().stringList("target_names").stream().map(t -> ImageRef.parse(t).toString()).toList();
        if (targets.isEmpty()) {
            throw new ModuleFailure("target_names is empty: give at least one name");
        }
        StringBuilder probe = new StringBuilder(PodmanCommand.userEnvironment());
        probe.append(ScriptSections.capture("source", podman.line("image", "inspect", "--format", "{{.Id}}", image), false));
        for (int i = 0; i < targets.size(); i++) {
            probe.append(ScriptSections.capture("target" + i,
                    podman.line("image", "inspect", "--format", "{{.Id}}", targets.get(i)) + " 2>/dev/null", false));
        }
        ExecResult r = ctx.exec(probe.toString());
        ScriptSections out = ScriptSections.parse(r.out());
        if (!out.ok("source")) {
            throw new ModuleFailure("image " + image + " is not on the host: build or pull it first (" + r.errTrimmed() + ")",
                    Map.of("rc", out.rc("source"), "stderr", r.err()));
        }
        String id = out.text("source").strip();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!out.ok("target" + i) || !out.text("target" + i).strip().equals(id)) {
                missing.add(targets.get(i));
            }
        }
        ModuleResult.Builder res = ModuleResult.changed(!missing.isEmpty()).value("image", image).value("image_id", id)
                .value("tagged", missing).value("target_names", targets);
        if (missing.isEmpty()) {
            return res.msg("every name already points at " + image).value("podman_actions", List.of()).build();
        }
        List<String> args = new ArrayList<>(List.of("tag", image));
        args.addAll(missing);
        String cmd = podman.line(args);
        if (ctx.checkMode()) {
            return res.msg("would tag " + image + " as " + String.join(", ", missing)).value("podman_actions", List.of()).build();
        }
        ExecResult t = ctx.exec(PodmanCommand.userEnvironment() + cmd);
        if (!t.ok()) {
            throw new ModuleFailure("podman tag failed: " + t.errTrimmed(), Map.of("rc", t.exitCode(), "stderr", t.err()));
        }
        return res.msg("tagged " + image + " as " + String.join(", ", missing)).value("podman_actions", List.of(cmd)).build();
    }
}
