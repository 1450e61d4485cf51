package dev.jplay.modules.podman;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.DynamicTest;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Data-driven module cases (pyinfra style), one YAML file per module under {@code cases/}: given what
 * the host prints for each command (rules, first match wins), expect these commands, this
 * {@code changed}, these values. A case:
 * <pre>
 * - name: builds when the image is missing
 *   args: {name: reg:5000/httpd, path: /srv/ctx}   # {@code <<: *anchor} merges another case's args
 *   check: false            # check mode
 *   diff: false             # diff mode
 *   become: jpuser          # optional
 *   host:
 *     - match: '^set -e'    # regex, found anywhere in the script
 *       rc: 0
 *       stdout: "..."       # raw stdout, or
 *       sections: {image: "[]", image.rc: "125"}   # stdout as ScriptSections; {@code <<: *anchor} merges
 *       stderr: ""
 *   expect:
 *     changed: true
 *     failed: false
 *     skipped: false
 *     msg: 'regex'
 *     round_trips: 2        # commands run
 *     ran: ['regex', ...]   # each matches a later command than the one before
 *     not_ran: ['regex']
 *     values: {key: value}  # equal after YAML loading
 *     value_contains: {key: 'text'}   # the value's text contains this
 *     stdin: [{match: 'regex', contains: 'text'}]   # a command matching regex got stdin with this text
 *     diffs: 1              # number of before/after diffs
 * </pre>
 */
final class HostCases {
    private HostCases() {
    }

    @SuppressWarnings("unchecked")
    static Stream<DynamicTest> of(String file, Module module) {
        List<Object> cases;
        try (InputStream in = HostCases.class.getResourceAsStream("/cases/" + file)) {
            assertNotNull(in, "missing test resource cases/" + file);
            cases = (List<Object>) new Load(LoadSettings.builder().setLabel(file).build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return cases.stream().map(c -> (Map<String, Object>) c)
                .map(c -> DynamicTest.dynamicTest(file + ": " + c.get("name"), () -> runCase(module, c)));
    }

    @SuppressWarnings("unchecked")
    static void runCase(Module module, Map<String, Object> c) {
        ScriptedConnection host = new ScriptedConnection();
        for (Object o : (List<Object>) c.getOrDefault("host", List.of())) {
            Map<String, Object> rule = (Map<String, Object>) o;
            String stdout = rule.containsKey("sections")
                    ? ScriptSections.encode(stringMap((Map<String, Object>) rule.get("sections")))
                    : String.valueOf(rule.getOrDefault("stdout", ""));
            host.on(String.valueOf(rule.get("match")), ((Number) rule.getOrDefault("rc", 0)).intValue(), stdout,
                    String.valueOf(rule.getOrDefault("stderr", "")));
        }
        ModuleTestKit kit = ModuleTestKit.of(module).on(host).check(Boolean.TRUE.equals(c.get("check")))
                .diff(Boolean.TRUE.equals(c.get("diff")));
        if (c.get("become") != null) {
            kit.become(Become.sudo(c.get("become").toString()));
        }
        ModuleResult r = kit.run(merged((Map<String, Object>) c.getOrDefault("args", Map.of())));
        Map<String, Object> expect = (Map<String, Object>) c.getOrDefault("expect", Map.of());
        String where = "case '" + c.get("name") + "': result " + r + "\ncommands:\n" + String.join("\n---\n", host.scripts());

        assertEquals(Boolean.TRUE.equals(expect.get("failed")), r.failed(), where);
        if (expect.containsKey("changed")) {
            assertEquals(expect.get("changed"), r.changed(), where);
        }
        assertEquals(Boolean.TRUE.equals(expect.get("skipped")), r.skipped(), where);
        if (expect.containsKey("msg")) {
            assertTrue(Pattern.compile(expect.get("msg").toString(), Pattern.DOTALL).matcher(r.msg()).find(),
                    "msg '" + r.msg() + "' does not match '" + expect.get("msg") + "'\n" + where);
        }
        if (expect.containsKey("round_trips")) {
            assertEquals(((Number) expect.get("round_trips")).intValue(), host.scripts().size(), where);
        }
        int from = 0;
        for (Object re : (List<Object>) expect.getOrDefault("ran", List.of())) {
            Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
            int found = -1;
            for (int i = from; i < host.scripts().size(); i++) {
                if (p.matcher(host.scripts().get(i)).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("no command (from #" + from + " on) matches '" + re + "'\n" + where);
            }
            from = found;
        }
        for (Object re : (List<Object>) expect.getOrDefault("not_ran", List.of())) {
            Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
            for (String s : host.scripts()) {
                assertFalse(p.matcher(s).find(), "a command matches '" + re + "' but should not\n" + where);
            }
        }
        Map<String, Object> values = r.asRegistered();
        ((Map<String, Object>) expect.getOrDefault("values", Map.of())).forEach((k, v) ->
                assertEquals(v, values.get(k), "value '" + k + "'\n" + where));
        ((Map<String, Object>) expect.getOrDefault("value_contains", Map.of())).forEach((k, v) ->
                assertTrue(String.valueOf(values.get(k)).contains(v.toString()),
                        "value '" + k + "' = " + values.get(k) + " does not contain '" + v + "'\n" + where));
        for (Object o : (List<Object>) expect.getOrDefault("stdin", List.of())) {
            Map<String, Object> s = (Map<String, Object>) o;
            Pattern p = Pattern.compile(s.get("match").toString(), Pattern.DOTALL);
            List<String> inputs = new ArrayList<>();
            for (ExecRequest req : host.requests()) {
                if (p.matcher(req.script()).find()) {
                    inputs.add(new String(req.stdin(), StandardCharsets.UTF_8));
                }
            }
            assertTrue(inputs.stream().anyMatch(in -> in.contains(s.get("contains").toString())),
                    "no command matching '" + s.get("match") + "' got stdin containing '" + s.get("contains") + "'; stdins: "
                            + inputs + "\n" + where);
        }
        if (expect.containsKey("diffs")) {
            assertEquals(((Number) expect.get("diffs")).intValue(), r.diffs().size(), where);
        }
    }

    /** The map with its {@code <<: *anchor} entries (YAML 1.1 merge keys, which YAML 1.2 lacks) merged in as defaults. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.get("<<") instanceof Map<?, ?> base) {
            out.putAll(merged((Map<String, Object>) base));
        }
        m.forEach((k, v) -> {
            if (!k.equals("<<")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Section texts; a {@code <<: *anchor} key (YAML 1.1 merge, which YAML 1.2 lacks) supplies defaults. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.get("<<") instanceof Map<?, ?> base) {
            out.putAll(stringMap((Map<String, Object>) base));
        }
        m.forEach((k, v) -> {
            if (!k.equals("<<")) {
                out.put(k, v == null ? "" : v.toString());
            }
        });
        return out;
    }
}
