package dev.jplay.engine.cli;

import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code -i}: inventory files, folders or comma lists; none means the implicit localhost. */
public final class InventoryOptions {
    @Option(names = {"-i", "--inventory"}, paramLabel = "SOURCE",
            description = "inventory file (INI or YAML), folder, or comma list (host1,host2,); repeatable. Default: this machine as the only host (in group all)")
    List<String> sources = new ArrayList<>();

    Inventory load(Path cwd) {
        return sources.isEmpty() ? Inventory.localBootstrap() : InventoryLoader.load(sources, cwd);
    }
}
