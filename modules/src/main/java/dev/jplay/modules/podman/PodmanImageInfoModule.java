package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
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
 * Reads images as {@code podman image inspect} prints them (containers.podman.podman_image_info): the named
 * ones that exist (a name that matches no image is left out, as the collection does), or every local image
 * when no name is given. Never a change; one round trip.
 */
public final class PodmanImageInfoModule implements Module {

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("podman_image_info")
                .describe("Return podman image inspect for the named images (those that exist), or for all local images.")
                .option(OptionSpec.of("name", OptionType.LIST, "image names or IDs; none: every local image"))
                .option(PodmanCommand.executableOption())
                .build();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        PodmanOperands.check(a, "name", PodmanCommand.EXECUTABLE);
        PodmanCommand podman = PodmanCommand.from(a);
        List<String> names = a.stringList("name");
        StringBuilder s = new StringBuilder(PodmanCommand.userEnvironment());
        if (names.isEmpty()) {
            // one inspect per distinct ID: an image with several tags is listed once per tag by ls
            s.append(ScriptSections.capture("all", "__jp_ids=$(" + podman.line("image", "ls", "-q", "--no-trunc")
                    + " | awk '!seen[$0]++'); if [ -n \"$__jp_ids\" ]; then " + podman.line("image", "inspect")
                    + " $__jp_ids; else echo '[]'; fi", false));
        } else {
            for (int i = 0; i < names.size(); i++) {
                s.append(ScriptSections.capture("image" + i, podman.line("image", "exists", names.get(i)) + " && "
                        + podman.line("image", "inspect", names.get(i)), false));
            }
        }
        ExecResult r = ctx.exec(s.toString());
        ScriptSections out = ScriptSections.parse(r.out());
        List<Object> images = new ArrayList<>();
        if (names.isEmpty()) {
            if (!out.ok("all")) {
                throw new ModuleFailure("listing images failed: " + r.errTrimmed(), Map.of("stderr", r.err()));
            }
            addAll(images, out.text("all"), "podman image inspect");
        } else {
            for (int i = 0; i < names.size(); i++) {
                if (!out.has("image" + i + ".rc")) {
                    throw new ModuleFailure("inspecting images failed: " + r.errTrimmed(), Map.of("stderr", r.err()));
                }
                if (out.ok("image" + i)) {
                    addAll(images, out.text("image" + i), "podman image inspect " + names.get(i));
                }
            }
        }
        return ModuleResult.ok().value("images", images).msg(images.size() + " image(s)").build();
    }

    private static void addAll(List<Object> images, String json, String what) throws ModuleFailure {
        if (PodmanJson.parse(json, what) instanceof List<?> l) {
            images.addAll(l);
        }
    }
}
