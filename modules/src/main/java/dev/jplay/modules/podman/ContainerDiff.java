package dev.jplay.modules.podman;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares an existing container (podman's inspect) with what the task asks for. Only options the
 * task sets are compared, and each the way podman stores it, so podman's own defaults (extra env
 * like PATH, image labels, image volumes, ulimits) never cause a recreate: the podman collection's
 * long-standing bug (ansible-podman-collections #31, #61, #192, #276, #354, #573).
 */
public final class ContainerDiff {

    /** One option that differs. */
    public record Difference(String option, String actual, String wanted) {
        @Override
        public String toString() {
            return option + ": " + actual + " -> " + wanted;
        }
    }

    private ContainerDiff() {
    }

    /**
     * @param wantedImageId the ID the task's image has on the host now, or "" when it is not there
     * @param imageStrict   also compare the image name, not only which image it is
     */
    public static List<Difference> between(ContainerSpec want, Map<String, Object> inspect, String wantedImageId,
                                           boolean imageStrict) throws ModuleFailure {
        List<Difference> d = new ArrayList<>();
        if (want.image() != null) {
            String actualId = PodmanJson.string(inspect, "Image");
            String actualName = PodmanJson.string(inspect, "ImageName");
            if (wantedImageId.isEmpty()) {
                d.add(new Difference("image", actualName + " (" + shortId(actualId) + ")", want.image() + " (not on the host yet)"));
            } else if (!stripAlgo(wantedImageId).equals(stripAlgo(actualId))) {
                d.add(new Difference("image", actualName + " (" + shortId(actualId) + ")", want.image() + " (" + shortId(wantedImageId) + ")"));
            } else if (imageStrict && !ImageRef.parse(want.image()).sameNameAs(ImageRef.parse(actualName))) {
                d.add(new Difference("image", actualName, want.image()));
            }
        }
        if (want.command() != null) {
            List<String> cmd = PodmanJson.strings(inspect, "Config", "Cmd");
            if (!cmd.equals(want.command())) {
                d.add(new Difference("command", cmd.toString(), want.command().toString()));
            }
        }
        List<String> env = PodmanJson.strings(inspect, "Config", "Env");
        want.env().forEach((k, v) -> {
            String entry = k + "=" + v;
            if (!env.contains(entry)) {
                String actual = env.stream().filter(e -> e.startsWith(k + "=")).findFirst().orElse("(unset)");
                d.add(new Difference("env." + k, actual.equals("(unset)") ? actual : actual.substring(k.length() + 1), v));
            }
        });
        Map<String, Object> labels = PodmanJson.map(inspect, "Config", "Labels");
        want.labels().forEach((k, v) -> {
            Object actual = labels.get(k);
            if (actual == null || !actual.toString().equals(v)) {
                d.add(new Difference("label." + k, actual == null ? "(unset)" : actual.toString(), v));
            }
        });
        if (!want.publish().isEmpty()) {
            Set<PortMapping> wanted = PortMapping.parseAll(want.publish());
            Set<PortMapping> actual = PortMapping.fromInspect(PodmanJson.map(inspect, "HostConfig", "PortBindings"));
            boolean same = wanted.size() == actual.size()
                    && wanted.stream().allMatch(w -> actual.stream().anyMatch(w::matches));
            if (!same) {
                d.add(new Difference("publish", sorted(actual), sorted(wanted)));
            }
        }
        List<Map<String, Object>> mounts = PodmanJson.objects(inspect, "Mounts");
        for (String v : want.volumes()) {
            if (!VolumeSpec.parse(v).presentIn(mounts)) {
                d.add(new Difference("volume", mounts.stream().map(VolumeSpec::describe).collect(Collectors.joining(", ", "[", "]")), v));
            }
        }
        if (want.restartPolicy() != null) {
            String name = PodmanJson.string(inspect, "HostConfig", "RestartPolicy", "Name");
            Object retries = PodmanJson.at(inspect, "HostConfig", "RestartPolicy", "MaximumRetryCount");
            String actual = name.isEmpty() ? "no" : name;
            if (retries instanceof Number n && n.intValue() > 0) {
                actual += ":" + n.intValue();
            }
            String wanted = want.restartPolicy().isEmpty() ? "no" : want.restartPolicy();
            if (!actual.equals(wanted)) {
                d.add(new Difference("restart_policy", actual, wanted));
            }
        }
        if (want.user() != null && !PodmanJson.string(inspect, "Config", "User").equals(want.user())) {
            d.add(new Difference("user", PodmanJson.string(inspect, "Config", "User"), want.user()));
        }
        if (want.workdir() != null && !PodmanJson.string(inspect, "Config", "WorkingDir").equals(want.workdir())) {
            d.add(new Difference("workdir", PodmanJson.string(inspect, "Config", "WorkingDir"), want.workdir()));
        }
        CreateCommand created = CreateCommand.of(inspect);
        if (!want.networks().isEmpty()) {
            List<String> actual = created.values("--network", "--net");
            if (!sortedLower(actual).equals(sortedLower(want.networks()))) {
                d.add(new Difference("network", actual.toString(), want.networks().toString()));
            }
        }
        if (want.pod() != null && !want.pod().equals(created.last("--pod"))) {
            d.add(new Difference("pod", String.valueOf(created.last("--pod")), want.pod()));
        }
        if (want.entrypoint() != null && !want.entrypoint().equals(created.last("--entrypoint"))) {
            d.add(new Difference("entrypoint", String.valueOf(created.last("--entrypoint")), want.entrypoint()));
        }
        if (!want.envFiles().isEmpty() && !created.values("--env-file").equals(want.envFiles())) {
            d.add(new Difference("env_file", created.values("--env-file").toString(), want.envFiles().toString()));
        }
        return d;
    }

    private static List<String> sortedLower(List<String> l) {
        return l.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).sorted().toList();
    }

    /** Differences as a before/after pair of texts for diff mode. */
    public static Map<String, String> asBeforeAfter(List<Difference> diffs) {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (Difference x : diffs) {
            before.append(x.option()).append(": ").append(x.actual()).append('\n');
            after.append(x.option()).append(": ").append(x.wanted()).append('\n');
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("before", before.toString());
        m.put("after", after.toString());
        return m;
    }

    private static String sorted(Set<PortMapping> s) {
        return s.stream().map(PortMapping::toString).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private static String stripAlgo(String id) {
        return id.startsWith("sha256:") ? id.substring(7) : id;
    }

    private static String shortId(String id) {
        String s = stripAlgo(id);
        return s.length() > 12 ? s.substring(0, 12) : s;
    }
}
