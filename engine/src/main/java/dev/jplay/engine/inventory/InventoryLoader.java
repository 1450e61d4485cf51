package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads inventory sources into one {@link Inventory}, as {@code ansible -i} does with the default
 * plugins: a comma list ({@code host1,host2:2222,} or {@code localhost,}), an INI or YAML file, or a
 * directory of them. Sources merge in the order given; {@code group_vars/} and {@code host_vars/}
 * beside each file source (in each directory source) apply to the result.
 *
 * <p>Unlike Ansible, which warns and goes on when a source cannot be parsed, any bad source is an
 * {@link InputError} naming file, line and column: a run must not silently lose hosts.
 */
public final class InventoryLoader {
    /**
     * Directory entries Ansible skips: hidden names, vars folders, and its default
     * INVENTORY_IGNORE_EXTS (which include {@code .ini}, {@code .cfg}, {@code .txt} and {@code .md}).
     */
    private static final Pattern IGNORED = Pattern.compile(
            "^\\.|^host_vars$|^group_vars$|^vars_plugins$"
                    + "|\\.pyc$|\\.pyo$|\\.swp$|\\.bak$|~$|\\.rpm$|\\.md$|\\.txt$|\\.rst$|\\.orig$|\\.ini$|\\.cfg$|\\.retry$");
    private static final Set<String> YAML_EXTENSIONS = Set.of(".yml", ".yaml", ".json");
    /** A first line such as {@code all:} or {@code webservers:   # comment}: the file means to be YAML. */
    private static final Pattern YAML_START = Pattern.compile("^[\\w.-]+:\\s*(#.*)?$", Pattern.UNICODE_CHARACTER_CLASS);

    private InventoryLoader() {
    }

    /**
     * @param sources file or directory paths (relative to {@code cwd}, {@code ~/} allowed) or comma lists
     * @param cwd     the directory relative paths start from
     */
    public static Inventory load(List<String> sources, Path cwd) {
        InventoryBuilder builder = new InventoryBuilder();
        List<Path> varsDirs = new ArrayList<>();
        for (String source : sources) {
            if (source == null || source.isEmpty()) {
                continue;
            }
            Path path = resolve(source, cwd);
            if (source.contains(",") && !Files.exists(path)) {
                builder.currentSource(null);
                hostList(source, builder);
                continue;
            }
            if (Files.isDirectory(path)) {
                directory(path, builder, new HashSet<>());
                varsDirs.add(path);
            } else if (Files.exists(path)) {
                file(path, builder);
                varsDirs.add(path.toAbsolutePath().getParent());
            } else {
                throw new InputError(SourceLocation.of(path), "inventory source not found: expected a file, a directory "
                        + "or a comma-separated host list such as 'host1,host2,' or 'localhost,'");
            }
        }
        builder.currentSource(null);
        return builder.build(varsDirs);
    }

    private static Path resolve(String source, Path cwd) {
        String s = source;
        if (s.equals("~") || s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        try {
            return cwd.resolve(s).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return cwd.resolve(s.replace('\0', '_'));
        }
    }

    /** Ansible's host_list plugin: names split on commas, each with an optional port, into 'ungrouped'. */
    private static void hostList(String list, InventoryBuilder builder) {
        for (String part : list.split(",")) {
            String h = part.strip();
            if (h.isEmpty()) {
                continue;
            }
            HostAddress address = HostAddress.parse(h, false).orElse(new HostAddress(h, null));
            if (!builder.hasHost(address.host())) {
                try {
                    builder.addHost(address.host(), InventoryBuilder.UNGROUPED, address.port());
                } catch (InventoryRuleError e) {
                    throw new InputError(null, "-i " + list, e.getMessage());
                }
            }
        }
    }

    private static void directory(Path dir, InventoryBuilder builder, Set<Path> visited) {
        try {
            if (!visited.add(dir.toRealPath())) {
                return; // a symlink loop
            }
        } catch (IOException e) {
            throw new InputError(SourceLocation.of(dir), "cannot read inventory directory: " + e.getMessage());
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = new ArrayList<>(list.toList());
        } catch (IOException e) {
            throw new InputError(SourceLocation.of(dir), "cannot list inventory directory: " + e.getMessage());
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path entry : entries) {
            if (IGNORED.matcher(entry.getFileName().toString()).find()) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                directory(entry, builder, visited);
            } else {
                file(entry, builder);
            }
        }
    }

    /**
     * A file is YAML when its extension is .yml, .yaml or .json, INI for any other extension, and
     * decided by content when it has none: YAML if it parses to a mapping (or plainly starts like
     * one, so its YAML error is shown), else INI.
     */
    private static void file(Path file, InventoryBuilder builder) {
        String text = YamlReader.readText(file);
        builder.currentSource(file.toAbsolutePath());
        if (text.startsWith("#!") && Files.isExecutable(file)) {
            throw new InputError(new SourceLocation(file, 1, 1), "this looks like a dynamic inventory script; jplay "
                    + "reads static INI and YAML inventories only (save the script's --list output as a .json file)");
        }
        String name = file.getFileName().toString();
        String ext = extension(name);
        if (YAML_EXTENSIONS.contains(ext)) {
            YamlInventoryParser.parse(YamlReader.parse(text, file), builder);
        } else if (ext.isEmpty()) {
            YamlNode root = null;
            try {
                root = YamlReader.parse(text, file);
            } catch (InputError e) {
                if (looksLikeYaml(text)) {
                    throw e;
                }
            }
            if (root instanceof YamlNode.MapNode) {
                YamlInventoryParser.parse(root, builder);
            } else {
                IniInventoryParser.parse(file, text, builder);
            }
        } else {
            IniInventoryParser.parse(file, text, builder);
        }
    }

    private static boolean looksLikeYaml(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String s = text.substring(start, end).strip();
            start = end + 1;
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            return s.equals("---") || YAML_START.matcher(s).matches();
        }
        return false;
    }

    /** Python's os.path.splitext extension, case kept (Ansible compares case-sensitively). */
    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        int lead = 0;
        while (lead < name.length() && name.charAt(lead) == '.') {
            lead++;
        }
        return dot >= 0 && dot >= lead ? name.substring(dot) : "";
    }
}
