package dev.jplay.engine.inventory;

import dev.jplay.engine.cli.InventoryCommand;
import dev.jplay.engine.error.InputError;
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
    record Case(String name, List<String> sources, String cwd, boolean graphVars, List<String> extraArgs) {
        Case(String name, List<String> sources, String cwd) {
            this(name, sources, cwd, true, List.of());
        }

        Case(String name, List<String> sources, String cwd, boolean graphVars) {
            this(name, sources, cwd, graphVars, List.of());
        }

        List<String> graphMode() {
            return graphVars ? List.of("--graph", "--vars") : List.of("--graph");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String VAULTED_VALUE = "s3cret with spaces";

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
                new Case("special sections and forward references", List.of("edge.ini"), "clean"),
                new Case("vaulted vars file and !vault value", List.of("vault-dir"), "clean", true,
                        List.of("--vault-password-file", "vault-password")),
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
        vaultFixtures();
        pool = Executors.newFixedThreadPool(2);
        for (Case c : cases()) {
            for (List<String> mode : List.of(List.of("--list"), c.graphMode())) {
                ANSIBLE.put(key(c, mode), pool.submit(() -> ansible(c, mode)));
            }
        }
        patternHosts = pool.submit(AnsibleInventoryComparisonTest::ansiblePatternHosts);
        ANSIBLE.put("docs-children -y", pool.submit(() -> ansible(cases().get(2), List.of("--list", "-y"))));
        pool.shutdown();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listMatchesAnsible(Case c) throws Exception {
        String expected = ANSIBLE.get(key(c, List.of("--list"))).get();
        String actual = jplay(c, List.of("--list"));
        if (c.extraArgs().contains("--vault-password-file")) {
            // ansible-inventory --list keeps !vault values encrypted ({"__ansible_vault": ciphertext});
            // jplay's YAML reader decrypts them while reading, so jplay lists the plaintext. Known
            // difference (vaulted files are decrypted by both); everything else must match.
            assertEquals(withVaultValuesOpened(parse(expected)), parse(actual), "--list structure differs for " + c);
            return;
        }
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

    /**
     * Patterns checked against Ansible's InventoryManager.list_hosts (what {@code ansible PATTERN
     * --list-hosts} prints), order included; {@code null} stands for an error.
     */
    static final List<String> PATTERNS = List.of("all", "*", "web", "web2", "web:db", "web,db", "db:web", "prod:&eu",
            "prod:!eu", "!prod", "&eu", "web*", "*1", "~(web|db)2", "~web", "192.0.2.*", "192.0.2.10", "web[0]",
            "web[-1]", "web[0:1]", "web[1:]", "web[0:1],db[0]", "ungrouped", "eu:web", "db:web:!eu", "e*:&prod",
            "localhost", "nosuch", "web:nosuch", "w?b1", "[wd]*2", "*[!0-9]", "web[5]", "~web(", "all:!web[0]");
    static Future<Map<String, Object>> patternHosts;

    static List<String> patterns() {
        return PATTERNS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void hostPatternsMatchAnsible(String pattern) throws Exception {
        Inventory inventory = InventoryLoader.load(List.of("patterns.ini"), fixtures);
        Object actual;
        try {
            actual = inventory.match(pattern).stream().map(Host::name).toList();
        } catch (InputError e) {
            actual = null;
        }
        assertEquals(patternHosts.get().get(pattern), actual, "hosts for pattern '" + pattern + "'");
    }

    /** One Python run with ansible-inventory's own interpreter: pattern -> host names, or null on error. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ansiblePatternHosts() throws IOException, InterruptedException {
        String script = String.join("\n",
                "import json, sys",
                "from ansible.parsing.dataloader import DataLoader",
                "from ansible.inventory.manager import InventoryManager",
                "im = InventoryManager(DataLoader(), [sys.argv[1]])",
                "out = {}",
                "for p in sys.argv[2:]:",
                "    try:",
                "        out[p] = [str(h) for h in im.list_hosts(p)]",
                "    except Exception:",
                "        out[p] = None",
                "print(json.dumps(out))");
        List<String> command = new ArrayList<>(List.of(ansiblePython(), "-c", script, "patterns.ini"));
        command.addAll(PATTERNS);
        ProcessBuilder pb = new ProcessBuilder(command).directory(fixtures.toFile());
        pb.environment().put("ANSIBLE_CONFIG", work.resolve("ansible.cfg").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("Ansible's InventoryManager could not be run: " + out);
        }
        return (Map<String, Object>) parse(out);
    }

    /** The interpreter in ansible-inventory's #! line, which can import the ansible package. */
    private static String ansiblePython() throws IOException {
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path exe = Path.of(dir, "ansible-inventory");
            if (Files.isExecutable(exe)) {
                String[] shebang = Files.readAllLines(exe).get(0).substring(2).strip().split("\\s+");
                return shebang[0].endsWith("/env") && shebang.length > 1 ? shebang[1] : shebang[0];
            }
        }
        throw new IllegalStateException("ansible-inventory is not on PATH: apt-get install ansible-core");
    }

    /** Replaces Ansible's {"__ansible_vault": ciphertext} by the plaintext the vault fixture encrypted. */
    private static Object withVaultValuesOpened(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("__ansible_vault")) {
                return VAULTED_VALUE;
            }
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, withVaultValuesOpened(v)));
            return out;
        }
        if (tree instanceof List<?> l) {
            return l.stream().map(AnsibleInventoryComparisonTest::withVaultValuesOpened).toList();
        }
        return tree;
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
        for (String a : c.extraArgs()) {
            args.add(a.equals("vault-password") ? fixtures.resolve(a).toString() : a);
        }
        return args;
    }

    /** Encrypts vault-dir's host_vars/v1.yml and writes a group_vars file with a !vault value, with ansible-vault. */
    private static void vaultFixtures() throws IOException {
        Path password = fixtures.resolve("vault-password");
        Files.writeString(password, "correct horse battery staple\n");
        Path dir = fixtures.resolve("vault-dir");
        run(dir, "ansible-vault", "encrypt", "--vault-password-file", password.toString(), "host_vars/v1.yml");
        String value = run(dir, "ansible-vault", "encrypt_string", "--vault-password-file", password.toString(),
                "--name", "db_password", VAULTED_VALUE);
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), "plain_var: visible\n" + value);
        if (!Files.readString(dir.resolve("host_vars/v1.yml")).startsWith("$ANSIBLE_VAULT")) {
            throw new IllegalStateException("ansible-vault did not encrypt host_vars/v1.yml");
        }
    }

    private static String run(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("ANSIBLE_CONFIG", work.resolve("ansible.cfg").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
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
