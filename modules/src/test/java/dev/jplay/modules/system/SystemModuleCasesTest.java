package dev.jplay.modules.system;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Data-driven cases for the system modules, one YAML file per module under {@code cases/}: given what
 * the probes print, expect these commands, this {@code changed}, and {@code changed=false} on a second
 * pass whose probes show the converged state. The format is documented in {@code cases/systemd.yml}.
 */
class SystemModuleCasesTest {

    private static final Map<String, Module> MODULES = Stream.of(new SystemdModule(), new LingerModule(), new PackageModule(),
            new DnfModule(), new AptModule(), new UserModule(), new GroupModule(), new FirewalldModule(), new RhsmModule(),
            new ServiceModule(), new SysctlModule(), new MountModule(), new GetentModule(), new HostnameModule(), new IptablesModule(), new TimezoneModule(), new YumRepositoryModule(), new AptRepositoryModule(), new ServiceFactsModule(), new PackageFactsModule(), new DebconfModule(), new SebooleanModule(), new ModprobeModule()).collect(Collectors.toMap(m -> m.spec().name(), m -> m));
    private static final List<String> FILES = List.of("systemd", "linger", "package", "user", "group", "firewalld", "rhsm", "service", "sysctl", "mount", "getent", "hostname", "iptables", "timezone", "yum_repository", "apt_repository", "service_facts", "package_facts", "debconf", "seboolean", "modprobe");
    private static final Set<String> ENABLED_RC0 = Set.of("enabled", "enabled-runtime", "static", "indirect", "generated",
            "transient", "alias");

