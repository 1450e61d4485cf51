package dev.jplay.app.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the bad input corpus ({@code src/test/resources/badinput}): a file or folder under
 * {@code cases/}, and the line of {@code expectations.txt} that says where jplay must point and what
 * its message must say. {@link #prepare} copies the case into a scratch folder and gives the jplay
 * arguments; how a case is run follows from its name (see expectations.txt).
 */
record BadInputCase(String name, String location, String fragment, int expectationLine) {

    /** The first task of every wrapper playbook: if anything ran, the marker exists. */
    static final String MARKER_PLAY = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: would run first
                  copy: {content: ran, dest: "{{ playbook_dir }}/marker"}
            """;

    static Path corpus() {
        try {
            return Path.of(BadInputCase.class.getResource("/badinput").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<BadInputCase> all() {
        List<BadInputCase> cases = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(corpus().resolve("expectations.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s*\\|\\s*", 3);
            if (f.length != 3 || f[2].isBlank()) {
                throw new IllegalStateException("expectations.txt:" + (i + 1) + ": expected 'case | location | fragment', got: " + line);
            }
            cases.add(new BadInputCase(f[0].replaceAll("/$", ""), f[1], f[2], i + 1));
        }
        return cases;
    }

    /** The names of everything under cases/. */
    static List<String> filesInCorpus() {
        try (Stream<Path> s = Files.list(corpus().resolve("cases"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the case is run as. */
    /**
     * @param errorPrefix how the error line must start: {@code ERROR! /abs/file:line:column: }
     * @param marker      the file the first task would write
     */
    record Prepared(List<Object> args, String errorPrefix, Path marker) {
    }

    /** Copies the case into {@code dir} and writes the wrapper playbook it needs. */
    Prepared prepare(Path dir) throws IOException {
        Path source = corpus().resolve("cases").resolve(name);
        Path copy = dir.resolve(name);
        copyTree(source, copy);
        List<Object> args = new ArrayList<>();
        Path errorFile;
        String lineAndColumn = location;
        Path marker = dir.resolve("marker");
        if (Files.isDirectory(copy)) {
            args.add(copy.resolve("site.yml"));
            for (String inv : List.of("hosts.ini", "hosts.yml")) {
                if (Files.exists(copy.resolve(inv))) {
                    args.add("-i");
                    args.add(copy.resolve(inv));
                }
            }
            marker = copy.resolve("marker");
            int colon = location.indexOf(':');
            errorFile = copy.resolve(location.substring(0, colon));
            lineAndColumn = location.substring(colon + 1);
        } else if (name.endsWith(".ini") || name.endsWith(".inventory.yml")) {
            args.addAll(List.of(wrapper(dir, ""), "-i", copy));
            errorFile = copy;
        } else if (name.endsWith(".extravars.yml")) {
            args.addAll(List.of(wrapper(dir, ""), "-e", "@" + copy));
            errorFile = copy;
        } else if (name.endsWith(".vars.yml")) {
            args.add(wrapper(dir, "- hosts: localhost\n  vars_files: [" + name + "]\n  tasks: []\n"));
            errorFile = copy;
        } else {
            args.add(copy);
            errorFile = copy;
        }
        return new Prepared(args, "ERROR! " + errorFile.toAbsolutePath() + ":" + lineAndColumn + ": ", marker);
    }

    private static Path wrapper(Path dir, String morePlays) throws IOException {
        return Files.writeString(dir.resolve("marker.yml"), MARKER_PLAY + morePlays);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.toList();
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                Files.createDirectories(t.getParent());
                Files.copy(p, t);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
