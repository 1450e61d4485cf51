package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import dev.jplay.engine.testkit.ScriptedConnection;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data-driven cases, one YAML file per module under {@code cases/}: given what the host prints for
 * the probe (and other commands), expect these commands, this {@code changed}, these values, and on
 * a second pass whose probe shows the converged state, {@code changed=false}.
 *
 * <p>Two forms. The general one gives the probe output ({@code host}), more rules ({@code on}) and
 * expectations ({@code expect}, {@code second}). The edit form, for lineinfile/blockinfile, gives the
 * file's content {@code before} and the content expected to be written ({@code after}); the runner
 * builds the probe output, checks the written bytes and runs the second pass on {@code after}.
 * The edit cases are also run through real Ansible by {@code cases/lineinfile-blockinfile-ansible-check.py}.
 */
class FileModuleCasesTest {

    private static final Map<String, Module> MODULES = Map.ofEntries(
            Map.entry("copy", new CopyModule()), Map.entry("template", new TemplateModule()), Map.entry("file", new FileModule()),
            Map.entry("lineinfile", new LineInFileModule()), Map.entry("blockinfile", new BlockInFileModule()),
            Map.entry("stat", new StatModule()), Map.entry("replace", new ReplaceModule()), Map.entry("slurp", new SlurpModule()),
            Map.entry("tempfile", new TempFileModule()), Map.entry("fetch", new FetchModule()),
            Map.entry("script", new dev.jplay.modules.commands.ScriptModule()));

    /** Lines every probe prints unless a case says otherwise: root with umask 022. */
    private static final String IDENTITY = "umask=0022\nid=uid=0(root) gid=0(root) groups=0(root)\n";

    @TestFactory
    Stream<DynamicNode> cases() {
        return Stream.of("copy", "template", "file", "lineinfile", "blockinfile", "stat", "replace", "slurp", "tempfile", "fetch",
                        "script")
                .map(name -> DynamicContainer.dynamicContainer(name, load(name).stream()
                        .map(c -> DynamicTest.dynamicTest(name + ": " + c.get("name"), () -> runCase(name, c)))));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(String module) {
        try (InputStream in = FileModuleCasesTest.class.getResourceAsStream("/cases/" + module + ".yml")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource cases/" + module + ".yml");
            }
            return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private void runCase(String module, Map<String, Object> c) throws IOException {
        Map<String, Object> spec = c.containsKey("before") ? editCase(c) : c;
        Path base = Files.createTempDirectory("jplay-case");
        try {
            for (var f : ((Map<String, Object>) spec.getOrDefault("files", Map.of())).entrySet()) {
                Path p = base.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, String.valueOf(f.getValue()));
            }
            Map<String, Object> expect = (Map<String, Object>) spec.getOrDefault("expect", Map.of());
            pass(module, spec, (String) spec.get("host"), (List<Map<String, Object>>) spec.get("on"), expect, base, "first pass");
            Map<String, Object> second = (Map<String, Object>) spec.get("second");
            if (second != null) {
                List<Map<String, Object>> rules = (List<Map<String, Object>>) second.getOrDefault("on", spec.get("on"));
                pass(module, spec, (String) second.get("host"), rules, (Map<String, Object>) second.get("expect"), base,
                        "second pass");
            }
        } finally {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void pass(String module, Map<String, Object> spec, String host, List<Map<String, Object>> rules,
                      Map<String, Object> expect, Path base, String which) {
        ScriptedConnection conn = new ScriptedConnection();
        String identity = spec.containsKey("identity") ? String.valueOf(spec.get("identity")) : IDENTITY;
        conn.on("^" + Pattern.quote(FileProbe.MARKER), 0, identity + (host == null ? "" : host));
        if (rules != null) {
            for (Map<String, Object> r : rules) {
                conn.on((String) r.get("match"), ((Number) r.getOrDefault("rc", 0)).intValue(),
                        String.valueOf(r.getOrDefault("out", "")), String.valueOf(r.getOrDefault("err", "")));
            }
        }
        ModuleTestKit kit = ModuleTestKit.of(MODULES.get(module)).on(conn).baseDir(base)
                .check(Boolean.TRUE.equals(spec.get("check"))).diff(Boolean.TRUE.equals(spec.get("diff")));
        ((Map<String, Object>) spec.getOrDefault("vars", Map.of())).forEach(kit::var);
        ModuleResult res = kit.run((Map<String, Object>) spec.get("args"));
        String ctx = which + " of '" + spec.get("name") + "': " + res.msg() + "\ncommands run:\n  "
                + String.join("\n  ", conn.scripts()) + "\n";

        if (expect.containsKey("fails")) {
            assertTrue(res.failed(), ctx + "expected the task to fail");
            assertTrue(res.msg().contains(String.valueOf(expect.get("fails"))),
                    ctx + "failure message should contain '" + expect.get("fails") + "'");
        } else {
            assertFalse(res.failed(), ctx + "unexpected failure");
        }
        if (expect.containsKey("changed")) {
            assertEquals(expect.get("changed"), res.changed(), ctx + "changed");
        }
        if (expect.containsKey("msg")) {
            assertEquals(expect.get("msg"), res.msg(), ctx + "msg");
        }
        for (var v : ((Map<String, Object>) expect.getOrDefault("values", Map.of())).entrySet()) {
            assertEquals(String.valueOf(v.getValue()), String.valueOf(lookup(res.values(), v.getKey())), ctx + "value " + v.getKey());
        }
        if (expect.containsKey("commands")) {
            List<String> want = (List<String>) expect.get("commands");
            List<String> got = conn.scripts();
            assertEquals(want.size(), got.size(), ctx + "number of commands (expected patterns " + want + ")");
            for (int i = 0; i < want.size(); i++) {
                assertTrue(Pattern.compile(want.get(i), Pattern.DOTALL).matcher(got.get(i)).find(),
                        ctx + "command " + (i + 1) + " should match /" + want.get(i) + "/");
            }
        }
        if (expect.containsKey("written")) {
            Object w = expect.get("written");
            List<ExecRequest> writes = conn.requests().stream().filter(r -> r.script().contains("mktemp")).toList();
            if (w == null) {
                assertTrue(writes.isEmpty(), ctx + "nothing should be written");
            } else {
                assertEquals(1, writes.size(), ctx + "one write");
                assertEquals(w, new String(writes.get(0).stdin(), StandardCharsets.UTF_8), ctx + "written content");
            }
        }
        if (expect.containsKey("diffs")) {
            List<Map<String, Object>> want = (List<Map<String, Object>>) expect.get("diffs");
            List<FileDiff> got = res.diffs();
            assertEquals(want.size(), got.size(), ctx + "number of diffs: " + got);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i).get("before"), got.get(i).before(), ctx + "diff " + i + " before");
                assertEquals(want.get(i).get("after"), got.get(i).after(), ctx + "diff " + i + " after");
            }
        }
        if (expect.containsKey("warnings")) {
            assertEquals(((Number) expect.get("warnings")).intValue(), res.warnings().size(), ctx + "warnings " + res.warnings());
        }
    }

