package dev.jplay.engine.inventory;

import dev.jplay.engine.cli.InventoryCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real {@code ansible-inventory} (ansible-core, which CI installs) and jplay's
 * {@code inventory} command on the same fixtures (examples from Ansible's docs, ranges, value
 * typing, group_vars/host_vars folders, precedence) and requires the same output: the
 * {@code --list} JSON as a structure and as text, and the {@code --graph --vars} tree as text.
 *
 * <p>The YAML fixtures avoid scalars that YAML 1.1 (Ansible) and 1.2 (jplay's YAML reader) type
 * differently, such as {@code yes}, {@code on} or {@code 0755}; see InventoryYamlTest.
 */
class AnsibleInventoryComparisonTest {

    /**
     * One inventory to compare: the -i sources (relative to the fixtures copy) and the working dir.
     * {@code graphVars} false: compare {@code --graph} without vars. With a working directory that
     * holds group_vars/, ansible-inventory applies them to hosts but does not show them on the group
     * lines of the graph unless --playbook-dir is given; jplay shows them on both, consistently.
     */
    record Case(String name, List<String> sources, String cwd, boolean graphVars) {
        Case(String name, List<String> sources, String cwd) {
            this(name, sources, cwd, true);
        }

        List<String> graphMode() {
            return graphVars ? List.of("--graph", "--vars") : List.of("--graph");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    static Path work;
    static Path fixtures;
    static final Map<String, Future<String>> ANSIBLE = new ConcurrentHashMap<>();
    static ExecutorService pool;

    static List<Case> cases() {
        return List.of(
                new Case("docs basic INI", List.of("docs-basic.ini"), "clean"),
                new Case("docs basic YAML", List.of("docs-basic.yml"), "clean"),
                new Case("docs children and vars", List.of("docs-children.ini"), "clean"),
                new Case("ini plugin example 1", List.of("plugin-ini-example1.ini"), "clean"),
                new Case("ini plugin example 2", List.of("plugin-ini-example2.ini"), "clean"),
                new Case("yaml plugin example", List.of("plugin-yaml-example.yml"), "clean"),
                new Case("ranges and ports", List.of("ranges.ini"), "clean"),
                new Case("INI value typing", List.of("values.ini"), "clean"),
                new Case("YAML values", List.of("values.yml"), "clean"),
                new Case("directory with group_vars and host_vars", List.of("vars-dir"), "clean"),
                new Case("group_vars beside the playbook (cwd)", List.of("vars-dir"), "play-dir", false),
                new Case("group priority and depth", List.of("priority.ini"), "clean"),
                new Case("host list", List.of("a.example.com,b.example.com:2222,localhost,[::1]:2200,"), "clean"),
                new Case("several sources", List.of("docs-children.ini", "values.yml", "extra1,extra2:2201,"), "clean"));
    }

    @BeforeAll
    static void runAnsible() throws IOException, URISyntaxException {
        fixtures = work.resolve("fixtures");
        copyTree(Path.of(AnsibleInventoryComparisonTest.class.getResource("/inventory/compare").toURI()), fixtures);
        // files Ansible skips in inventory directories (Maven would not copy these from resources)
        Files.writeString(fixtures.resolve("vars-dir/.hidden"), "[hidden]\nshould_not_appear_hidden\n");
        Files.writeString(fixtures.resolve("vars-dir/hosts~"), "[backup]\nshould_not_appear_backup\n");
        Files.createDirectories(fixtures.resolve("clean"));
        Files.writeString(work.resolve("ansible.cfg"), "");
        requireAnsible();
        pool = Executors.newFixedThreadPool(2);
        for (Case c : cases()) {
            for (List<String> mode : List.of(List.of("--list"), c.graphMode())) {
                ANSIBLE.put(key(c, mode), pool.submit(() -> ansible(c, mode)));
            }
        }
        for (String pattern : PATTERNS) {
            PATTERN_HOSTS.put(pattern, pool.submit(() -> ansibleListHosts(pattern)));
        }
        ANSIBLE.put("docs-children -y", pool.submit(() -> ansible(cases().get(2), List.of("--list", "-y"))));
        pool.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listMatchesAnsible(Case c) throws Exception {
        String expected = ANSIBLE.get(key(c, List.of("--list"))).get();
        String actual = jplay(c, List.of("--list"));
        assertEquals(parse(expected), parse(actual), "--list structure differs for " + c);
        assertEquals(expected, actual, "--list text differs for " + c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graphWithVarsMatchesAnsible(Case c) throws Exception {
        String expected = ANSIBLE.get(key(c, c.graphMode())).get();
        String actual = jplay(c, c.graphMode());
        assertEquals(expected, actual, c.graphMode() + " differs for " + c);
    }

    /** Patterns checked against {@code ansible -i patterns.ini PATTERN --list-hosts}, order included. */
    static final List<String> PATTERNS = List.of("all", "*", "web", "web2", "web:db", "web,db", "db:web", "prod:&eu",
            "prod:!eu", "!prod", "&eu", "web*", "*1", "~(web|db)2", "~web", "192.0.2.*", "192.0.2.10", "web[0]",
            "web[-1]", "web[0:1]", "web[1:]", "web[0:1],db[0]", "ungrouped", "eu:web", "db:web:!eu", "e*:&prod",
            "localhost", "nosuch", "web:nosuch", "w?b1", "[wd]*2", "*[!0-9]");
    static final Map<String, Future<List<String>>> PATTERN_HOSTS = new ConcurrentHashMap<>();

    static List<String> patterns() {
        return PATTERNS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void hostPatternsMatchAnsible(String pattern) throws Exception {
        Inventory inventory = InventoryLoader.load(List.of("patterns.ini"), fixtures);
        List<String> actual = inventory.match(pattern).stream().map(Host::name).toList();
        assertEquals(PATTERN_HOSTS.get(pattern).get(), actual, "hosts for pattern '" + pattern + "'");
    }

    private static List<String> ansibleListHosts(String pattern) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("ansible", "-i", "patterns.ini", pattern, "--list-hosts")
                .directory(fixtures.toFile());
        pb.environment().put("ANSIBLE_CONFIG", work.resolve("ansible.cfg").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ansible --list-hosts timed out for " + pattern);
        }
        List<String> hosts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("    ")) {
                hosts.add(line.strip());
            } else if (!line.isBlank() && !line.startsWith("  hosts (")) {
                throw new IllegalStateException("unexpected ansible output for " + pattern + ": " + out);
            }
        }
        if (!out.contains("  hosts (" + hosts.size() + "):")) {
            throw new IllegalStateException("ansible --list-hosts failed for " + pattern + ": " + out);
        }
        return hosts;
    }

    @Test
    void yamlListMatchesAnsibleAsAStructure() throws Exception {
        Case c = cases().get(2);
        String expected = ANSIBLE.get("docs-children -y").get();
        String actual = jplay(c, List.of("--list", "-y"));
        assertEquals(parse(expected), parse(actual));
    }

    private static String key(Case c, List<String> mode) {
        return c.name() + " " + mode;
    }

    private static Object parse(String jsonOrYaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(jsonOrYaml);
    }

    private static List<String> sourceArgs(Case c) {
        List<String> args = new ArrayList<>();
        for (String s : c.sources()) {
            args.add("-i");
            args.add(s.contains(",") ? s : fixtures.resolve(s).toString());
        }
        return args;
    }

    private static String jplay(Case c, List<String> mode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new InventoryCommand(fixtures.resolve(c.cwd())));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(sourceArgs(c));
        args.addAll(mode);
        int code = cmd.execute(args.toArray(String[]::new));
        assertEquals(0, code, "jplay inventory failed for " + c + ": " + err);
        return out.toString();
    }

    private static String ansible(Case c, List<String> mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ansible-inventory"));
        command.addAll(sourceArgs(c));
        command.addAll(mode);
        ProcessBuilder pb = new ProcessBuilder(command).directory(fixtures.resolve(c.cwd()).toFile());
        pb.environment().put("ANSIBLE_CONFIG", work.resolve("ansible.cfg").toString());
        // fail loudly instead of comparing against an inventory Ansible silently skipped
        pb.environment().put("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED", "True");
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ansible-inventory timed out for " + c);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ansible-inventory failed (" + p.exitValue() + ") for " + c);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void requireAnsible() {
        try {
            Process p = new ProcessBuilder("ansible-inventory", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("ansible-inventory --version failed; reinstall it: apt-get install ansible-core");
            }
        } catch (IOException | InterruptedException e) {
            fail("ansible-inventory is not on PATH; this test compares jplay with it: apt-get install ansible-core "
                    + "(CI installs it) (" + e.getMessage() + ")");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
