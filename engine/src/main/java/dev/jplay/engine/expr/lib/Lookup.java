package dev.jplay.engine.expr.lib;

import java.util.List;

/**
 * An Ansible lookup plugin: {@code lookup('name', terms..., k=v)} joins the list with commas (unless
 * wantlist=True), {@code query}/{@code q} return it as a list. Runs on the controller, never on a host.
 */
@FunctionalInterface
public interface Lookup {
    List<Object> run(List<Object> terms, CallArgs args, CallContext ctx);
}
