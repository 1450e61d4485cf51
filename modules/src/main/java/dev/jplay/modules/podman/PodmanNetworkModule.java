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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A podman network (containers.podman.podman_network). One inspect; a missing network is created, one whose
 * settings differ from those the task sets (subnet, gateway, driver, internal, disable_dns, labels) is
 * removed and created again, as the collection does; unset options are not compared (podman picks a
 * subnet itself). state quadlet writes a {@code .network} Quadlet file instead.
 */
public final class PodmanNetworkModule implements Module {

    @Override
    public ModuleSpec spec() {
        ModuleSpec.Builder b = ModuleSpec.builder("podman_network")
                .describe("Create, recreate or remove a podman network; recreates only when a setting the task gives differs.")
                .option(OptionSpec.of("name", OptionType.STR, "network name").asRequired())
                .option(OptionSpec.of("state", OptionType.STR, "present, absent, or quadlet (write a .network Quadlet file)")
                        .defaultValue("present").choices("present", "absent", "quadlet"))
                .option(OptionSpec.of("subnet", OptionType.STR, "subnet in CIDR form, e.g. 10.89.10.0/24"))
                .option(OptionSpec.of("gateway", OptionType.STR, "gateway address (needs subnet)"))
                .option(OptionSpec.of("driver", OptionType.STR, "driver: bridge (podman's default), macvlan, ipvlan"))
                .option(OptionSpec.of("internal", OptionType.BOOL, "no route out of the network"))
                .option(OptionSpec.of("disable_dns", OptionType.BOOL, "no DNS for containers on the network"))
                .option(OptionSpec.of("label", OptionType.DICT, "labels of the network"))
                .option(OptionSpec.of("recreate", OptionType.BOOL, "remove and create the network even when nothing differs")
                        .defaultValue(false))
                .option(OptionSpec.of("force", OptionType.BOOL, "on removal, also remove the containers and pods that use it "
                        + "(podman network rm --force)").defaultValue(false));
        QuadletState.options().forEach(b::option);
        return b.option(PodmanCommand.executableOption())
                .notImplemented("a containers.podman.podman_network option", CollectionOptions.NETWORK)
                .build();
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        PodmanOperands.check(a, "name", "subnet", "gateway", "driver", PodmanCommand.EXECUTABLE);
        PodmanCommand podman = PodmanCommand.from(a);
        String name = a.requireString("name");
        String state = a.optString("state").orElse("present");
        UnitValues.refuseControlIn("label", a.map("label"));
        if (a.string("gateway") != null && a.string("subnet") == null) {
            throw new ModuleFailure("option 'gateway' needs 'subnet': podman takes a gateway only with the subnet it is in");
        }
        String subnet = a.string("subnet") == null ? null : normalizeSubnet(a.string("subnet"));
        String gateway = a.string("gateway") == null ? null : normalizeIp("gateway", a.string("gateway"));
        if (state.equals("quadlet")) {
            return QuadletState.apply(ctx, "network", name, quadlet(name, a, subnet, gateway));
        }
        Map<String, Object> current = PodmanInspect.current(ctx, podman, "network", name);
        List<String> steps = new ArrayList<>();
        List<ContainerDiff.Difference> diffs = current == null || state.equals("absent") ? List.of()
                : differences(current, a, subnet, gateway);
        List<String> rm = new ArrayList<>(List.of("network", "rm"));
        if (a.bool("force")) {
            rm.add("--force");
        }
        rm.add(name);
        if (state.equals("absent")) {
            if (current != null) {
                steps.add(podman.line(rm));
            }
        } else if (current == null || !diffs.isEmpty() || a.bool("recreate")) {
            if (current != null) {
                steps.add(podman.line(rm));
            }
            steps.add(podman.line(createArgs(name, a, subnet, gateway)));
        }
        ModuleResult.Builder res = ModuleResult.changed(!steps.isEmpty())
                .value("differences", diffs.stream().map(ContainerDiff.Difference::toString).toList());
        if (ctx.diffMode() && !diffs.isEmpty()) {
            Map<String, String> ba = ContainerDiff.asBeforeAfter(diffs);
            res.diff(new FileDiff("network " + name + " (before)", ba.get("before"), "network " + name + " (after)", ba.get("after")));
        }
        String verb = state.equals("absent") ? "remove" : current == null ? "create" : "recreate";
        if (steps.isEmpty() || ctx.checkMode()) {
            return res.value("network", current == null ? Map.of() : current).value("podman_actions", List.of())
                    .msg(steps.isEmpty() ? "network " + name + " is " + (current == null ? "absent" : "as wanted")
                            : "would " + verb + " network " + name).build();
        }
        StringBuilder act = new StringBuilder("set -e; ").append(PodmanCommand.userEnvironment());
        steps.forEach(c -> act.append(c).append(" >&2; "));
        if (!state.equals("absent")) {
            act.append(ScriptSections.marker("network")).append(podman.line("network", "inspect", name)).append("; ");
        }
        ExecResult r = ctx.exec(act.toString());
        if (!r.ok()) {
            throw new ModuleFailure("network " + name + ": " + verb + " failed (rc " + r.exitCode() + "): " + r.errTrimmed(),
                    Map.of("rc", r.exitCode(), "stderr", r.err(), "podman_actions", steps));
        }
        Map<String, Object> after = state.equals("absent") ? Map.of()
                : PodmanJson.firstObject(ScriptSections.parse(r.out()).text("network"), "podman network inspect " + name);
        return res.value("network", after == null ? Map.of() : after).value("podman_actions", steps)
                .msg(verb + "d network " + name).build();
    }

