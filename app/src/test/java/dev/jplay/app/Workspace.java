package dev.jplay.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** An inventory of local hosts: {@code localInventory("h1", "h2")}, all in group {@code nodes}. */
    Path localInventory(String... hosts) {
        StringBuilder sb = new StringBuilder("[nodes]\n");
        for (String h : hosts) {
            sb.append(h).append(" ansible_connection=local\n");
        }
        return write("inventory.ini", sb.toString());
    }
}
