package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.json.JsonWriter;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Everyday templates rendered as a task argument, against what ansible-core 2.14 returned for the same
 * template and variables (resources jinja/cases.yml, jinja/expected.json; produced by jinja/gen-expectations.py).
 * Values are compared as JSON, so "3" and 3 differ, as they do in Ansible's results.
 */
class AnsibleExpressionCasesTest {

    @SuppressWarnings("unchecked")
    private static Object resource(String name) throws IOException {
        try (InputStream in = AnsibleExpressionCasesTest.class.getResourceAsStream("/jinja/" + name)) {
            return YamlReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of(name)).toJava();
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    List<DynamicTest> rendersAsAnsible() throws IOException {
        Map<String, Object> cases = (Map<String, Object>) resource("cases.yml");
        Map<String, Object> expected = (Map<String, Object>) resource("expected.json");
        Map<String, Object> vars = (Map<String, Object>) cases.get("vars");
        Expressions ex = new Expressions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<Object>) expected.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            String template = (String) c.get("template");
            tests.add(DynamicTest.dynamicTest(template.replace("\n", "\\n"), () -> {
                VarScope scope = new VarScope(new LinkedHashMap<>(vars), ex);
                if (c.containsKey("error")) {
                    try {
                        Object got = ex.render(template, scope);
                        fail("Ansible fails with: " + c.get("error") + "\nbut jplay gave: " + got);
                    } catch (ExpressionError e) {
                        assertTrue(((String) c.get("error")).contains(e.getMessage()),
                                "Ansible's error: " + c.get("error") + "\njplay's: " + e.getMessage());
                    }
                } else {
                    assertEquals(JsonWriter.write(c.get("value")), JsonWriter.write(ex.render(template, scope)));
                }
            }));
        }
        return tests;
    }
}
