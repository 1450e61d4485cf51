package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.Map;

/** The current state of one named podman object (a pod, a network): its inspect JSON, or null when it does not exist. */
final class PodmanInspect {
    private PodmanInspect() {
    }

    static Map<String, Object> current(ModuleContext ctx, PodmanCommand podman, String kind, String name) throws ModuleFailure {
        ExecResult pr = ctx.exec(PodmanCommand.userEnvironment()
                + ScriptSections.capture(kind, podman.line(kind, "inspect", name) + " 2>/dev/null", false));
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.has(kind + ".rc")) {
            throw new ModuleFailure("probing " + kind + " " + name + " failed: " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        return out.ok(kind) ? PodmanJson.firstObject(out.text(kind), "podman " + kind + " inspect " + name) : null;
    }
}
