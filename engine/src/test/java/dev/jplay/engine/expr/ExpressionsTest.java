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
        assertEquals(6, ex.render("{{ n + 1 }}", s));
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
        assertEquals("dflt", ex.render("{{ missing_var!'dflt' }}", s));
        assertFalse(ex.test("missing_var??", s));
    }

    @Test
    void conditionsUseAnsibleTruthiness() {
        VarScope s = scope("flag", "yes", "empty", List.of(), "zero", 0, "rc", 0);
        assertTrue(ex.test("flag", s));
        assertFalse(ex.test("empty", s));
        assertFalse(ex.test("zero", s));
        assertTrue(ex.test("rc == 0", s));
        assertTrue(ex.test("{{ rc == 0 }}", s), "a when wrapped in {{ }} works too");
    }

    @Test
    void syntaxErrorsPointIntoTheStringAndHintAtJinja() {
        ExpressionError e = assertThrows(ExpressionError.class, () -> ex.checkTemplated("path: {{ x | default('y') }}"));
        assertTrue(e.getMessage().contains("Jinja2"), e.getMessage());
        assertTrue(e.getMessage().contains("x!'value'"), e.getMessage());
        ExpressionError unclosed = assertThrows(ExpressionError.class, () -> ex.checkTemplated("a {{ b"));
        assertEquals(2, unclosed.offset());
    }

    @Test
    void quotedBracesDoNotCloseAnExpression() {
        assertEquals("}}", ex.render("{{ '}}' }}", scope()));
    }
}
