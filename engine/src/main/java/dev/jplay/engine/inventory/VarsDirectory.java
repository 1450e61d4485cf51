package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} of one directory, found as Ansible's
 * host_group_vars plugin finds them: for a name, the first of {@code name}, {@code name.yml},
 * {@code name.yaml}, {@code name.json} that exists; if that is a directory, every file in it
 * (recursively, sorted, skipping hidden files, backups ending in {@code ~} and other extensions),
 * merged in order, later files winning. Empty files are ignored; anything but a mapping is an error.
 */
final class VarsDirectory {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private final Path groupVarsDir;
    private final Path hostVarsDir;
    private final Map<String, Map<String, Object>> groupVars = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> hostVars = new ConcurrentHashMap<>();

    VarsDirectory(Path base) {
        this.groupVarsDir = base.resolve("group_vars");
        this.hostVarsDir = base.resolve("host_vars");
    }

    /** Reads the files of these groups and hosts now, so errors surface before anything runs. */
    void preload(Collection<String> groups, Collection<String> hosts) {
        for (String g : groups) {
            groupVars.put(g, load(groupVarsDir, g));
        }
        for (String h : hosts) {
            hostVars.put(h, load(hostVarsDir, h));
        }
    }

    Map<String, Object> groupVars(String group) {
        return groupVars.computeIfAbsent(group, g -> load(groupVarsDir, g));
    }

    Map<String, Object> hostVars(String host) {
        return hostVars.computeIfAbsent(host, h -> load(hostVarsDir, h));
    }

    private static Map<String, Object> load(Path dir, String name) {
        if (!Files.isDirectory(dir) || name.startsWith("/") || name.equals("..") || name.contains("/../")
                || name.startsWith("../") || name.endsWith("/..")) {
            return Map.of();
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path file : filesFor(dir, name)) {
            vars.putAll(read(file));
        }
        return FrozenValues.map(vars);
    }

    private static List<Path> filesFor(Path dir, String name) {
        for (String ext : EXTENSIONS) {
            Path candidate;
            try {
                candidate = dir.resolve(name + ext);
            } catch (InvalidPathException e) {
                return List.of();
            }
            if (Files.isDirectory(candidate)) {
                List<Path> found = new ArrayList<>();
                collect(candidate, found);
                return found;
            }
            if (Files.exists(candidate)) {
                return List.of(candidate);
            }
        }
        return List.of();
    }

    private static void collect(Path dir, List<Path> into) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.toList());
        } catch (IOException e) {
            throw new InputError(SourceLocation.of(dir), "cannot list vars directory: " + e.getMessage());
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path entry : entries) {
            String n = entry.getFileName().toString();
            if (n.startsWith(".") || n.endsWith("~")) {
                continue;
            }
            String ext = extension(n);
            if (Files.isDirectory(entry)) {
                if (ext.isEmpty()) {
                    collect(entry, into);
                }
            } else if (Files.isRegularFile(entry) && EXTENSIONS.contains(ext)) {
                into.add(entry);
            }
        }
    }

    /** Python's os.path.splitext: the last dot and what follows, unless the dot starts the name. */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int firstNonDot = 0;
        while (firstNonDot < name.length() && name.charAt(firstNonDot) == '.') {
            firstNonDot++;
        }
        return dot >= 0 && dot >= firstNonDot ? name.substring(dot) : "";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        // readText opens a vaulted file with the run's vault passwords
        YamlNode root = YamlReader.parse(YamlReader.readText(file), file);
        if (root == null || root instanceof YamlNode.Scalar s && s.value() == null) {
            return Map.of(); // only '---' and comments: no variables, as in Ansible
        }
        if (!(root instanceof YamlNode.MapNode)) {
            throw new InputError(root.location(), "a vars file must be a mapping of variable names to values, got "
                    + root.kind());
        }
        return Collections.unmodifiableMap((Map<String, Object>) YamlValues.toJava(root));
    }
}
