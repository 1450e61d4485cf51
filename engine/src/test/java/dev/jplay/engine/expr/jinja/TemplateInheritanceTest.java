package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Template inheritance and reuse ({@code extends}, {@code block} with super/scoped/required, {@code import},
 * {@code from ... import}, {@code include} lists and {@code ignore missing}) and the other statements
 * (set blocks, filter, call/caller, with, namespace, loop.cycle/changed/depth in recursive loops, raw)
 * render byte for byte as ansible-core 2.14's template module rendered them (jinja/inherit/gen-expected.sh).
 */
class TemplateInheritanceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"app.conf", "imports.txt", "statements.txt"})
    void rendersLikeAnsible(String name) throws Exception {
        Path dir = dir();
        assertEquals(Files.readString(dir.resolve("expected").resolve(name)), render(dir, name + ".j2", vars(dir)));
    }

    @Test
    void aRequiredBlockNobodyFillsNamesTheTemplateAndLine() throws IOException {
        write("base.j2", "top\n{% block body required %}\n{% endblock %}\n");
        write("child.j2", "{% extends 'base.j2' %}\n");
        InputError e = assertThrows(InputError.class, () -> render(tmp, "child.j2", Map.of()));
        assertTrue(e.getMessage().contains("Required block 'body' not found"), e.getMessage());
        assertEquals(tmp.resolve("templates/base.j2").toString() + ":2:1", e.location().toString().replaceAll(":\\d+$", ":1"),
                e.getMessage());
    }

    @Test
    void anErrorInTheParentOrAnImportedMacroNamesThatFile() throws IOException {
        write("base.j2", "a\nb {{ nosuch.x }}\n{% block b %}{% endblock %}\n");
        write("child.j2", "{% extends 'base.j2' %}{% block b %}x{% endblock %}\n");
        InputError e = assertThrows(InputError.class, () -> render(tmp, "child.j2", Map.of()));
        assertTrue(e.getMessage().contains("'nosuch' is undefined"), e.getMessage());
        assertTrue(e.location().toString().startsWith(tmp.resolve("templates/base.j2") + ":2:"), e.location().toString());

        write("m.j2", "{% macro f() %}\n{{ 1 + 'a' }}\n{% endmacro %}\n");
        write("uses.j2", "line one\n{% from 'm.j2' import f %}{{ f() }}\n");
        InputError m = assertThrows(InputError.class, () -> render(tmp, "uses.j2", Map.of()));
        assertTrue(m.location().toString().startsWith(tmp.resolve("templates/m.j2") + ":2:"), m.location() + " " + m.getMessage());

        write("inc.j2", "x\n{% include 'gone.j2' %}\n");
        InputError i = assertThrows(InputError.class, () -> render(tmp, "inc.j2", Map.of()));
        assertTrue(i.getMessage().contains("template not found: gone.j2"), i.getMessage());
        assertTrue(i.location().toString().startsWith(tmp.resolve("templates/inc.j2") + ":2:"), i.location().toString());
    }

    @Test
    void anImportWithoutContextSeesNoVariablesAndAMissingNameIsAnError() throws IOException {
        write("m.j2", "{% macro show() %}{{ v | default('no v') }}{% endmacro %}");
        write("t.j2", "{% import 'm.j2' as a %}{% import 'm.j2' as b with context %}{{ a.show() }}/{{ b.show() }}");
        assertEquals("no v/V", render(tmp, "t.j2", Map.of("v", "V")));
        write("bad.j2", "{% from 'm.j2' import nothere %}{{ nothere() }}");
        InputError e = assertThrows(InputError.class, () -> render(tmp, "bad.j2", Map.of()));
        assertTrue(e.getMessage().contains("does not export the requested name 'nothere'"), e.getMessage());
    }

    @Test
    void syntaxErrorsAreFoundAtLoad() throws IOException {
        write("a.j2", "{% block x %}{% endblock y %}");
        write("b.j2", "{% block x required %}text{% endblock %}");
        write("c.j2", "{% from 'm.j2' import _hidden %}");
        TemplateFiles files = new TemplateFiles(new Expressions());
        for (String[] c : new String[][] {{"a.j2", "'x' was closed by 'endblock y'"}, {"b.j2", "Required blocks can only contain comments or whitespace"},
                {"c.j2", "names starting with an underline can not be imported"}}) {
            InputError e = assertThrows(InputError.class, () -> files.load(List.of(tmp.resolve("templates")), c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @Test
    void includesLookInTheRoleAndPlaybookTemplatesBeforeTheTemplatesOwnFolder() throws IOException {
        write("sub/t.j2", "{% include 'part.j2' %}");
        write("sub/part.j2", "own folder");
        write("part.j2", "templates folder");
        assertEquals("templates folder", render(tmp, "sub/t.j2", Map.of()));
        write("sub/u.j2", "{% include 'only-here.j2' %}");
        write("sub/only-here.j2", "own folder");
        assertEquals("own folder", render(tmp, "sub/u.j2", Map.of()));
    }

    private void write(String name, String text) throws IOException {
        Path p = tmp.resolve("templates").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static String render(Path dir, String name, Map<String, Object> vars) {
        Expressions ex = new Expressions();
        return new TemplateFiles(ex).render(List.of(dir.resolve("templates"), dir), name, new VarScope(new LinkedHashMap<>(vars), ex));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> vars(Path dir) {
        List<Object> play = (List<Object>) YamlReader.read(dir.resolve("play.yml")).toJava();
        return (Map<String, Object>) ((Map<String, Object>) play.get(0)).get("vars");
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(TemplateInheritanceTest.class.getResource("/jinja/inherit/play.yml").toURI()).getParent();
    }
}