    static List<String> createArgs(String name, ModuleArgs a, String subnet, String gateway) throws ModuleFailure {
        List<String> c = new ArrayList<>(List.of("network", "create"));
        if (a.string("driver") != null) {
            c.add("--driver");
            c.add(a.string("driver"));
        }
        if (subnet != null) {
            c.add("--subnet");
            c.add(subnet);
        }
        if (gateway != null) {
            c.add("--gateway");
            c.add(gateway);
        }
        if (a.has("internal") && a.bool("internal")) {
            c.add("--internal");
        }
        if (a.has("disable_dns") && a.bool("disable_dns")) {
            c.add("--disable-dns");
        }
        a.map("label").forEach((k, v) -> {
            c.add("--label");
            c.add(k + "=" + v);
        });
        c.add(name);
        return c;
    }

    static List<ContainerDiff.Difference> differences(Map<String, Object> inspect, ModuleArgs a, String subnet, String gateway)
            throws ModuleFailure {
        List<ContainerDiff.Difference> d = new ArrayList<>();
        List<Map<String, Object>> subnets = PodmanJson.objects(inspect, "subnets");
        if (subnet != null) {
            List<String> actual = new ArrayList<>();
            for (Map<String, Object> s : subnets) {
                actual.add(normalizeSubnet(PodmanJson.string(s, "subnet")));
            }
            if (!actual.equals(List.of(subnet))) {
                d.add(new ContainerDiff.Difference("subnet", String.join(",", actual), subnet));
            }
        }
        if (gateway != null) {
            String actual = subnets.isEmpty() || PodmanJson.string(subnets.get(0), "gateway").isEmpty() ? ""
                    : normalizeIp("gateway", PodmanJson.string(subnets.get(0), "gateway"));
            if (!actual.equals(gateway)) {
                d.add(new ContainerDiff.Difference("gateway", actual.isEmpty() ? "(none)" : actual, gateway));
            }
        }
        if (a.string("driver") != null && !PodmanJson.string(inspect, "driver").equals(a.string("driver"))) {
            d.add(new ContainerDiff.Difference("driver", PodmanJson.string(inspect, "driver"), a.string("driver")));
        }
        if (a.has("internal")) {
            boolean actual = Boolean.TRUE.equals(PodmanJson.at(inspect, "internal"));
            if (actual != a.bool("internal")) {
                d.add(new ContainerDiff.Difference("internal", String.valueOf(actual), String.valueOf(a.bool("internal"))));
            }
        }
        if (a.has("disable_dns")) {
            boolean actual = !Boolean.TRUE.equals(PodmanJson.at(inspect, "dns_enabled"));
            if (actual != a.bool("disable_dns")) {
                d.add(new ContainerDiff.Difference("disable_dns", String.valueOf(actual), String.valueOf(a.bool("disable_dns"))));
            }
        }
        Map<String, Object> labels = PodmanJson.map(inspect, "labels");
        a.map("label").forEach((k, v) -> {
            Object actual = labels.get(k);
            if (actual == null || !actual.toString().equals(String.valueOf(v))) {
                d.add(new ContainerDiff.Difference("label." + k, actual == null ? "(unset)" : actual.toString(), String.valueOf(v)));
            }
        });
        return d;
    }

    static String quadlet(String name, ModuleArgs a, String subnet, String gateway) throws ModuleFailure {
        List<QuadletState.Entry> e = new ArrayList<>();
        e.add(new QuadletState.Entry("NetworkName", name));
        if (a.has("internal")) {
            e.add(new QuadletState.Entry("Internal", String.valueOf(a.bool("internal"))));
        }
        if (a.string("driver") != null) {
            e.add(new QuadletState.Entry("Driver", a.string("driver")));
        }
        if (gateway != null) {
            e.add(new QuadletState.Entry("Gateway", gateway));
        }
        if (a.has("disable_dns")) {
            e.add(new QuadletState.Entry("DisableDNS", String.valueOf(a.bool("disable_dns"))));
        }
        if (subnet != null) {
            e.add(new QuadletState.Entry("Subnet", subnet));
        }
        a.map("label").forEach((k, v) -> e.add(new QuadletState.Entry("Label", QuadletFile.word(k + "=" + v))));
        return QuadletState.render("Network", e, List.of(), a.stringList("quadlet_options"));
    }

    /** An address as podman prints it; only literal IPv4/IPv6 addresses are taken (no host names). */
    static String normalizeIp(String option, String ip) throws ModuleFailure {
        if (!ip.matches("[0-9a-fA-F:.]+") || !(ip.contains(".") || ip.contains(":"))) {
            throw new ModuleFailure("option '" + option + "': '" + ip + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ModuleFailure("option '" + option + "': '" + ip + "' is not an IP address");
        }
    }

    /** A CIDR subnet with its host bits cleared, as podman stores it (10.89.0.7/24 is 10.89.0.0/24). */
    static String normalizeSubnet(String cidr) throws ModuleFailure {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new ModuleFailure("option 'subnet': '" + cidr + "' is not in CIDR form (address/prefix, e.g. 10.89.10.0/24)");
        }
        String ip = normalizeIp("subnet", cidr.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new ModuleFailure("option 'subnet': '" + cidr + "' has no prefix length after '/'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new ModuleFailure("option 'subnet': '" + cidr + "' is not a subnet");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new ModuleFailure("option 'subnet': prefix length " + prefix + " is out of range in '" + cidr + "'");
        }
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new ModuleFailure("option 'subnet': '" + cidr + "' is not a subnet");
        }
    }
}
