package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A role-style template (loops, conditions, a macro, whitespace control, raw, set + append, filters)
 * renders byte for byte as ansible-core 2.14's template module rendered it (jinja/role/gen-expected.sh).
 */
class RoleTemplateTest {

    @Test
    @SuppressWarnings("unchecked")
    void rendersLikeAnsible() throws Exception {
        Path role = dir();
        List<Object> play = (List<Object>) YamlReader.read(role.resolve("play.yml")).toJava();
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) play.get(0)).get("vars");
        Expressions ex = new Expressions();
        String out = new TemplateFiles(ex).render(List.of(role.resolve("templates")), "nginx.conf.j2",
                new VarScope(new LinkedHashMap<>(vars), ex));
        assertEquals(Files.readString(role.resolve("nginx.conf.expected")), out);
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(RoleTemplateTest.class.getResource("/jinja/role/play.yml").toURI()).getParent();
    }
}
