package dev.jplay.modules.podman;

import dev.jplay.engine.text.WordSplitter;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container a task asks for: only what the task sets (null or empty means "not set", and is
 * then neither passed to podman nor compared). Shared by podman_container (create and compare) and
 * podman_unit (the container a unit runs).
 */
public record ContainerSpec(String image, List<String> command, Map<String, String> env, Map<String, String> labels,
                            List<String> publish, List<String> volumes, String restartPolicy, String user, String workdir,
                            List<String> networks, String pod, String entrypoint, List<String> envFiles) {

    public ContainerSpec {
        networks = networks == null ? List.of() : List.copyOf(networks);
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        command = command == null ? null : List.copyOf(command);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        publish = publish == null ? List.of() : List.copyOf(publish);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /** A container without network, pod, entrypoint or env files. */
    public ContainerSpec(String image, List<String> command, Map<String, String> env, Map<String, String> labels,
                         List<String> publish, List<String> volumes, String restartPolicy, String user, String workdir) {
        this(image, command, env, labels, publish, volumes, restartPolicy, user, workdir, null, null, null, null);
    }

    /** The options both container modules take (the container's own settings), with Ansible's names and aliases. */
    public static List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("image", OptionType.STR, "image to run; a fully qualified name (registry/path:tag) is needed for auto-update"),
                OptionSpec.of("command", OptionType.RAW, "command to run in the container: a string (split like a shell) or a list"),
                OptionSpec.of("env", OptionType.DICT, "environment variables in the container"),
                OptionSpec.of("label", OptionType.DICT, "labels of the container").aliases("labels"),
                OptionSpec.of("publish", OptionType.LIST, "published ports, [ip:][hostPort:]containerPort[/proto], e.g. 127.0.0.1:8080:80")
                        .aliases("ports", "published", "published_ports"),
                OptionSpec.of("volume", OptionType.LIST, "volumes, src:dest[:options]; bind mounts with absolute paths").aliases("volumes"));
    }

    /** Options podman_container takes besides {@link #options()}. */
    public static List<OptionSpec> runtimeOptions() {
        return List.of(
                OptionSpec.of("restart_policy", OptionType.STR, "podman's restart policy (no, on-failure[:N], always, unless-stopped)"),
                OptionSpec.of("user", OptionType.STR, "user (and group) the container's process runs as"),
                OptionSpec.of("workdir", OptionType.STR, "working directory in the container").aliases("working_dir"),
                OptionSpec.of("network", OptionType.LIST, "networks to join (podman --network: a network name, bridge, host, "
                        + "none, slirp4netns, pasta, container:ID, ns:PATH); compared with what the container was created with")
                        .aliases("net", "network_mode"),
                OptionSpec.of("pod", OptionType.STR, "pod to run the container in (podman --pod; new:NAME creates one)"),
                OptionSpec.of("entrypoint", OptionType.STR, "overrides the image's ENTRYPOINT (podman --entrypoint)"),
                OptionSpec.of("env_file", OptionType.LIST, "files on the host with KEY=value lines (podman --env-file); compared "
                        + "by path, as the podman collection does: edit a file's content and set recreate").aliases("env_files"));
    }

    /** Everything podman_container takes. */
    public static ContainerSpec from(ModuleArgs a) throws ModuleFailure {
        return new ContainerSpec(a.string("image"), commandOf(a.raw("command")), stringMap(a.map("env")), stringMap(a.map("label")),
                a.stringList("publish"), a.stringList("volume"), a.string("restart_policy"), a.string("user"), a.string("workdir"),
                a.stringList("network"), a.string("pod"), a.string("entrypoint"), a.stringList("env_file"));
    }

    /** Only {@link #options()}: the container a systemd unit runs (restarts are systemd's job there). */
    public static ContainerSpec forUnit(ModuleArgs a) throws ModuleFailure {
        return new ContainerSpec(a.string("image"), commandOf(a.raw("command")), stringMap(a.map("env")), stringMap(a.map("label")),
                a.stringList("publish"), a.stringList("volume"), null, null, null);
    }

    public ContainerSpec withLabel(String key, String value) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(key, value);
        return new ContainerSpec(image, command, env, l, publish, volumes, restartPolicy, user, workdir, networks, pod, entrypoint,
                envFiles);
    }

    /** Arguments for {@code podman create} after {@code create}, ending with the image and command. */
    public List<String> createArgs(String name) {
        List<String> a = new ArrayList<>();
        a.add("--name");
        a.add(name);
        for (String p : publish) {
            a.add("--publish");
            a.add(p);
        }
        for (String v : volumes) {
            a.add("--volume");
            a.add(v);
        }
        labels.forEach((k, v) -> {
            a.add("--label");
            a.add(k + "=" + v);
        });
        env.forEach((k, v) -> {
            a.add("--env");
            a.add(k + "=" + v);
        });
        if (restartPolicy != null) {
            a.add("--restart");
            a.add(restartPolicy);
        }
        if (user != null) {
            a.add("--user");
            a.add(user);
        }
        if (workdir != null) {
            a.add("--workdir");
            a.add(workdir);
        }
        for (String n : networks) {
            a.add("--network");
            a.add(n);
        }
        if (pod != null) {
            a.add("--pod");
            a.add(pod);
        }
        if (entrypoint != null) {
            a.add("--entrypoint");
            a.add(entrypoint);
        }
        for (String f : envFiles) {
            a.add("--env-file");
            a.add(f);
        }
        a.add(image);
        if (command != null) {
            a.addAll(command);
        }
        return a;
    }

    static List<String> commandOf(Object raw) throws ModuleFailure {
        if (raw == null) {
            return null;
        }
        if (raw instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return shellWords(raw.toString());
    }

    /** A command given as one string, split as sh would (quotes and backslashes, nothing expanded). */
    static List<String> shellWords(String s) throws ModuleFailure {
        try {
            return WordSplitter.split(s, WordSplitter.Mode.SH);
        } catch (WordSplitter.SplitError e) {
            throw new ModuleFailure("cannot split the command into words: " + e.getMessage() + ": " + s);
        }
    }

    static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v instanceof Boolean b ? b.toString() : v.toString()));
        return out;
    }
}
