package dev.jplay.engine.expr;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionsTest {
    private final Expressions ex = new Expressions();

    private VarScope scope(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new VarScope(m, ex);
    }

    @Test
    void singleExpressionKeepsItsType() {
        VarScope s = scope("ports", List.of(80, 443), "cfg", Map.of("a", 1), "n", 5);
        assertEquals(List.of(80, 443), ex.render("{{ ports }}", s));
        assertEquals(Map.of("a", 1), ex.render("{{ cfg }}", s));
        assertEquals("6", ex.render("{{ n + 1 }}", s), "numbers computed in a template come back as text, as in Ansible");
        assertEquals(5, ex.render("{{ n }}", s), "a number variable alone keeps its type");
        assertEquals(true, ex.render("{{ n > 3 }}", s));
    }

    @Test
    void mixedTextRendersToAString() {
        VarScope s = scope("user", "alice", "port", 8080, "big", 1234567);
        assertEquals("alice listens on 8080", ex.render("{{ user }} listens on {{ port }}", s));
        assertEquals("n=1234567", ex.render("n={{ big }}", s), "numbers are not locale-grouped");
        assertEquals("echo ${HOME} $x", ex.render("echo ${HOME} $x", s), "shell variables are left alone");
    }

    @Test
    void lazyVariablesResolveThroughOtherVariables() {
        VarScope s = scope("base", "/srv", "dir", "{{ base }}/app", "file", "{{ dir }}/conf");
        assertEquals("/srv/app/conf", ex.render("{{ file }}", s));
    }

    @Test
    void recursiveVariableIsReportedNotOverflowed() {
        VarScope s = scope("a", "{{ b }}", "b", "{{ a }}");
        ExpressionError e = assertThrows(ExpressionError.class, () -> ex.render("{{ a }}", s));
        assertTrue(e.getMessage().contains("defined in terms of itself"), e.getMessage());
    }

    @Test
    void undefinedVariableIsNamedAndDefaultsWork() {
        VarScope s = scope("x", 1);
        ExpressionError e = assertThrows(ExpressionError.class, () -> ex.render("{{ missing_var }}", s));
        assertEquals("missing_var", e.undefinedVariable());
        assertTrue(e.getMessage().contains("'missing_var' is undefined"), e.getMessage());
        assertEquals("dflt", ex.render("{{ missing_var | default('dflt') }}", s));
        assertFalse(ex.test("missing_var is defined", s));
    }

    @Test
    void conditionsUseJinjaTruthiness() {
        VarScope s = scope("flag", "yes", "empty", List.of(), "zero", 0, "rc", 0, "off", "false");
        assertTrue(ex.test("flag", s));
        assertFalse(ex.test("empty", s));
        assertFalse(ex.test("zero", s));
        assertTrue(ex.test("rc == 0", s));
        assertTrue(ex.test("{{ rc == 0 }}", s), "a when wrapped in {{ }} works too");
        assertTrue(ex.test("off", s), "a non-empty string is true, as in Ansible");
        assertFalse(ex.test("off | bool", s));
    }

    @Test
    void syntaxErrorsPointIntoTheString() {
        ExpressionError e = assertThrows(ExpressionError.class, () -> ex.checkTemplated("path: {{ x | }}"));
        assertEquals(13, e.offset(), e.getMessage());
        ExpressionError unclosed = assertThrows(ExpressionError.class, () -> ex.checkTemplated("a {{ b"));
        assertEquals(2, unclosed.offset());
        ExpressionError filter = assertThrows(ExpressionError.class, () -> ex.checkExpression("x | no_such_filter"));
        assertTrue(filter.getMessage().contains("no filter named 'no_such_filter'"), filter.getMessage());
    }

    @Test
    void freemarkerSyntaxIsNotAnExpressionAnyMore() {
        assertThrows(ExpressionError.class, () -> ex.checkExpression("x!'y'"));
        assertThrows(ExpressionError.class, () -> ex.checkExpression("x??"));
        assertThrows(ExpressionError.class, () -> ex.checkExpression("l?size"));
    }

    @Test
    void withLoopsAreTheirLookups() {
        VarScope s = scope("extra", List.of(3, List.of(4)), "ports", Map.of("http", 80));
        assertEquals(List.of(1, 2, 3, List.of(4)), ex.renderLoop(new LoopLookup("items", List.of(1, List.of(2), "{{ extra }}")), s),
                "with_items flattens one level, after rendering its terms");
        assertEquals(List.of(Map.of("key", "http", "value", 80)), ex.renderLoop(new LoopLookup("dict", "{{ ports }}"), s));
        assertEquals(List.of(List.of("a", 1), List.of("a", 2)), ex.renderLoop(new LoopLookup("nested", List.of(List.of("a"), List.of(1, 2))), s));
        assertEquals("first_found", LoopLookup.lookupFor("first_available_file"));
        assertEquals("subelements", LoopLookup.lookupFor("with_subelements"));
        assertEquals(null, LoopLookup.lookupFor("loop"));
    }

    @Test
    void aTrailingNewlineIsKept() {
        assertEquals("w\n", ex.render("{{ x }}\n", scope("x", "w")));
        assertEquals("a\n\n", ex.render("{{ 'a' }}\n\n", scope()));
    }

    @Test
    void quotedBracesDoNotCloseAnExpression() {
        assertEquals("}}", ex.render("{{ '}}' }}", scope()));
    }
}
