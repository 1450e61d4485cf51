package dev.jplay.engine.cli;

import dev.jplay.engine.config.AnsibleConfig;
import dev.jplay.engine.config.ConfigSetting;
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

    /** The -i sources, else ansible.cfg's / ANSIBLE_INVENTORY's inventory, else the implicit localhost. */
    Inventory load(Path cwd) {
        if (!sources.isEmpty()) {
            for (String source : sources) {
                Path p = cwd.resolve(source);
                // a missing file is an error outside the run (exit 1), as the README's table says; "h1,h2," is a host list
                if (!source.contains(",") && !java.nio.file.Files.exists(p)) {
                    throw new java.io.UncheckedIOException("the inventory " + source + " could not be found",
                            new java.nio.file.NoSuchFileException(source));
                }
            }
            return InventoryLoader.load(sources, cwd);
        }
        return AnsibleConfig.active().text(ConfigSetting.INVENTORY)
                .map(list -> InventoryLoader.load(List.of(list.split(",")), cwd))
                .orElseGet(Inventory::localBootstrap);
    }
}
