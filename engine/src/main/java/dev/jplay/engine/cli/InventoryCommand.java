package dev.jplay.engine.cli;

import dev.jplay.engine.inventory.Host;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryGraph;
import dev.jplay.engine.inventory.InventoryJson;
import dev.jplay.engine.inventory.InventoryYaml;
import dev.jplay.engine.json.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code jplay inventory}: shows the inventory as jplay reads it, in the formats of
 * {@code ansible-inventory} so the two can be compared. Bad inventories raise
 * {@link dev.jplay.engine.error.InputError}; wrong option use raises a picocli
 * {@link ParameterException}.
 */
@Command(name = "inventory",
        description = "Show the inventory as jplay reads it: hosts, groups and their variables "
                + "(the output formats of ansible-inventory).",
        sortOptions = false)
public final class InventoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The same {@code -i} as a playbook run, so both see the same inventory (without -i: this machine). */
    @Mixin
    InventoryOptions inventorySources = new InventoryOptions();

    @Option(names = "--list", description = "Print all groups and hosts with their variables, as JSON (or YAML with --yaml).")
    boolean list;

    @Option(names = "--graph", arity = "0..1", fallbackValue = "all", paramLabel = "GROUP",
            description = "Print the group tree from GROUP (default: all).")
    String graph;

    @Option(names = "--host", paramLabel = "HOST", description = "Print the merged variables of one host, as JSON.")
    String host;

    @Option(names = "--vars", description = "With --graph: show variables of hosts and groups.")
    boolean vars;

    @Option(names = {"-y", "--yaml"}, description = "With --list or --host: print YAML instead of JSON.")
    boolean yaml;

    @Option(names = "--playbook-dir", paramLabel = "DIR",
            description = "Also apply group_vars/ and host_vars/ of this directory, as a playbook there would "
                    + "(default: the current directory, like ansible-inventory).")
    Path playbookDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    VaultOptions vault = new VaultOptions();

    private final Path workingDirectory;

    public InventoryCommand() {
        this(Path.of("").toAbsolutePath());
    }

    /** @param workingDirectory where relative inventory paths and the default playbook dir start */
    public InventoryCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() {
        int actions = (list ? 1 : 0) + (graph != null ? 1 : 0) + (host != null ? 1 : 0);
        if (actions == 0) {
            throw new ParameterException(spec.commandLine(), "no action selected: use one of --list, --graph or --host");
        }
        if (actions > 1) {
            throw new ParameterException(spec.commandLine(), "use only one of --list, --graph or --host at a time");
        }
        vault.activate();
        Inventory inventory = inventorySources.load(workingDirectory);
        inventory.addVarsDirectory(playbookDir == null ? workingDirectory : workingDirectory.resolve(playbookDir));
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : inventory.warnings()) {
            err.println("[WARNING]: " + warning);
        }
        err.flush();

        String text;
        if (list) {
            text = yaml ? InventoryYaml.listText(inventory) : InventoryJson.listText(inventory);
        } else if (graph != null) {
            if (!inventory.groups().containsKey(graph)) {
                throw new ParameterException(spec.commandLine(), "--graph expects a group name, and '" + graph
                        + "' is not a group of the inventory");
            }
            text = InventoryGraph.graph(inventory, graph, vars);
        } else {
            List<Host> matched = inventory.match(host);
            if (matched.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--host expects exactly one host, and '" + host
                        + "' matches " + matched.size());
            }
            String name = matched.get(0).name();
            text = yaml ? InventoryYaml.hostText(inventory, name)
                    : JsonWriter.writePretty(InventoryJson.hostVars(inventory, name));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        out.flush();
        return 0;
    }
}
