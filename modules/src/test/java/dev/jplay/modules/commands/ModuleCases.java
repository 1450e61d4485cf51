package dev.jplay.modules.commands;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-driven module cases, as pyinfra keeps them: {@code cases/<module>.yml} on the test class
 * path is a list of cases, each "given what the probes print, expect these commands and this
 * result". A case:
 * <pre>
 * - name: what it shows
 *   args: {option: value}          # the task's options, rendered by the engine as usual
 *   vars: {name: value}            # variables the task sees (optional)
 *   check: false                   # check mode (optional)
 *   probes:                        # what the host answers: first rule whose regex finds a match wins;
 *     - {match: 'regex', rc: 0, stdout: "...", stderr: "..."}   # a command no rule matches fails the case
 *   expect:
 *     changed: true                # each key optional
 *     failed: false
 *     skipped: false
 *     msg: exact message
 *     msg_contains: part of the message
 *     values: {rc: 0}              # these return values, compared deeply (numbers by value)
 *     facts: {name: value}
 *     scripts: ['regex', ...]      # exactly this many commands ran, the i-th matching the i-th regex
 *     stdin_contains: text         # the first command's stdin contains this
 *     scripts_exclude: text        # no command line contains this (secrets)
 * </pre>
 */
public final class ModuleCases {
    private ModuleCases() {
    }

    /** One dynamic test per case in {@code cases/<file>.yml}. */
    public static Stream<DynamicTest> of(Module module, String file) {
        List<Map<String, Object>> cases = load("cases/" + file + ".yml");
        return cases.stream().map(c -> DynamicTest.dynamicTest(String.valueOf(c.get("name")), () -> runCase(module, c)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(String resource) {
        try (InputStream in = ModuleCases.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            Object doc = new Load(LoadSettings.builder().setLabel(resource).build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) doc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void runCase(Module module, Map<String, Object> c) {
        ScriptedConnection host = new ScriptedConnection();
        for (Map<String, Object> p : (List<Map<String, Object>>) c.getOrDefault("probes", List.of())) {
            host.on(String.valueOf(p.get("match")), ((Number) p.getOrDefault("rc", 0)).intValue(),
                    String.valueOf(p.getOrDefault("stdout", "")), String.valueOf(p.getOrDefault("stderr", "")));
        }
        ModuleTestKit kit = ModuleTestKit.of(module).on(host).check(Boolean.TRUE.equals(c.get("check")));
        ((Map<String, Object>) c.getOrDefault("vars", Map.of())).forEach(kit::var);
        ModuleResult r = kit.run((Map<String, Object>) c.getOrDefault("args", Map.of()));

        Map<String, Object> e = (Map<String, Object>) c.getOrDefault("expect", Map.of());
        String where = " (result: " + r + ", scripts: " + host.scripts() + ")";
        if (e.containsKey("changed")) {
            assertEquals(e.get("changed"), r.changed(), "changed" + where);
        }
        if (e.containsKey("failed")) {
            assertEquals(e.get("failed"), r.failed(), "failed" + where);
        }
        if (e.containsKey("skipped")) {
            assertEquals(e.get("skipped"), r.skipped(), "skipped" + where);
        }
        if (e.containsKey("msg")) {
            assertEquals(e.get("msg"), r.msg(), "msg" + where);
        }
        if (e.containsKey("msg_contains")) {
            assertTrue(r.msg().contains(String.valueOf(e.get("msg_contains"))),
                    "msg should contain '" + e.get("msg_contains") + "'" + where);
        }
        ((Map<String, Object>) e.getOrDefault("values", Map.of())).forEach((k, v) -> {
            assertTrue(r.values().containsKey(k), "missing value '" + k + "'" + where);
            assertDeepEquals(v, r.values().get(k), "value '" + k + "'" + where);
        });
        ((Map<String, Object>) e.getOrDefault("facts", Map.of())).forEach((k, v) ->
                assertDeepEquals(v, r.facts().get(k), "fact '" + k + "'" + where));
        if (e.containsKey("scripts")) {
            List<String> want = (List<String>) e.get("scripts");
            List<String> ran = host.scripts();
            assertEquals(want.size(), ran.size(), "number of commands" + where);
            for (int i = 0; i < want.size(); i++) {
                assertTrue(Pattern.compile(want.get(i), Pattern.DOTALL).matcher(ran.get(i)).find(),
                        "command " + (i + 1) + " should match /" + want.get(i) + "/ but was: " + ran.get(i));
            }
        }
        if (e.containsKey("stdin_contains")) {
            assertFalse(host.requests().isEmpty(), "no command ran" + where);
            String stdin = new String(host.requests().get(0).stdin(), StandardCharsets.UTF_8);
            assertTrue(stdin.contains(String.valueOf(e.get("stdin_contains"))), "stdin should contain '" + e.get("stdin_contains")
                    + "' but was: " + stdin);
        }
        if (e.containsKey("scripts_exclude")) {
            String secret = String.valueOf(e.get("scripts_exclude"));
            host.scripts().forEach(s -> assertFalse(s.contains(secret), "a command line contains '" + secret + "': " + s));
        }
    }

    /** Equality where 1 (Integer) equals 1L, and maps and lists compare element by element. */
    static void assertDeepEquals(Object want, Object got, String what) {
        if (want instanceof Number w && got instanceof Number g) {
            assertEquals(w.doubleValue(), g.doubleValue(), what);
        } else if (want instanceof Map<?, ?> w && got instanceof Map<?, ?> g) {
            assertEquals(w.keySet(), g.keySet(), what + " keys");
            w.forEach((k, v) -> assertDeepEquals(v, g.get(k), what + "." + k));
        } else if (want instanceof List<?> w && got instanceof List<?> g) {
            assertEquals(w.size(), g.size(), what + " size: " + g);
            for (int i = 0; i < w.size(); i++) {
                assertDeepEquals(w.get(i), g.get(i), what + "[" + i + "]");
            }
        } else {
            assertEquals(want, got, what);
        }
    }
}
