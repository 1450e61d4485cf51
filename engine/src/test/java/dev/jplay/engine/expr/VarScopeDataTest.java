package dev.jplay.engine.expr;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #10 class 1 at the variable layer: DataValues are never rendered, at any depth, through any view. */
class VarScopeDataTest {
    private static final String HOSTILE = "{{ secret }}";
    private final Expressions ex = new Expressions();

    private VarScope scope() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("secret", "S3CRET");
        m.put("fact", DataValue.of(HOSTILE));
        m.put("facts", DataValue.of(Map.of("nested", List.of(Map.of("deep", HOSTILE)))));
        m.put("source", "{{ fact }}");
        m.put("mixed", new LinkedHashMap<>(Map.of("data", DataValue.of(HOSTILE), "expr", "{{ secret }}")));
        return new VarScope(m, ex);
    }

    @Test
    void dataIsHandedOutAsItIsAtEveryDepth() {
        VarScope s = scope();
        assertEquals(HOSTILE, s.resolve("fact"));
        assertEquals(Map.of("nested", List.of(Map.of("deep", HOSTILE))), s.resolve("facts"));
        assertEquals(HOSTILE, s.resolve("source"), "a source value that reads data gets the data, not rendered again");
        assertEquals(Map.of("data", HOSTILE, "expr", "S3CRET"), s.resolve("mixed"));
        assertEquals(HOSTILE, s.render("{{ facts.nested[0].deep }}"));
    }

    @Test
    void viewsAndOverlaysKeepDataUnrendered() {
        VarScope s = scope().withData(Map.of("item", HOSTILE, "reg", Map.of("stdout", HOSTILE)));
        assertEquals(HOSTILE, s.resolve("item"));
        assertEquals(HOSTILE, s.lazyView().get("fact"));
        assertEquals(Map.of("stdout", HOSTILE), s.renderedView().get("reg"));
        assertTrue(s.lazyView().entrySet().stream().noneMatch(e -> String.valueOf(e.getValue()).contains("S3CRET") && !e.getKey().equals("secret")
                && !e.getKey().equals("mixed")));
        // source overlays still render
        assertEquals("S3CRET", scope().with(Map.of("t", "{{ secret }}")).resolve("t"));
    }

    @Test
    void viewMarkedAsDataIsNotWalked() {
        Map<String, Object> hostvars = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, Object>> entrySet() {
                throw new AssertionError("a data view must not be walked to look for expressions");
            }
        };
        Map<String, Object> m = new LinkedHashMap<>(Map.of("hostvars", new DataValue(hostvars)));
        assertEquals(hostvars, new VarScope(m, ex).resolve("hostvars"));
    }

    @Test
    void unsafeYamlTagIsData() {
        var node = YamlReader.parse("a: !unsafe '{{ secret }}'\nb: [!unsafe '{{ x }}']\n", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) node.toJava();
        vars.put("secret", "S3CRET");
        VarScope s = new VarScope(vars, ex);
        assertEquals(HOSTILE, s.resolve("a"));
        assertEquals(List.of("{{ x }}"), s.resolve("b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: !!python/object/apply:os.system ['id']\n", "a: !!python/name:os.system\n",
            "a: !!python/object:x {b: 1}\n", "a: !foo bar\n", "a: !unsafe [x]\n", "- !!python/tuple [1, 2]\n"})
    void objectAndUnknownTagsAreRefused(String yaml) {
        InputError e = assertThrows(InputError.class, () -> YamlReader.parse(yaml, null));
        assertTrue(e.getMessage().contains("tag"), e.getMessage());
    }
}
