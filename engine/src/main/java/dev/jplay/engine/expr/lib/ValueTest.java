package dev.jplay.engine.expr.lib;

/** A Jinja2 test: {@code value is name(args)}. Tests such as defined/undefined see Undefined inputs. */
@FunctionalInterface
public interface ValueTest {
    boolean test(Object value, CallArgs args, CallContext ctx);
}