    /** "stat.exists" looks into nested maps. */
    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> values, String dotted) {
        Object cur = values;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return cur;
    }

    /** Turns an edit case (before/after) into the general form. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> editCase(Map<String, Object> c) {
        Map<String, Object> g = new LinkedHashMap<>(c);
        Map<String, Object> args = new LinkedHashMap<>((Map<String, Object>) c.get("args"));
        args.putIfAbsent("path", "/etc/app.conf");
        g.put("args", args);
        String mode = String.valueOf(c.getOrDefault("file_mode", "644"));
        String before = (String) c.get("before");
        String after = (String) c.get("after");
        boolean changed = Boolean.TRUE.equals(c.get("changed"));
        g.put("host", probeOutput(before, mode));
        List<Map<String, Object>> on = new ArrayList<>((List<Map<String, Object>>) c.getOrDefault("on", List.of()));
        on.add(Map.of("match", "mktemp", "rc", 0));
        g.put("on", on);
        Map<String, Object> expect = new LinkedHashMap<>();
        if (c.containsKey("fails")) {
            expect.put("fails", c.get("fails"));
        } else {
            expect.put("changed", changed);
            expect.put("written", after);
        }
        if (c.containsKey("msg")) {
            expect.put("msg", c.get("msg"));
        }
        for (String k : List.of("values", "commands", "diffs", "warnings")) {
            if (c.containsKey(k)) {
                expect.put(k, c.get(k));
            }
        }
        g.put("expect", expect);
        if (changed && !c.containsKey("fails") && !Boolean.TRUE.equals(c.get("check"))) {
            Map<String, Object> second = new LinkedHashMap<>();
            String converged = after != null ? after : before;
            String mode2 = c.containsKey("args") && args.get("mode") != null ? String.valueOf(args.get("mode")) : mode;
            second.put("host", probeOutput(converged, mode2));
            Map<String, Object> e2 = new LinkedHashMap<>();
            e2.put("changed", false);
            e2.put("written", null);
            second.put("expect", e2);
            g.put("second", second);
        }
        return g;
    }

    static String probeOutput(String content, String mode) {
        if (content == null) {
            return "path.type=absent\nparent.type=directory\n";
        }
        return "path.type=regular file\npath.mode=" + mode + "\npath.uid=0\npath.owner=root\npath.gid=0\npath.group=root\n"
                + "path.size=" + content.getBytes(StandardCharsets.UTF_8).length + "\nparent.type=directory\n"
                + FileProbe.CONTENT_MARKER + "\n" + content;
    }
}
