package dev.jplay.engine.cli;

import dev.jplay.engine.registry.ModuleRegistry;

import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** The built-in modules' names, for {@code jplay doc}'s shell completion (read when the completion script is generated). */
public final class ModuleNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return new TreeSet<>(ModuleRegistry.load(List.of()).names()).iterator();
    }
}
