package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.Undefined;

/** Jinja2's tests: defined, undefined, none, boolean, string, number... */
final class BuiltinTests {
    private BuiltinTests() {
    }

    static void register(Library.Builder b) {
        b.test("defined", (v, a, c) -> !(v instanceof Undefined));
        b.test("undefined", (v, a, c) -> v instanceof Undefined);
    }
}
