package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.FileDiff;
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
 * A container in a wanted state (containers.podman.podman_container). One inspect of the container
 * and its image, then only what differs: create, recreate (when an option the task sets differs,
 * see {@link ContainerDiff}), start, stop, restart or remove, in one more round trip.
 */
public final class PodmanContainerModule implements Module {

    @Override
    public ModuleSpec spec() {
        ModuleSpec.Builder b = ModuleSpec.builder("podman_container")
                .describe("Create, start, stop, recreate or remove a podman container; recreates only when an option the task "
                        + "sets differs from the container's.")
                .option(OptionSpec.of("name", OptionType.STR, "container name").asRequired())
                .option(OptionSpec.of("state", OptionType.STR, "started (created and running), present (same as started, as in "
                        + "the podman collection), stopped (created, not running), created (exists; running or not), absent, "
                        + "quadlet (write a Quadlet .container file for the container, nothing else)")
                        .defaultValue("started").choices("started", "present", "stopped", "created", "absent", "quadlet"));
        ContainerSpec.options().forEach(b::option);
        ContainerSpec.runtimeOptions().forEach(b::option);
        QuadletState.options().forEach(b::option);
        return b.option(OptionSpec.of("recreate", OptionType.BOOL, "remove and create the container even when nothing differs")
                        .defaultValue(false))
                .option(OptionSpec.of("force_restart", OptionType.BOOL, "restart a running container (state started)")
                        .defaultValue(false).aliases("restart"))
                .option(OptionSpec.of("image_strict", OptionType.BOOL, "also recreate when the image name differs while the image "
                        + "is the same (e.g. :v1 and :prod pointing at one image); by default only the image ID counts")
                        .defaultValue(false))
                .option(GeneratedUnits.option())
                .option(PodmanCommand.executableOption())
                .notImplemented("a containers.podman.podman_container option", CollectionOptions.CONTAINER)
                .build();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        PodmanCommand podman = PodmanCommand.from(a);
        PodmanOperands.check(a, "name", "image", "pod", "network", PodmanCommand.EXECUTABLE);
        String name = a.requireString("name");
        String state = a.optString("state").orElse("started");
        ContainerSpec want = ContainerSpec.from(a);
        if (!want.publish().isEmpty()) {
            PortMapping.parseAll(want.publish());
        }
        if (state.equals("quadlet")) {
            if (want.image() == null) {
                throw new ModuleFailure("state quadlet needs image (the image the container runs)");
            }
            if (!a.map(GeneratedUnits.OPTION).isEmpty()) {
                throw new ModuleFailure("generate_systemd and state quadlet are two ways to the same unit: give one");
            }
            return QuadletState.apply(ctx, "container", name, quadlet(name, want, a.stringList("quadlet_options")));
        }

        StringBuilder probe = new StringBuilder(PodmanCommand.userEnvironment());
        probe.append(ScriptSections.capture("container", podman.line("container", "inspect", name) + " 2>/dev/null", false));
        if (want.image() != null && !state.equals("absent")) {
            probe.append(ScriptSections.capture("image",
                    podman.line("image", "inspect", "--format", "{{.Id}}", want.image()) + " 2>/dev/null", false));
        }
        ExecResult pr = ctx.exec(probe.toString());
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.has("container.rc")) {
            throw new ModuleFailure("probing container " + name + " failed: " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        Map<String, Object> current = out.ok("container")
                ? PodmanJson.firstObject(out.text("container"), "podman container inspect " + name) : null;
        String wantedImageId = out.ok("image") ? out.text("image").strip() : "";

        Plan plan = plan(name, state, want, current, wantedImageId, a.bool("recreate"), a.bool("force_restart"), a.bool("image_strict"));
        ModuleResult.Builder res = ModuleResult.changed(!plan.steps().isEmpty())
                .value("differences", plan.differences().stream().map(ContainerDiff.Difference::toString).toList())
                .value("actions", plan.steps().stream().map(Step::describe).toList());
        if (ctx.diffMode() && !plan.differences().isEmpty()) {
            Map<String, String> ba = ContainerDiff.asBeforeAfter(plan.differences());
            res.diff(new FileDiff("container " + name + " (before)", ba.get("before"), "container " + name + " (after)", ba.get("after")));
        }
        if (plan.steps().isEmpty()) {
            res.msg("container " + name + " is " + (current == null ? "absent" : "as wanted"))
                    .value("container", current == null ? Map.of() : current).value("podman_actions", List.of());
            return GeneratedUnits.apply(ctx, podman, name, state, current != null, res);
        }
        if (ctx.checkMode()) {
            return res.msg("would " + String.join(", ", plan.steps().stream().map(Step::describe).toList()))
                    .value("container", current == null ? Map.of() : current).value("podman_actions", List.of()).build();
        }

        List<String> commands = plan.steps().stream().map(s -> s.command(podman, name, want)).toList();
        StringBuilder act = new StringBuilder("set -e; ").append(PodmanCommand.userEnvironment());
        commands.forEach(c -> act.append(c).append(" >&2; "));
        if (!state.equals("absent")) {
            act.append(ScriptSections.marker("container")).append(podman.line("container", "inspect", name)).append("; ");
        }
        ExecResult r = ctx.exec(act.toString());
        if (!r.ok()) {
            throw new ModuleFailure("container " + name + ": " + String.join(", ", plan.steps().stream().map(Step::describe).toList())
                    + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.err(), "stdout", r.out(), "podman_actions", commands));
        }
        Map<String, Object> after = state.equals("absent") ? Map.of()
                : PodmanJson.firstObject(ScriptSections.parse(r.out()).text("container"), "podman container inspect " + name);
        res.msg(String.join(", ", plan.steps().stream().map(Step::describe).toList()) + " " + name)
                .value("container", after == null ? Map.of() : after).value("podman_actions", commands)
                .value("stdout", r.out()).value("stderr", r.err());
        return GeneratedUnits.apply(ctx, podman, name, state, !state.equals("absent"), res);
    }

