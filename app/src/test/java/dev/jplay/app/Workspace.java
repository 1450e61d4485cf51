package dev.jplay.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A folder of playbooks, inventories and the files they write: one per test, in a @TempDir. */
record Workspace(Path dir) {

    /** Writes a file (folders created); text blocks keep YAML readable in the tests. */
    Path write(String relative, String text) {
        Path p = dir.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(dir.resolve(relative));
    }

    /** Copies a folder of test resources ({@code playbooks/NAME}) into the workspace, so runs may write beside it. */
    void copyResources(String name) {
        try {
            Path from = Path.of(Workspace.class.getResource("/playbooks/" + name).toURI());
            List<Path> all;
            try (Stream<Path> s = Files.walk(from)) {
                all = s.toList();
            }
            for (Path p : all) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An inventory of local hosts: {@code localInventory("h1", "h2")}, all in group {@code nodes}. */
    Path localInventory(String... hosts) {
        StringBuilder sb = new StringBuilder("[nodes]\n");
        for (String h : hosts) {
            sb.append(h).append(" ansible_connection=local\n");
        }
        return write("inventory.ini", sb.toString());
    }
}
