package dev.jplay.engine.playbook;

import java.nio.file.Path;
import java.util.List;

/** A playbook file with every {@code import_playbook} already read in: the plays in run order. */
public record Playbook(Path file, List<Play> plays) {

    public Path dir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
