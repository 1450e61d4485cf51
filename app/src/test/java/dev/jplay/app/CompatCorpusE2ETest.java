package dev.jplay.app;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #12's compatibility corpus (test resources compat/): playbooks, roles and templates in the style
 * of public Ansible content. Each loads with --syntax-check, then runs twice with ansible-playbook and
 * twice with jplay, each in its own copy of the folder ({@code -e out=DIR}); the recaps of both runs and
 * every file written must be the same (the folder's path replaced). Skipped without ansible-playbook.
 */
class CompatCorpusE2ETest {
    private static final Pattern RECAP = Pattern.compile("(?m)^localhost\\s+:.*$");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"webapp", "data", "templates_only", "flow"})
    void runsLikeAnsible(String name) throws Exception {
        Path source = corpus().resolve(name);
        Map<String, String> recaps = new TreeMap<>();
        Map<String, Map<String, String>> files = new TreeMap<>();
        for (String side : new String[] {"ansible", "jplay"}) {
            Path dir = tmp.resolve(side);
            copy(source, dir);
            Path out = Files.createDirectories(dir.resolve("out"));
            String[] args = {"-i", "localhost,", "-c", "local", "site.yml", "-e", "out=" + out};
            SideBySide.Run check = side.equals("ansible") ? SideBySide.ansible(dir, Map.of(), "--syntax-check", "site.yml")
                    : SideBySide.jplay(dir, Map.of(), "-i", "localhost,", "--syntax-check", "site.yml");
            assertEquals(0, check.exitCode(), check::all);
            StringBuilder both = new StringBuilder();
            for (int run = 1; run <= 2; run++) {
                SideBySide.Run r = side.equals("ansible") ? SideBySide.ansible(dir, Map.of(), args) : SideBySide.jplay(dir, Map.of(), args);
                Matcher m = RECAP.matcher(r.out());
                both.append("run ").append(run).append(" exit ").append(r.exitCode()).append(": ")
                        .append(m.find() ? m.group().replaceAll("\\s+", " ") : "no recap\n" + r.all()).append('\n');
            }
            recaps.put(side, both.toString());
            files.put(side, contents(out, dir));
        }
        assertEquals(recaps.get("ansible"), recaps.get("jplay"), name);
        assertEquals(files.get("ansible"), files.get("jplay"), name);
    }

    private static Map<String, String> contents(Path out, Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                try {
                    m.put(out.relativize(p).toString(), Files.readString(p).replace(dir.toString(), "@DIR@"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return m;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(CompatCorpusE2ETest.class.getResource("/compat/README.md").toURI()).getParent();
    }
}
