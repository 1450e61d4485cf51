package dev.jplay.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where jplay itself is installed: the launcher passes {@code -Djplay.home}; its templates/ are searched last. */
final class ProjectHome {
    private ProjectHome() {
    }

    static List<Path> templateDirs() {
        List<Path> out = new ArrayList<>();
        String home = System.getProperty("jplay.home");
        if (home != null && Files.isDirectory(Path.of(home, "templates"))) {
            out.add(Path.of(home, "templates").toAbsolutePath());
        }
        return out;
    }
}
