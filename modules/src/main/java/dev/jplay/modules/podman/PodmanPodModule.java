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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A podman pod in a wanted state (containers.podman.podman_pod). One inspect; then only what differs:
 * create, recreate (a setting the task gives differs; podman cannot change a pod's infra settings, so it is
 * removed, with its containers, and created again, as the collection does), start, stop, or remove. Only
 * options the task sets are compared. state quadlet writes a {@code .pod} Quadlet file instead.
 */
public final class PodmanPodModule implements Module {

    @Override
    public ModuleSpec spec() {
        ModuleSpec.Builder b = ModuleSpec.builder("podman_pod")
                .describe("Create, start, stop, recreate or remove a podman pod; recreates only when a setting the task gives "
                        + "differs.")
                .option(OptionSpec.of("name", OptionType.STR, "pod name").asRequired())
                .option(OptionSpec.of("state", OptionType.STR, "created (exists; running or not), started (running), stopped "
                        + "(created, not running), restarted (restart it: always a change), absent (removed with its "
                        + "containers), quadlet (write a .pod Quadlet file)").defaultValue("created")
                        .choices("created", "started", "stopped", "restarted", "absent", "quadlet"))
                .option(OptionSpec.of("publish", OptionType.LIST, "published ports of the pod, [ip:][hostPort:]containerPort[/proto]")
                        .aliases("ports"))
                .option(OptionSpec.of("network", OptionType.LIST, "networks of the pod (podman pod create --network)"))
                .option(OptionSpec.of("infra", OptionType.BOOL, "create the pod's infra container (podman's default: yes)"))
                .option(OptionSpec.of("infra_image", OptionType.STR, "image of the infra container"))
                .option(OptionSpec.of("infra_name", OptionType.STR, "name of the infra container"))
                .option(OptionSpec.of("hostname", OptionType.STR, "host name in the pod"))
                .option(OptionSpec.of("label", OptionType.DICT, "labels of the pod"))
                .option(OptionSpec.of("share", OptionType.STR, "namespaces the pod's containers share, comma separated "
                        + "(podman's default: ipc,net,uts)"))
                .option(OptionSpec.of("volume", OptionType.LIST, "volumes of the pod, src:dest[:options]").aliases("volumes"))
                .option(OptionSpec.of("recreate", OptionType.BOOL, "remove and create the pod even when nothing differs")
                        .defaultValue(false));
        QuadletState.options().forEach(b::option);
        return b.option(PodmanCommand.executableOption())
                .notImplemented("a containers.podman.podman_pod option", CollectionOptions.POD)
                .build();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        PodmanOperands.check(a, "name", "network", "infra_image", "infra_name", "hostname", "share", PodmanCommand.EXECUTABLE);
        PodmanCommand podman = PodmanCommand.from(a);
        String name = a.requireString("name");
        String state = a.optString("state").orElse("created");
        List<String> publish = a.stringList("publish");
        PortMapping.parseAll(publish);
        UnitValues.refuseControlIn("label", a.map("label"));
        if (state.equals("quadlet")) {
            return QuadletState.apply(ctx, "pod", name, quadlet(name, a));
        }
        Map<String, Object> current = PodmanInspect.current(ctx, podman, "pod", name);
        List<ContainerDiff.Difference> diffs = current == null || state.equals("absent") ? List.of() : differences(current, a);
        List<String> steps = new ArrayList<>();
        String podState = current == null ? "" : PodmanJson.string(current, "State");
        boolean running = podState.equals("Running") || podState.equals("Degraded");
        if (state.equals("absent")) {
            if (current != null) {
                steps.add(podman.line("pod", "rm", "--force", name));
            }
        } else {
            boolean create = current == null || a.bool("recreate") || !diffs.isEmpty();
            if (create) {
                if (current != null) {
                    steps.add(podman.line("pod", "rm", "--force", name));
                }
                steps.add(podman.line(createArgs(name, a)));
                if (state.equals("started") || state.equals("restarted")) {
                    steps.add(podman.line("pod", "start", name));
                }
            } else if (state.equals("started") && !podState.equals("Running")) {
                steps.add(podman.line("pod", "start", name));
            } else if (state.equals("restarted")) {
                steps.add(podman.line("pod", "restart", name));
            } else if (state.equals("stopped") && running) {
                steps.add(podman.line("pod", "stop", name));
            }
        }
        ModuleResult.Builder res = ModuleResult.changed(!steps.isEmpty())
                .value("differences", diffs.stream().map(ContainerDiff.Difference::toString).toList());
        if (ctx.diffMode() && !diffs.isEmpty()) {
            Map<String, String> ba = ContainerDiff.asBeforeAfter(diffs);
            res.diff(new FileDiff("pod " + name + " (before)", ba.get("before"), "pod " + name + " (after)", ba.get("after")));
        }
        if (steps.isEmpty() || ctx.checkMode()) {
            return res.value("pod", current == null ? Map.of() : current).value("podman_actions", List.of())
                    .msg(steps.isEmpty() ? "pod " + name + " is " + (current == null ? "absent" : "as wanted")
                            : "would run: " + String.join("; ", steps)).build();
        }
        StringBuilder act = new StringBuilder("set -e; ").append(PodmanCommand.userEnvironment());
        steps.forEach(c -> act.append(c).append(" >&2; "));
        if (!state.equals("absent")) {
            act.append(ScriptSections.marker("pod")).append(podman.line("pod", "inspect", name)).append("; ");
        }
        ExecResult r = ctx.exec(act.toString());
        if (!r.ok()) {
            throw new ModuleFailure("pod " + name + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.err(), "podman_actions", steps));
        }
        Map<String, Object> after = state.equals("absent") ? Map.of()
                : PodmanJson.firstObject(ScriptSections.parse(r.out()).text("pod"), "podman pod inspect " + name);
        return res.value("pod", after == null ? Map.of() : after).value("podman_actions", steps)
                .msg("pod " + name + ": " + steps.size() + " podman command(s)").build();
    }

    static List<String> createArgs(String name, ModuleArgs a) throws ModuleFailure {
        List<String> c = new ArrayList<>(List.of("pod", "create", "--name", name));
        for (String p : a.stringList("publish")) {
            c.add("--publish");
            c.add(p);
        }
        for (String n : a.stringList("network")) {
            c.add("--network");
            c.add(n);
        }
        if (a.has("infra")) {
            c.add("--infra=" + a.bool("infra"));
        }
        for (String[] kv : new String[][]{{"infra_image", "--infra-image"}, {"infra_name", "--infra-name"},
                {"hostname", "--hostname"}, {"share", "--share"}}) {
            if (a.string(kv[0]) != null) {
                c.add(kv[1]);
                c.add(a.string(kv[0]));
            }
        }
        a.map("label").forEach((k, v) -> {
            c.add("--label");
            c.add(k + "=" + v);
        });
        for (String v : a.stringList("volume")) {
            c.add("--volume");
            c.add(v);
        }
        return c;
    }

    static List<ContainerDiff.Difference> differences(Map<String, Object> inspect, ModuleArgs a) throws ModuleFailure {
        List<ContainerDiff.Difference> d = new ArrayList<>();
        List<String> publish = a.stringList("publish");
        if (!publish.isEmpty()) {
            Set<PortMapping> wanted = PortMapping.parseAll(publish);
            Set<PortMapping> actual = PortMapping.fromInspect(PodmanJson.map(inspect, "InfraConfig", "PortBindings"));
            boolean same = wanted.size() == actual.size() && wanted.stream().allMatch(w -> actual.stream().anyMatch(w::matches));
            if (!same) {
                d.add(new ContainerDiff.Difference("publish", sorted(actual.stream().map(PortMapping::toString).toList()),
                        sorted(wanted.stream().map(PortMapping::toString).toList())));
            }
        }
        List<String> networks = a.stringList("network");
        if (!networks.isEmpty()) {
            List<String> actual = PodmanJson.strings(inspect, "InfraConfig", "Networks");
            if (!sorted(actual).equals(sorted(networks))) {
                d.add(new ContainerDiff.Difference("network", sorted(actual), sorted(networks)));
            }
        }
        if (a.has("infra")) {
            boolean actual = Boolean.TRUE.equals(PodmanJson.at(inspect, "CreateInfra"));
            if (actual != a.bool("infra")) {
                d.add(new ContainerDiff.Difference("infra", String.valueOf(actual), String.valueOf(a.bool("infra"))));
            }
        }
        CreateCommand created = CreateCommand.of(inspect);
        for (String[] kv : new String[][]{{"infra_image", "--infra-image"}, {"infra_name", "--infra-name"}}) {
            String want = a.string(kv[0]);
            if (want != null && !want.equals(created.last(kv[1]))) {
                d.add(new ContainerDiff.Difference(kv[0], String.valueOf(created.last(kv[1])), want));
            }
        }
        if (a.string("hostname") != null && !PodmanJson.string(inspect, "Hostname").equals(a.string("hostname"))) {
            d.add(new ContainerDiff.Difference("hostname", PodmanJson.string(inspect, "Hostname"), a.string("hostname")));
        }
        if (a.string("share") != null) {
            Set<String> want = new TreeSet<>();
            for (String s : a.string("share").split(",")) {
                if (!s.isBlank()) {
                    want.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
            Set<String> actual = new TreeSet<>(PodmanJson.strings(inspect, "SharedNamespaces"));
            if (!want.equals(actual)) {
                d.add(new ContainerDiff.Difference("share", String.join(",", actual), String.join(",", want)));
            }
        }
        Map<String, Object> labels = PodmanJson.map(inspect, "Labels");
        a.map("label").forEach((k, v) -> {
            Object actual = labels.get(k);
            if (actual == null || !actual.toString().equals(String.valueOf(v))) {
                d.add(new ContainerDiff.Difference("label." + k, actual == null ? "(unset)" : actual.toString(), String.valueOf(v)));
            }
        });
        List<String> volumes = a.stringList("volume");
        if (!volumes.isEmpty() && !sorted(created.values("--volume", "-v")).equals(sorted(volumes))) {
            d.add(new ContainerDiff.Difference("volume", sorted(created.values("--volume", "-v")), sorted(volumes)));
        }
        return d;
    }

    static String quadlet(String name, ModuleArgs a) throws ModuleFailure {
        for (String o : List.of("infra", "infra_image", "infra_name", "hostname", "label", "share")) {
            if (a.has(o)) {
                throw new ModuleFailure("option '" + o + "' has no .pod Quadlet key in jplay's state quadlet; write it with "
                        + "quadlet_options (e.g. PodmanArgs=...) or leave it out");
            }
        }
        List<QuadletState.Entry> e = new ArrayList<>();
        e.add(new QuadletState.Entry("PodName", name));
        a.stringList("network").forEach(n -> e.add(new QuadletState.Entry("Network", n)));
        a.stringList("publish").forEach(p -> e.add(new QuadletState.Entry("PublishPort", p)));
        a.stringList("volume").forEach(v -> e.add(new QuadletState.Entry("Volume", v)));
        return QuadletState.render("Pod", e, List.of(), a.stringList("quadlet_options"));
    }

    private static String sorted(List<String> l) {
        return l.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