    /** The .container file for state quadlet: the collection's keys for the options jplay takes, in its order. */
    static String quadlet(String name, ContainerSpec c, List<String> quadletOptions) throws ModuleFailure {
        List<QuadletState.Entry> e = new ArrayList<>();
        e.add(new QuadletState.Entry("ContainerName", name));
        if (c.entrypoint() != null) {
            e.add(new QuadletState.Entry("Entrypoint", c.entrypoint()));
        }
        c.env().forEach((k, v) -> e.add(new QuadletState.Entry("Environment", QuadletFile.word(k + "=" + v))));
        c.envFiles().forEach(f -> e.add(new QuadletState.Entry("EnvironmentFile", f)));
        if (c.command() != null && !c.command().isEmpty()) {
            e.add(new QuadletState.Entry("Exec", String.join(" ", c.command().stream().map(QuadletFile::word).toList())));
        }
        if (c.user() != null && c.user().contains(":")) {
            // Quadlet has User= and Group=: user:group goes to both, as the collection writes it
            e.add(new QuadletState.Entry("Group", c.user().substring(c.user().indexOf(':') + 1)));
        }
        e.add(new QuadletState.Entry("Image", c.image()));
        c.labels().forEach((k, v) -> e.add(new QuadletState.Entry("Label", QuadletFile.word(k + "=" + v))));
        c.networks().forEach(n -> e.add(new QuadletState.Entry("Network", n)));
        if (c.pod() != null) {
            e.add(new QuadletState.Entry("Pod", c.pod()));
        }
        c.publish().forEach(p -> e.add(new QuadletState.Entry("PublishPort", p)));
        if (c.user() != null) {
            e.add(new QuadletState.Entry("User", c.user().contains(":") ? c.user().substring(0, c.user().indexOf(':')) : c.user()));
        }
        c.volumes().forEach(v -> e.add(new QuadletState.Entry("Volume", v)));
        if (c.workdir() != null) {
            e.add(new QuadletState.Entry("WorkingDir", c.workdir()));
        }
        List<QuadletState.Entry> service = c.restartPolicy() == null ? List.of()
                : List.of(new QuadletState.Entry("Restart", c.restartPolicy().equals("unless-stopped") ? "always" : c.restartPolicy()));
        return QuadletState.render("Container", e, service, quadletOptions);
    }

    /** One podman action. */
    enum Step {
        REMOVE("remove"), CREATE("create"), START("start"), STOP("stop"), RESTART("restart");

        private final String verb;

        Step(String verb) {
            this.verb = verb;
        }

        String describe() {
            return verb;
        }

        String command(PodmanCommand podman, String name, ContainerSpec want) {
            return switch (this) {
                case REMOVE -> podman.line("rm", "--force", name);
                case CREATE -> {
                    List<String> args = new ArrayList<>(List.of("create"));
                    args.addAll(want.createArgs(name));
                    yield podman.line(args);
                }
                case START -> podman.line("start", name);
                case STOP -> podman.line("stop", name);
                case RESTART -> podman.line("restart", name);
            };
        }
    }

    /** What to do, and why. */
    record Plan(List<Step> steps, List<ContainerDiff.Difference> differences) {
    }

    static Plan plan(String name, String state, ContainerSpec want, Map<String, Object> current, String wantedImageId,
                     boolean recreate, boolean forceRestart, boolean imageStrict) throws ModuleFailure {
        List<Step> steps = new ArrayList<>();
        if (state.equals("absent")) {
            if (current != null) {
                steps.add(Step.REMOVE);
            }
            return new Plan(steps, List.of());
        }
        boolean running = current != null && Boolean.TRUE.equals(PodmanJson.at(current, "State", "Running"));
        List<ContainerDiff.Difference> diffs = current == null ? List.of()
                : ContainerDiff.between(want, current, wantedImageId, imageStrict);
        boolean create = current == null || recreate || !diffs.isEmpty();
        if (create && want.image() == null) {
            throw new ModuleFailure(current == null ? "container " + name + " does not exist: give image to create it"
                    : "container " + name + " must be recreated (" + (recreate ? "recreate" : diffs.get(0)) + "), which needs image");
        }
        boolean wantRunning = state.equals("started") || state.equals("present");
        if (create) {
            if (current != null) {
                steps.add(Step.REMOVE);
            }
            steps.add(Step.CREATE);
            if (wantRunning) {
                steps.add(Step.START);
            }
        } else if (wantRunning && !running) {
            steps.add(Step.START);
        } else if (wantRunning && forceRestart) {
            steps.add(Step.RESTART);
        } else if (state.equals("stopped") && running) {
            steps.add(Step.STOP);
        }
        return new Plan(steps, diffs);
    }
}