    @TestFactory
    Stream<DynamicNode> cases() throws IOException {
        List<DynamicNode> files = new ArrayList<>();
        for (String f : FILES) {
            List<DynamicNode> tests = new ArrayList<>();
            for (Map<String, Object> c : load("/cases/" + f + ".yml")) {
                String name = (String) c.get("name");
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(f, c)));
            }
            files.add(DynamicContainer.dynamicContainer(f, tests));
        }
        return files.stream();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(String resource) throws IOException {
        try (InputStream in = SystemModuleCasesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(text);
        }
    }

    @SuppressWarnings("unchecked")
    private static void runCase(String file, Map<String, Object> c) {
        String moduleName = (String) c.getOrDefault("module", file);
        Module module = MODULES.get(moduleName);
        assertNotNull(module, "no module " + moduleName);
        Map<String, Object> args = (Map<String, Object>) c.getOrDefault("args", Map.of());
        Map<String, Object> expect = (Map<String, Object>) c.getOrDefault("expect", Map.of());
        runPass(module, c, (List<Map<String, Object>>) c.get("probes"), args, expect, "first pass");
        Map<String, Object> second = (Map<String, Object>) c.get("second");
        if (second != null) {
            Map<String, Object> e2 = new LinkedHashMap<>(Map.of("changed", false));
            e2.putAll((Map<String, Object>) second.getOrDefault("expect", Map.of()));
            runPass(module, c, (List<Map<String, Object>>) second.get("probes"), args, e2, "second pass");
        }
    }

    @SuppressWarnings("unchecked")
    private static void runPass(Module module, Map<String, Object> c, List<Map<String, Object>> probes, Map<String, Object> args,
                                Map<String, Object> expect, String pass) {
        CaseConnection conn = new CaseConnection();
        for (Map<String, Object> p : probes == null ? List.<Map<String, Object>>of() : probes) {
            conn.on((String) p.get("match"), ((Number) p.getOrDefault("rc", 0)).intValue(), stdout(p),
                    (String) p.getOrDefault("stderr", ""), Boolean.TRUE.equals(p.get("once")));
        }
        ModuleTestKit kit = ModuleTestKit.of(module).on(conn).check(Boolean.TRUE.equals(c.get("check")))
                .diff(Boolean.TRUE.equals(c.get("diff")));
        Object become = c.get("become");
        if (become != null) {
            kit.become(Become.sudo(become.toString()).withPassword((String) c.get("become_password")));
        }
        ModuleResult r = kit.run(args);
        List<ExecRequest> reqs = conn.requests();
        List<String> scripts = reqs.stream().map(ExecRequest::script).toList();
        String where = pass + ": " + r + "\nscripts:\n" + String.join("\n---\n", scripts);

        assertEquals(Boolean.TRUE.equals(expect.getOrDefault("failed", false)), r.failed(), "failed; " + where);
        assertEquals(Boolean.TRUE.equals(expect.getOrDefault("skipped", false)), r.skipped(), "skipped; " + where);
        if (expect.containsKey("changed")) {
            assertEquals(expect.get("changed"), r.changed(), "changed; " + where);
        }
        if (expect.containsKey("msg")) {
            assertTrue(Pattern.compile((String) expect.get("msg"), Pattern.DOTALL).matcher(r.msg()).find(),
                    "msg /" + expect.get("msg") + "/ in '" + r.msg() + "'; " + where);
        }
        if (expect.containsKey("round_trips")) {
            assertEquals(((Number) expect.get("round_trips")).intValue(), reqs.size(), "round trips; " + where);
        }
        int from = 0;
        for (String re : (List<String>) expect.getOrDefault("commands", List.of())) {
            Pattern pat = Pattern.compile(re, Pattern.DOTALL);
            int found = -1;
            for (int i = from; i < scripts.size(); i++) {
                if (pat.matcher(scripts.get(i)).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("no command (in order) matches /" + re + "/; " + where);
            }
            from = found + 1;
        }
        for (String re : (List<String>) expect.getOrDefault("no_commands", List.of())) {
            Pattern pat = Pattern.compile(re, Pattern.DOTALL);
            assertTrue(scripts.stream().noneMatch(s -> pat.matcher(s).find()), "a command matches /" + re + "/; " + where);
        }
        List<String> becomes = (List<String>) expect.get("become_users");
        if (becomes != null) {
            List<String> actual = reqs.stream().map(q -> q.become().enabled() ? q.become().user() : "none").toList();
            assertEquals(becomes, actual, "become of each request; " + where);
        }
        for (String re : (List<String>) expect.getOrDefault("stdin", List.of())) {
            Pattern pat = Pattern.compile(re, Pattern.DOTALL);
            assertTrue(reqs.stream().anyMatch(q -> pat.matcher(new String(q.stdin(), StandardCharsets.UTF_8)).find()),
                    "no request's stdin matches /" + re + "/; " + where);
        }
        for (String secret : (List<String>) expect.getOrDefault("secrets_absent", List.of())) {
            assertTrue(scripts.stream().noneMatch(s -> s.contains(secret)), "secret on a command line; " + where);
            assertFalse(r.msg().contains(secret), "secret in msg; " + where);
            assertFalse(String.valueOf(r.values()).contains(secret), "secret in values; " + where);
            assertFalse(String.valueOf(r.warnings()).contains(secret), "secret in warnings; " + where);
        }
        for (String re : (List<String>) expect.getOrDefault("warnings", List.of())) {
            Pattern pat = Pattern.compile(re, Pattern.DOTALL);
            assertTrue(r.warnings().stream().anyMatch(w -> pat.matcher(w).find()), "no warning /" + re + "/; " + where);
        }
        if (Boolean.TRUE.equals(expect.get("no_warnings"))) {
            assertTrue(r.warnings().isEmpty(), "warnings " + r.warnings() + "; " + where);
        }
        Map<String, Object> values = (Map<String, Object>) expect.getOrDefault("values", Map.of());
        for (var e : values.entrySet()) {
            assertTrue(r.values().containsKey(e.getKey()), "value " + e.getKey() + " missing; " + where);
            assertSame(e.getValue(), r.values().get(e.getKey()), "value " + e.getKey() + "; " + where);
        }
        if (expect.containsKey("diffs")) {
            assertEquals(((Number) expect.get("diffs")).intValue(), r.diffs().size(), "diffs; " + where);
        }
    }

    /** Deep comparison that ignores number types (YAML int vs long) by comparing scalars as text. */
    @SuppressWarnings("unchecked")
    private static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof Map<?, ?> em) {
            assertTrue(actual instanceof Map<?, ?>, what + ": expected a map, got " + actual);
            Map<Object, Object> am = (Map<Object, Object>) actual;
            for (var e : em.entrySet()) {
                assertSame(e.getValue(), am.get(e.getKey()), what + "." + e.getKey());
            }
        } else if (expected instanceof List<?> el) {
            assertTrue(actual instanceof List<?>, what + ": expected a list, got " + actual);
            List<?> al = (List<?>) actual;
            assertEquals(el.size(), al.size(), what + ": " + al);
            for (int i = 0; i < el.size(); i++) {
                assertSame(el.get(i), al.get(i), what + "[" + i + "]");
            }
        } else {
            assertEquals(String.valueOf(expected), String.valueOf(actual), what);
        }
    }

    /**
     * A probe's stdout: {@code stdout} as given, or built from {@code manager} (the user-manager header)
     * and {@code unit} (systemctl show properties plus is_enabled; show_rc and enabled_rc are filled in).
     */
    @SuppressWarnings("unchecked")
    private static String stdout(Map<String, Object> p) {
        StringBuilder sb = new StringBuilder();
        if (p.containsKey("manager")) {
            sb.append(UserManagerAccess.HEADER).append(' ').append(p.get("manager")).append('\n');
        }
        if (p.containsKey("stdout")) {
            sb.append((String) p.get("stdout"));
        }
        Map<String, Object> unit = (Map<String, Object>) p.get("unit");
        if (unit != null) {
            Map<String, Object> u = new LinkedHashMap<>(unit);
            u.putIfAbsent("show_rc", 0);
            Object e = u.getOrDefault("is_enabled", "disabled");
            u.putIfAbsent("enabled_rc", ENABLED_RC0.contains(String.valueOf(e)) ? 0 : 1);
            u.forEach((k, v) -> sb.append(k).append('=').append(v == null ? "" : v).append('\n'));
        }
        return sb.toString();
    }
}
