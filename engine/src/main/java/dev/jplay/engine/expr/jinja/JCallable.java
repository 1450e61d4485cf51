package dev.jplay.engine.expr.jinja;

import java.util.List;
import java.util.Map;

/** Something an expression can call: a macro, a global function, a bound method of a value. */
@FunctionalInterface
interface JCallable {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
