package dev.jplay.engine.expr.lib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Files on the controller as Ansible's lookups find them (find_file_in_search_path): an absolute path as
 * it is; a relative one in each search folder's {@code subdir} (files/, templates/, vars/), then in the folder itself.
 */
final class ControllerFiles {
    private ControllerFiles() {
    }

    static Optional<Path> find(CallContext ctx, String subdir, String name) {
        String expanded = PyPaths.expanduser(name);
        Path p = Path.of(expanded);
        if (p.isAbsolute()) {
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : ctx.searchPath()) {
            for (Path candidate : List.of(dir.resolve(subdir).resolve(expanded), dir.resolve(expanded))) {
                if (Files.exists(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The playbook's folder (the last of the search path), where Ansible's loader basedir is; the working folder without one. */
    static Path baseDir(CallContext ctx) {
        List<Path> path = ctx.searchPath();
        return path.isEmpty() ? Path.of("").toAbsolutePath() : path.get(path.size() - 1);
    }

    static String read(Path p, String lookup) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FilterError("The '" + lookup + "' lookup could not read " + p + ": " + e.getMessage());
        }
    }
}
